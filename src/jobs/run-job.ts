import { hostname } from 'node:os';
import type { ServiceContext } from '../services/service-context';
import { claimSlot, finishRun } from './job-claim';
import type { JobSpec } from './job-specs';

/** The result of one `job run` or cron fire. */
export type JobOutcome =
  | { ran: true; slot: string; outcome: string }
  | { ran: false; slot: string; reason: string };

/** Who runs: host and process, for job_runs.runner. */
export const RUNNER = `${hostname()}:${process.pid}`.slice(0, 64);

/**
 * Runs `job` for the period `slot` once across replicas: the same claim for cron and
 * `bot job run`. A period already run is skipped unless `force`; a failure is recorded and
 * rethrown so the caller can say so.
 */
export async function runJob(
  ctx: ServiceContext,
  job: JobSpec,
  slot: string,
  opts: { now: Date; force?: boolean; clock?: () => Date },
): Promise<JobOutcome> {
  const clock = opts.clock ?? (() => new Date());
  const claim = await claimSlot(ctx.ds, { job: job.name, slot, runner: RUNNER, now: opts.now, force: opts.force });
  if (!claim.claimed) {
    const e = claim.existing;
    return { ran: false, slot, reason: `${job.name} ${slot} already ${e.status === 'running' ? 'running' : 'ran'} (${e.runner}, ${e.startedAt.toISOString()}): ${e.outcome ?? ''}`.trim() };
  }
  try {
    const outcome = await job.run({ ctx, slot, now: opts.now, force: opts.force ?? false });
    await finishRun(ctx.ds, claim.run, 'done', outcome, clock());
    return { ran: true, slot, outcome };
  } catch (e) {
    await finishRun(ctx.ds, claim.run, 'failed', (e as Error).message, clock());
    throw e;
  }
}
