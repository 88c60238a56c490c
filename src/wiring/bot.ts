import type { Clock } from '../core/clock';
import type { CommandRouter } from '../core/command-router';
import { Dispatcher, type DispatchPorts, type TurnHandler } from '../core/dispatcher';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/messenger';
import { createCommandRouter } from '../commands';
import { claimEvent, findEmployeeByAccount, recordEventOutcome } from '../db/event-ports';
import { writeTransaction } from '../db/transaction';
import { isDatabaseUnavailable } from '../db/unavailable';
import { alertFailedMessage } from '../outbox/failure-alert';
import { OutboxWorker, type OutboxEvents } from '../outbox/outbox-worker';
import { OutboxWriter } from '../outbox/outbox-writer';
import type { ServiceContext } from '../services/service-context';
import { adminAlerter } from './admin-alerts';
import { backgroundJobs, type BackgroundRunner } from './background-jobs';
import { jobDeps } from './jobs';

/** The running bot: the dispatcher every adapter feeds, and the outbox that sends for them. */
export interface Bot {
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  writer: OutboxWriter;
  router: CommandRouter;
  /** Jobs the chat started (a big 结算), running outside their turn. */
  background: BackgroundRunner;
}

/** Options of {@link createBot}: tests put a slow handler in the router's place. */
export interface BotOptions {
  handler?: TurnHandler;
}

/**
 * Wires the chat core: command router with every command, dispatcher on the database's ports,
 * outbox writer and worker over the platforms' messengers. Admins are alerted of messages the
 * outbox gives up on and of turns that failed, each once per dedup key.
 */
export function createBot(ctx: ServiceContext, messengers: Messenger[], clock: Clock, logger: Logger, events: OutboxEvents = {}, opts: BotOptions = {}): Bot {
  const writer = new OutboxWriter(ctx.ds, logger);
  const platforms = messengers.map((m) => m.platform);
  const alertAdmins = adminAlerter(ctx, writer, platforms, clock, () => outbox.wake());
  const jobs = jobDeps(ctx, platforms, clock, logger);
  const background = backgroundJobs(jobs, logger, alertAdmins, () => outbox.wake());
  // The commands' services may tell the admins (a closed month changed) and start a job (a big 结算).
  const router = createCommandRouter({ ...ctx, notify: jobs.notify, background });
  const outbox = new OutboxWorker(ctx.ds, new Map(messengers.map((m) => [m.platform, m])), clock, logger, {}, {
    ...events,
    failed: (row, error) => {
      events.failed?.(row, error);
      alertFailedMessage(ctx.ds, row, error, alertAdmins, logger).catch((err: unknown) => logger.error({ err }, 'could not alert the admins of a failed message'));
    },
  });
  const ports: DispatchPorts = {
    transaction: (work, deadline) =>
      writeTransaction(ctx.ds, (_em, scope) => work(scope), { deadline, onCleanupError: (err) => logger.warn({ err }, 'rolling back an abandoned turn failed') }),
    claimEvent: (event, receivedAt, outcome) => claimEvent(ctx.ds, event, receivedAt, outcome),
    recordOutcome: (event, outcome) => recordEventOutcome(ctx.ds, event, outcome),
    findEmployee: (platform, externalId) => findEmployeeByAccount(ctx.ds, platform, externalId),
    enqueue: (event, intents) => writer.enqueue({ event, platforms }, intents, clock.now()),
    delivered: () => outbox.wake(),
    alertAdmins,
    isUnavailable: isDatabaseUnavailable,
  };
  const options = {
    maxAgeMs: ctx.policy.events.dedupRetentionDays * 24 * 60 * 60 * 1000,
    maxSkewMs: ctx.policy.events.maxClockSkewSeconds * 1000,
    turnBudgetMs: ctx.policy.chat.turnBudgetMs,
    timeZone: ctx.policy.timezone,
  };
  return { dispatcher: new Dispatcher(ports, opts.handler ?? router, clock, logger, options), outbox, writer, router, background };
}
