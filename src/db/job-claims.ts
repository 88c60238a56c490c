import type { DataSource, Repository } from 'typeorm';
import { inTransaction } from './transaction';
import { JobRun } from './entities';
import { isDuplicateKey } from './errors';

/** A run older than this still marked running is taken to have died with its process. */
const STALE_RUN_MS = 60 * 60 * 1000;

/** The outcome of claiming a (job, slot). */
export type Claim = { claimed: true; run: JobRun } | { claimed: false; existing: JobRun };

/**
 * Claims one business period of a job, once across replicas and CLI runs: the unique
 * (job, slot) row is the claim. A slot already done is not claimed again unless `force`; a
 * failed run, or one left running past an hour, may be claimed again.
 */
export async function claimSlot(ds: DataSource, args: { job: string; slot: string; runner: string; now: Date; force?: boolean }): Promise<Claim> {
  try {
    const run = await inTransaction(ds, async (em) => {
      await em.insert(JobRun, { job: args.job, slot: args.slot, status: 'running', runner: args.runner, runs: 1, startedAt: args.now, finishedAt: null, outcome: null });
      return em.findOneByOrFail(JobRun, { job: args.job, slot: args.slot });
    });
    return { claimed: true, run };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return inTransaction(ds, (em) => retake(em.getRepository(JobRun), args));
}

async function retake(repo: Repository<JobRun>, args: { job: string; slot: string; runner: string; now: Date; force?: boolean }): Promise<Claim> {
  const existing = await repo.findOneByOrFail({ job: args.job, slot: args.slot });
  const mayRetake =
    args.force || existing.status === 'failed' || (existing.status === 'running' && args.now.getTime() - existing.startedAt.getTime() > STALE_RUN_MS);
  if (!mayRetake) return { claimed: false, existing };
  const taken = await repo
    .createQueryBuilder()
    .update(JobRun)
    .set({ status: 'running', runner: args.runner, runs: existing.runs + 1, startedAt: args.now, finishedAt: null, outcome: null })
    .where('id = :id AND runs = :runs', { id: existing.id, runs: existing.runs })
    .execute();
  if (!taken.affected) return { claimed: false, existing: await repo.findOneByOrFail({ id: existing.id }) };
  return { claimed: true, run: await repo.findOneByOrFail({ id: existing.id }) };
}

/** Marks a claimed run finished, with a one-line outcome for people. */
export async function finishRun(ds: DataSource, run: Pick<JobRun, 'id'>, status: 'done' | 'failed', outcome: string, now: Date): Promise<void> {
  await inTransaction(ds, (em) => em.update(JobRun, { id: run.id }, { status, outcome: outcome.slice(0, 2000), finishedAt: now }));
}

/** The claim store of the jobs (their SlotClaims port) over job_runs. */
export function sqlSlotClaims(ds: DataSource): {
  claim: (args: Parameters<typeof claimSlot>[1]) => Promise<Claim>;
  finish: (run: Pick<JobRun, 'id'>, status: 'done' | 'failed', outcome: string, now: Date) => Promise<void>;
  exists: (job: string, slot: string) => Promise<boolean>;
} {
  return {
    claim: (args) => claimSlot(ds, args),
    finish: (run, status, outcome, now) => finishRun(ds, run, status, outcome, now),
    exists: async (job, slot) => (await ds.getRepository(JobRun).countBy({ job, slot })) > 0,
  };
}
