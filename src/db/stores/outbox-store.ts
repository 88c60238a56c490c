import { In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { isSqlite } from '../data-source';
import { OutboxMessage } from '../entities';
import { insertOne } from '../lean-queries';
import type { Tx } from './tx';

/**
 * The outbox rows: written by the writer (every reply of a chat event is one insert here,
 * built once and never read back), counted by the metrics, and claimed, renewed, released and
 * settled by the worker (src/outbox/outbox-claims.ts and outbox-worker.ts decide when).
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

/**
 * Up to `take` due rows of `platforms` whose claim is free or lapsed, oldest first. On
 * MySQL/MariaDB they are locked FOR UPDATE and rows another replica is claiming are skipped,
 * not waited for (SQLite runs one transaction at a time, so it needs no lock).
 */
export function dueUnclaimed(tx: Tx, platforms: string[], now: Date, take: number): Promise<OutboxMessage[]> {
  const due = { status: 'pending', nextAttemptAt: LessThanOrEqual(now), platform: In(platforms) } as const;
  return tx.find(OutboxMessage, {
    where: [
      { ...due, claimedUntil: IsNull() },
      { ...due, claimedUntil: LessThan(now) },
    ],
    order: { id: 'ASC' },
    take,
    ...(isSqlite(tx.dataSource) ? {} : { lock: { mode: 'pessimistic_write' as const, onLocked: 'skip_locked' as const } }),
  });
}

/** Marks the rows `ids` claimed by `token` until `until`, those still pending and unclaimed (or lapsed) at `now`. */
export async function markClaimed(tx: Tx, ids: number[], token: string, until: Date, now: Date): Promise<void> {
  await tx
    .createQueryBuilder()
    .update(OutboxMessage)
    .set({ claimedBy: token, claimedUntil: until })
    .where('id IN (:...ids) AND status = :pending AND (claimed_until IS NULL OR claimed_until < :now)', { ids, pending: 'pending', now })
    .execute();
}

/** Extends to `until` the claim `token` holds on rows still pending; how many it still holds. */
export async function extendClaim(tx: Tx, token: string, until: Date): Promise<number> {
  const done = await tx
    .createQueryBuilder()
    .update(OutboxMessage)
    .set({ claimedUntil: until })
    .where('claimed_by = :token AND status = :pending', { token, pending: 'pending' })
    .execute();
  return done.affected ?? 0;
}

/** The ids of the pending rows `token` holds. */
export async function claimedPendingIds(tx: Tx, token: string): Promise<number[]> {
  const rows = await tx.find(OutboxMessage, { select: { id: true }, where: { claimedBy: token, status: 'pending' } });
  return rows.map((r) => r.id);
}

/** Frees the pending rows `token` holds, for any worker's next round. */
export async function freeClaim(tx: Tx, token: string): Promise<void> {
  await tx.update(OutboxMessage, { claimedBy: token, status: 'pending' }, { claimedBy: null, claimedUntil: null });
}

/** What a send made: the platform's message ids (the first is kept as messageId). */
export interface SentOutcome {
  sentAt: Date;
  messageIds: string[];
}

/** Records row `id` as sent (one statement), whoever holds its claim now: the platform has the message. */
export async function markSent(tx: Tx, id: number, outcome: SentOutcome): Promise<void> {
  const ids = outcome.messageIds;
  await tx.update(
    OutboxMessage,
    { id, status: Not('sent') },
    { status: 'sent', sentAt: outcome.sentAt, messageId: ids[0] ?? null, messageIds: ids.length > 1 ? ids : null, claimedUntil: null, lastError: null },
  );
}

/** Gives row `id` up (status failed) after `attempts` tries, if `token` still holds it. */
export async function markFailed(tx: Tx, id: number, token: string, attempts: number, lastError: string): Promise<void> {
  await tx.update(OutboxMessage, { id, claimedBy: token }, { status: 'failed', attempts, lastError, claimedUntil: null });
}

/** Frees row `id` for a retry at `nextAttemptAt`, if `token` still holds it. */
export async function markRetry(tx: Tx, id: number, token: string, attempts: number, lastError: string, nextAttemptAt: Date): Promise<void> {
  await tx.update(OutboxMessage, { id, claimedBy: token }, { attempts, lastError, nextAttemptAt, claimedUntil: null, claimedBy: null });
}

/** Every row of a card (`cardKey`) on `platform`: its sends and updates. */
export function rowsOfCard(tx: Tx, cardKey: string, platform: string): Promise<OutboxMessage[]> {
  return tx.find(OutboxMessage, { where: { cardKey, platform } });
}
