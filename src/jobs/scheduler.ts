import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/logger';
import { zonedMinute } from '../domain/dates';
import { refreshCalendar } from '../services/calendar';
import { findJob } from './job-specs';
import { runJob, type JobDeps, type JobOutcome } from './run-job';
import { cronExpression, firesBetween, triggers, type Fire, type Trigger } from './schedule';

/** Options of the scheduler. */
export interface SchedulerOptions {
  /** How far back a starting replica looks for missed fires. */
  lookbackDays?: number;
  /** node-cron's distributed coordinator (the SQL lease one); the period claim stays inside the job. */
  coordinator?: RunCoordinator;
}

/**
 * Runs the jobs on node-cron in the policy's time zone. Each fire runs the job for the period
 * it means through the same claim as `bot job run`, so N replicas fire each period once. On
 * start it catches up what it missed: judging jobs always, reminders only while still useful.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: JobDeps,
    private readonly logger: Logger,
    private readonly opts: SchedulerOptions = {},
  ) {}

  /** Starts the cron tasks (they do not keep the process alive on their own). */
  start(): void {
    const p = this.deps.ctx.policy;
    for (const trigger of triggers(p)) {
      const task = cron.createTask(cronExpression(trigger), (c) => this.track(this.onTick(trigger, c.date)), {
        timezone: p.timezone,
        name: `bot:${trigger.job}`,
        noOverlap: true,
        ...(this.opts.coordinator ? { distributed: true, runCoordinator: this.opts.coordinator } : {}),
      });
      void task.start();
      this.tasks.push(task);
    }
  }

  /** Stops the cron tasks and waits for runs in flight. */
  async stop(): Promise<void> {
    for (const t of this.tasks.splice(0)) await t.destroy();
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Brings the calendar up to the database before deciding which fires run (a failure keeps the loaded one). */
  private async refreshCalendar(): Promise<void> {
    try {
      await refreshCalendar(this.deps.ctx);
    } catch (err) {
      this.logger.warn({ err }, 'could not read the holiday calendar; deciding with the one loaded');
    }
  }

  private async onTick(trigger: Trigger, at: Date): Promise<void> {
    await this.refreshCalendar();
    const date = zonedMinute(at, this.deps.ctx.policy.timezone).date;
    if (!trigger.runsOn(date, this.deps.ctx.calendar)) return;
    await this.fire({ trigger, date, at, slot: trigger.slotFor(date) });
  }

  /** Runs one fire; a failure is logged (cron never sees an exception). */
  async fire(f: Fire): Promise<JobOutcome | null> {
    const spec = findJob(f.trigger.job);
    if (!spec) return null;
    try {
      const r = await runJob(this.deps, spec, f.slot);
      if (r.ran) this.logger.info({ job: spec.name, slot: f.slot }, r.outcome);
      return r;
    } catch (err) {
      this.logger.error({ err, job: spec.name, slot: f.slot }, 'scheduled job failed');
      return null;
    }
  }

  /**
   * Replays the fires since `lookbackDays` that have not run: close-day, the weekly check and
   * close-month always; a reminder only within the policy's tolerance (a late reminder is no
   * use). Says in the log what it caught up and what it skipped.
   */
  async catchUp(): Promise<Fire[]> {
    const { ctx, clock, claims } = this.deps;
    await this.refreshCalendar();
    const now = clock.now();
    const from = new Date(now.getTime() - (this.opts.lookbackDays ?? 7) * 24 * 3600_000);
    const done: Fire[] = [];
    for (const f of firesBetween(triggers(ctx.policy), from, now, ctx.policy, ctx.calendar)) {
      if (await claims.exists(f.trigger.job, f.slot)) continue;
      const lateMinutes = (now.getTime() - f.at.getTime()) / 60_000;
      if (f.trigger.catchUpMinutes !== 'always' && lateMinutes > f.trigger.catchUpMinutes) {
        this.logger.warn({ job: f.trigger.job, slot: f.slot, lateMinutes: Math.round(lateMinutes) }, 'missed while down; too late to be useful, skipped');
        continue;
      }
      this.logger.warn({ job: f.trigger.job, slot: f.slot, lateMinutes: Math.round(lateMinutes) }, 'missed while down; catching up');
      await this.fire(f);
      done.push(f);
    }
    return done;
  }
}
