import { hostname } from 'node:os';
import type { Clock } from '../core/clock';
import type { Notifier } from '../core/notifier';
import { refreshCalendar } from '../services/calendar';
import type { ServiceContext } from '../services/service-context';
import type { JobSpec } from './job-spec';
import type { JobViews } from './job-views';

/** The result of one `job run` or cron fire. */
export type JobOutcome =
  | { ran: true; slot: string; outcome: string; sends: boolean; summary?: string; idle?: boolean }
  | { ran: false; slot: string; reason: string };

/** Who runs: host and process, for job_runs.runner. */
export const RUNNER = `${hostname()}:${process.pid}`.slice(0, 64);

/** A claimed run of one period, as the claim store returns it. */
export interface ClaimedRun {
  id: number;
  runs: number;
  status: string;
  runner: string;
  startedAt: Date;
  outcome: string | null;
}

/** The (job, slot) claim store (db/job-claims implements it over job_runs). */
export interface SlotClaims {
  claim(args: { job: string; slot: string; runner: string; now: Date; force?: boolean }): Promise<{ claimed: true; run: ClaimedRun } | { claimed: false; existing: ClaimedRun }>;
  finish(run: ClaimedRun, status: 'done' | 'failed', outcome: string, now: Date): Promise<void>;
  /** Whether the period ran (or is running). */
  exists(job: string, slot: string): Promise<boolean>;
}

/** What running a job needs besides the job: services, the outbox, the cards, the claims, the clock. */
export interface JobDeps {
  claims: SlotClaims;
  ctx: ServiceContext;
  notify: Notifier;
  views: JobViews;
  clock: Clock;
  runner?: string;
}

/**
 * Runs `job` for the period `slot` once across replicas: the same claim for cron and
 * `bot job run`. A period already run is skipped unless `force`; a failure is recorded and
 * rethrown so the caller can say so. A forced sending job sends again (new dedup keys).
 */
export async function runJob(deps: JobDeps, job: JobSpec, slot: string, opts: { now?: Date; force?: boolean } = {}): Promise<JobOutcome> {
  const now = opts.now ?? deps.clock.now();
  const runner = deps.runner ?? RUNNER;
  const claim = await deps.claims.claim({ job: job.name, slot, runner, now, force: opts.force });
  if (!claim.claimed) {
    const e = claim.existing;
    return { ran: false, slot, reason: `${job.name} ${slot} already ${e.status === 'running' ? 'running' : 'ran'} (${e.runner}, ${e.startedAt.toISOString()}): ${e.outcome ?? ''}`.trim() };
  }
  const keySuffix = opts.force && job.sends && claim.run.runs > 1 ? `:r${claim.run.runs}` : '';
  try {
    // Days entered in chat on any replica count from the next run on: one single-row read.
    await refreshCalendar(deps.ctx);
    const result = await job.run({ ctx: deps.ctx, slot, now, force: opts.force ?? false, notify: deps.notify, views: deps.views, keySuffix });
    const report = typeof result === 'string' ? { outcome: result } : result;
    await deps.claims.finish(claim.run, 'done', report.outcome, deps.clock.now());
    return { ...report, ran: true, slot, sends: job.sends ?? false };
  } catch (e) {
    await deps.claims.finish(claim.run, 'failed', (e as Error).message, deps.clock.now());
    throw e;
  }
}
