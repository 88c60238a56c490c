import type { BackgroundJobs } from '../core/background-jobs';
import type { AdminAlert } from '../core/dispatcher';
import type { Logger } from '../core/logger';
import { ambient } from '../db/liveness';
import { findJob } from '../jobs/job-specs';
import { runJob, type JobDeps } from '../jobs/run-job';

/** {@link BackgroundJobs} with a way to wait for what was started (shutdown, tests). */
export interface BackgroundRunner extends BackgroundJobs {
  /** Resolves once every job started so far has ended. */
  idle(): Promise<void>;
}

/**
 * Runs a job a chat turn started (结算 of a company too big for the turn's budget) in this
 * process, outside the turn: not in its transaction (the ambient one is left behind) and only
 * once the turn's call stack has returned. The job's claim makes it once per period across
 * replicas; its notices report to the admins; a failure is logged and the admins are alerted.
 */
export function backgroundJobs(deps: JobDeps, logger: Logger, alertAdmins: (alert: AdminAlert) => Promise<void>, wake: () => void): BackgroundRunner {
  const running = new Set<Promise<void>>();
  return {
    start(job, slot, opts) {
      const spec = findJob(job);
      if (!spec) throw new Error(`no job named ${job}`);
      const run = ambient.exit(() =>
        new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => runJob(deps, spec, slot, { force: opts.force }))
          .then((outcome) => logger.info({ job, slot, outcome }, 'background job ended'))
          .catch(async (err: unknown) => {
            logger.error({ err, job, slot }, 'background job failed');
            await alertAdmins({ key: `background:${job}:${slot}:${deps.clock.now().getTime()}`, text: `后台任务 ${job}（${slot}）失败：${(err as Error).message}。请查看日志后重试。` }).catch(() => undefined);
          })
          .finally(() => {
            running.delete(run);
            wake();
          }),
      );
      running.add(run);
    },
    async idle() {
      while (running.size) await Promise.all([...running]);
    },
  };
}
