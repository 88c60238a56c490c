import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxMessage } from '../db/entities';
import { claimedPendingIds, dueUnclaimed, extendClaim, freeClaim, markClaimed } from '../db/stores/outbox-store';
import { inTransaction, singleStatement } from '../db/transaction';

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
 * Claims up to `take` due rows of `platforms` for `holder` until now + `claimMs`, in one
 * transaction; rows another replica is claiming are skipped (dueUnclaimed).
 */
export async function claimDue(ds: DataSource, holder: string, platforms: string[], now: Date, take: number, claimMs: number): Promise<Claim> {
  const token = `${holder}:${randomUUID().slice(0, 12)}`;
  const until = new Date(now.getTime() + claimMs);
  const rows = await inTransaction(ds, async (tx) => {
    const due = await dueUnclaimed(tx, platforms, now, take);
    if (!due.length) return [];
    await markClaimed(tx, due.map((r) => r.id), token, until, now);
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
  const still = await inTransaction(ds, async (tx) => ((await extendClaim(tx, claim.token, until)) === pending.length ? pending : claimedPendingIds(tx, claim.token)));
  claim.ours = new Set(still.filter((id) => claim.ours.has(id)));
  claim.until = until;
}

/** Gives up the rows of `claim` not delivered yet, so that the next round (of any worker) takes them at once. */
export async function releaseClaim(ds: DataSource, claim: Claim): Promise<void> {
  await singleStatement(ds, (tx) => freeClaim(tx, claim.token));
}
