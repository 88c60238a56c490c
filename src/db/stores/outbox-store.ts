import { OutboxMessage } from '../entities';
import { insertOne } from '../lean-queries';
import type { Tx } from './tx';

/**
 * The outbox rows as the writer and the metrics see them (the worker's claims and sends are in
 * src/outbox/outbox-claims.ts and outbox-worker.ts). Every reply of a chat event is one
 * insert here, built once and never read back.
 */

/** A new row: everything but the id. */
export type NewOutboxRow = Omit<OutboxMessage, 'id'>;

/** Stores a pending row (one statement, nothing read back). */
export async function insertOutboxRow(tx: Tx, row: NewOutboxRow): Promise<void> {
  await insertOne(tx, OutboxMessage, row);
}

/** True when a row with `dedupKey` exists (a job's notice already written). */
export async function hasDedupKey(tx: Tx, dedupKey: string): Promise<boolean> {
  return (await tx.findOneBy(OutboxMessage, { dedupKey })) !== null;
}

/** The platforms a card (`cardKey`) was sent on: each gets its own update row. */
export async function platformsOfCard(tx: Tx, cardKey: string): Promise<string[]> {
  const rows = await tx
    .createQueryBuilder(OutboxMessage, 'o')
    .select('DISTINCT o.platform', 'platform')
    .where('o.cardKey = :cardKey', { cardKey })
    .getRawMany<{ platform: string }>();
  return rows.map((r) => r.platform);
}

/** How many rows wait to be sent. */
export function countPending(tx: Tx): Promise<number> {
  return tx.countBy(OutboxMessage, { status: 'pending' });
}

/** When the oldest row still waiting was written, or null when none waits. */
export async function oldestPendingAt(tx: Tx): Promise<Date | null> {
  const oldest = await tx.findOne(OutboxMessage, { where: { status: 'pending' }, order: { createdAt: 'ASC' } });
  return oldest?.createdAt ?? null;
}

/** When the newest row was written, or null when the outbox is empty. */
export async function newestRowAt(tx: Tx): Promise<Date | null> {
  const [newest] = await tx.find(OutboxMessage, { order: { createdAt: 'DESC' }, take: 1 });
  return newest?.createdAt ?? null;
}
