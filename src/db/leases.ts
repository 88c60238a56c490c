import type { DataSource } from 'typeorm';
import { Lease } from './entities';
import { isDuplicateKey } from './errors';
import { inTransaction } from './transaction';

/**
 * Takes or renews the named lease for `holder` until now + ttl: free, lapsed or already ours →
 * true; held by another that has not lapsed → false. One replica at a time sends for a
 * platform this way, so the platform's per-app rate limit holds across replicas.
 */
export async function acquireLease(ds: DataSource, name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // A conditional update, then an insert: no locking read, so two replicas racing for a free
  // lease never deadlock on a gap lock; the unique name decides the insert.
  const renewed = await inTransaction(ds, (em) =>
    em
      .createQueryBuilder()
      .update(Lease)
      .set({ holder, expiresAt })
      .where('name = :name AND (holder = :holder OR expires_at < :now)', { name, holder, now })
      .execute(),
  );
  if (renewed.affected) return true;
  try {
    await inTransaction(ds, (em) => em.insert(Lease, { name, holder, expiresAt }));
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Gives a lease up so another replica may take it at once. */
export async function releaseLease(ds: DataSource, name: string, holder: string): Promise<void> {
  await inTransaction(ds, (em) => em.delete(Lease, { name, holder }));
}
