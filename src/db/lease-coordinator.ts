import { createHash } from 'node:crypto';
import { LessThan, type DataSource } from 'typeorm';
import { Lease } from './entities';
import { isDuplicateKey } from './errors';
import { inTransaction } from './transaction';

/**
 * node-cron's RunCoordinator over the leases table: of several replicas firing the same cron
 * tick, the one that inserts the tick's lease runs it. Its key is per fire time, not per period,
 * so the jobs still claim their period in job_runs (docs/architecture.md); this only spares the others the
 * work. Expired tick leases older than a day are swept on the way.
 */
export class LeaseRunCoordinator {
  constructor(
    private readonly ds: DataSource,
    private readonly holder: string,
    private readonly clock: () => Date,
  ) {}

  /** True for the replica that takes the tick's lease. */
  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    const name = `cron:${createHash('sha1').update(key).digest('hex')}`;
    try {
      await inTransaction(this.ds, async (em) => {
        await em.delete(Lease, { name: LessThan('cron:~'), expiresAt: LessThan(new Date(now.getTime() - 24 * 3600_000)) });
        await em.insert(Lease, { name, holder: this.holder.slice(0, 64), expiresAt: new Date(now.getTime() + ttlMs) });
      });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}
