import { In, IsNull } from 'typeorm';
import { MonthChange } from '../entities';
import { insertOne } from '../lean-queries';
import type { Tx } from './tx';

/** Changes to closed months (month_changes): recorded by the change, resolved by the next close. */

/** A change as recorded. */
export type NewMonthChange = Omit<MonthChange, 'id' | 'resolvedBy' | 'resolvedAt'>;

/** Records a change to a closed month (open until a close resolves it); returns its id. */
export function insertMonthChange(tx: Tx, change: NewMonthChange): Promise<number> {
  return insertOne(tx, MonthChange, { ...change, resolvedBy: null, resolvedAt: null });
}

/** The open changes of `month` (of `employeeIds` only, when given), oldest first. */
export function openMonthChanges(tx: Tx, month: string, employeeIds?: number[]): Promise<MonthChange[]> {
  return tx.find(MonthChange, {
    where: { month, resolvedAt: IsNull(), ...(employeeIds ? { employeeId: In(employeeIds) } : {}) },
    order: { id: 'ASC' },
  });
}

/** Resolves the changes `ids` (those a close run saw open when it started): `closeId` is that run; returns how many. */
export async function resolveMonthChanges(tx: Tx, ids: number[], closeId: number, at: Date): Promise<number> {
  if (!ids.length) return 0;
  const r = await tx.update(MonthChange, { id: In(ids), resolvedAt: IsNull() }, { resolvedBy: closeId, resolvedAt: at });
  return r.affected ?? 0;
}
