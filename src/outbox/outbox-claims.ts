import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, LessThanOrEqual, type DataSource } from 'typeorm';
import { isSqlite } from '../db/data-source';
import { OutboxMessage } from '../db/entities';
import { inTransaction } from '../db/transaction';

/**
 * The rows one delivery round took: marked with `token` until `until`. `ours` is the subset
 * still marked with the token as far as the worker knows (a renewal that finds a row taken by
 * another worker drops it).
 */
export interface Claim {
  token: string;
  until: Date;
  rows: OutboxMessage[];
  ours: Set<number>;
}

/**
 * Claims up to `take` due rows of `platforms` for `holder` until now + `claimMs`. On
 * MySQL/MariaDB rows another replica is claiming are skipped, not waited for (SQLite runs one
 * transaction at a time, so it needs no lock).
 */
export async function claimDue(ds: DataSource, holder: string, platforms: string[], now: Date, take: number, claimMs: number): Promise<Claim> {
  const token = `${holder}:${randomUUID().slice(0, 12)}`;
  const until = new Date(now.getTime() + claimMs);
  const rows = await inTransaction(ds, async (em) => {
    const due = await em.find(OutboxMessage, {
      where: [
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), platform: In(platforms), claimedUntil: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), platform: In(platforms), claimedUntil: LessThan(now) },
      ],
      order: { id: 'ASC' },
      take,
      ...(isSqlite(ds) ? {} : { lock: { mode: 'pessimistic_write' as const, onLocked: 'skip_locked' as const } }),
    });
    if (!due.length) return [];
    await em
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ claimedBy: token, claimedUntil: until })
      .where('id IN (:...ids) AND status = :pending AND (claimed_until IS NULL OR claimed_until < :now)', { ids: due.map((r) => r.id), pending: 'pending', now })
      .execute();
    // The rows are ours: locked FOR UPDATE on MySQL, and SQLite runs one transaction at a time.
    return due.map((r) => Object.assign(r, { claimedBy: token, claimedUntil: until }));
  });
  return { token, until, rows, ours: new Set(rows.map((r) => r.id)) };
}

/**
 * Extends the claim on the rows still pending under its token to `until`. A row another worker
 * took in the meantime (its claim had lapsed) no longer carries the token: it leaves `ours`.
 */
export async function renewClaim(ds: DataSource, claim: Claim, until: Date): Promise<void> {
  const pending = [...claim.ours];
  if (!pending.length) return;
  const still = await inTransaction(ds, async (em) => {
    const done = await em
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ claimedUntil: until })
      .where('claimed_by = :token AND status = :pending', { token: claim.token, pending: 'pending' })
      .execute();
    if (done.affected === pending.length) return pending;
    const rows = await em.find(OutboxMessage, { select: { id: true }, where: { claimedBy: claim.token, status: 'pending' } });
    return rows.map((r) => r.id);
  });
  claim.ours = new Set(still.filter((id) => claim.ours.has(id)));
  claim.until = until;
}

/** Gives up the rows of `claim` not delivered yet, so that the next round (of any worker) takes them at once. */
export async function releaseClaim(ds: DataSource, claim: Claim): Promise<void> {
  await inTransaction(ds, (em) =>
    em
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ claimedBy: null, claimedUntil: null })
      .where('claimed_by = :token AND status = :pending', { token: claim.token, pending: 'pending' })
      .execute(),
  );
}
