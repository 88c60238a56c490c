import { jobViews } from './job-views';
import type { Clock } from '../core/clock';
import type { Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import type { Notifier } from '../core/notifier';
import { sqlSlotClaims } from '../db/job-claims';
import { LeaseRunCoordinator } from '../db/lease-coordinator';
import type { JobDeps } from '../jobs/run-job';
import { RUNNER } from '../jobs/run-job';
import { Scheduler } from '../jobs/scheduler';
import { OutboxWriter } from '../outbox/outbox-writer';
import type { ServiceContext } from '../services/service-context';

/** What the jobs run with, for the CLI and the scheduler: notices go to `platforms`' outbox. */
export function jobDeps(ctx: ServiceContext, platforms: Platform[], clock: Clock, logger: Logger): JobDeps {
  const writer = new OutboxWriter(ctx.ds, logger);
  const notify: Notifier = (notices) => writer.enqueueNotices(platforms, notices, clock.now());
  // The services a job calls may tell the admins too (a re-judged day of a closed month).
  return { ctx: { ...ctx, notify }, clock, views: jobViews, claims: sqlSlotClaims(ctx.ds), notify };
}

/** The cron scheduler, coordinated across replicas by a lease in the database. */
export function createScheduler(deps: JobDeps, logger: Logger): Scheduler {
  return new Scheduler(deps, logger, { coordinator: new LeaseRunCoordinator(deps.ctx.ds, RUNNER, () => deps.clock.now()) });
}
