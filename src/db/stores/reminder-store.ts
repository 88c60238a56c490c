import { ApprovalReminder } from '../entities';
import { Bound, insertMany, selectWhere } from '../lean-queries';
import type { Tx } from './tx';

/** Reminders of pending requests (approval_reminders): each step once per request. */

/** The steps already sent for the requests `ids` of kind `letter`, as 'id:step' keys. */
export async function remindedSteps(tx: Tx, letter: string, ids: number[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await selectWhere(tx, ApprovalReminder, { requestKind: letter, requestId: Bound.oneOf(ids) });
  return new Set(rows.map((r) => `${r.requestId}:${r.step}`));
}

/** Records steps as sent; a step recorded by a concurrent run makes the statement fail (unique key), and its transaction with it. */
export function recordReminders(tx: Tx, rows: Array<Omit<ApprovalReminder, 'id'>>): Promise<void> {
  return insertMany(tx, ApprovalReminder, rows);
}
