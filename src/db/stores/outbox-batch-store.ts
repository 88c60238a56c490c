import { In } from 'typeorm';
import { OutboxMessage } from '../entities';
import { insertMany } from '../lean-queries';
import type { NewOutboxRow } from './outbox-store';
import type { Tx } from './tx';

/**
 * A job's notices written to the outbox in batches (a month end's pay slips: thousands at once):
 * the batch's dedup keys checked in one statement and its rows written in multi-row inserts.
 */

/** The keys among `keys` that an outbox row already carries (notices written before). */
export async function takenDedupKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.find(OutboxMessage, { select: { id: true, dedupKey: true }, where: { dedupKey: In(keys) } });
  return new Set(rows.map((r) => r.dedupKey as string));
}

/** Stores pending rows in multi-row statements, in the given order (ids ascending), nothing read back. */
export function insertOutboxRows(tx: Tx, rows: NewOutboxRow[]): Promise<void> {
  return rows.length ? insertMany(tx, OutboxMessage, rows) : Promise.resolve();
}
