import type { DemoSchedule } from '../../bots/web';
import type { Notifier } from '../core/notifier';
import { findJob, type JobSpec } from '../jobs/job-specs';
import { runJob, type JobDeps } from '../jobs/run-job';
import { firesBetween, triggers } from '../jobs/schedule';

/**
 * The real jobs for the web demo's clock (bots/web's DemoSchedule port): cron's fire times and
 * `bot job run`'s claim. Each run resolves to the job's Chinese summary for the clock log, or
 * null when it did nothing: the job said so (no reminder due), or it is a sending job that wrote
 * no notice (a job that brings no summary of its own).
 */
export function demoSchedule(deps: JobDeps, wakeOutbox: () => void, find: (name: string) => JobSpec | undefined = findJob): DemoSchedule {
  const { policy, calendar } = deps.ctx;
  return {
    firesBetween: (from, to) => firesBetween(triggers(policy), from, to, policy, calendar).map((f) => ({ job: f.trigger.job, slot: f.slot, at: f.at })),
    run: async (fire) => {
      const spec = find(fire.job);
      if (!spec) throw new Error(`没有名为 ${fire.job} 的任务`);
      let written = 0;
      const notify: Notifier = async (notices) => {
        const n = await deps.notify(notices);
        written += n;
        return n;
      };
      const r = await runJob({ ...deps, notify }, spec, fire.slot);
      wakeOutbox();
      if (!r.ran) return `${fire.slot} 已经运行过，这次跳过`;
      if (r.idle ?? (spec.sends === true && written === 0)) return null;
      return r.summary ?? `${fire.slot} 已运行，发出 ${written} 条消息`;
    },
  };
}
