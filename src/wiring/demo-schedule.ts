import type { DemoSchedule } from '../../bots/web';
import { findJob } from '../jobs/job-specs';
import { runJob, type JobDeps } from '../jobs/run-job';
import { firesBetween, triggers } from '../jobs/schedule';

/** The real jobs for the web demo's clock (bots/web's DemoSchedule port): cron's fire times and `bot job run`'s claim. */
export function demoSchedule(deps: JobDeps, wakeOutbox: () => void): DemoSchedule {
  const { policy, calendar } = deps.ctx;
  return {
    firesBetween: (from, to) => firesBetween(triggers(policy), from, to, policy, calendar).map((f) => ({ job: f.trigger.job, slot: f.slot, at: f.at })),
    run: async (fire) => {
      const spec = findJob(fire.job);
      if (!spec) throw new Error(`no job ${fire.job}`);
      const r = await runJob(deps, spec, fire.slot);
      wakeOutbox();
      return r.ran ? r.outcome : r.reason;
    },
  };
}
