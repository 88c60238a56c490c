import { isWorkDate } from './domain/dates';
import { ALL_JOBS, findJob } from './jobs/job-specs';
import { runJob, type JobDeps } from './jobs/run-job';
import { UserError } from './core/errors';

/** Where a job command writes. */
interface JobIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `bot job run NAME [--date YYYY-MM-DD] [--force]`: the same code and claim as cron, for the
 * period containing the date (default: today; close-month: the last ended month). A period
 * already run says so and exits 0; --force re-runs it (judging jobs converge).
 */
export async function runJobCommand(
  deps: JobDeps,
  name: string,
  opts: { date?: string; force?: boolean; now: Date },
  io: JobIo,
): Promise<number> {
  const job = findJob(name);
  if (!job) {
    io.err(`bot: unknown job "${name}"; jobs: ${ALL_JOBS.map((j) => j.name).join(', ')}`);
    return 2;
  }
  if (opts.date !== undefined && !isWorkDate(opts.date)) {
    io.err(`bot: --date must be a date YYYY-MM-DD, got "${opts.date}"`);
    return 2;
  }
  const slot = opts.date ? job.slotOf(opts.date) : job.defaultSlot(opts.now, deps.ctx.policy.timezone);
  try {
    const r = await runJob(deps, job, slot, { now: opts.now, force: opts.force });
    const resent = r.ran && r.sends && opts.force ? '\n(--force: the messages were sent again)' : '';
    io.out(r.ran ? `${job.name} ${r.slot}: ${r.outcome}${resent}` : `${r.reason}\nNothing done; use --force to run it again.`);
    return 0;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.err(`${job.name} ${slot}: ${e.message}`);
    return 1;
  }
}
