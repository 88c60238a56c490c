import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadEnv, AppEnv } from './config/env';
import { loadPolicy } from './config/policy-loader';
import { loadCalendar } from './config/calendar-loader';
import { createLogger, Logger } from './core/logger';
import { createDataSource } from './db/data-source';
import { redactDatabaseUrl } from './db/database-url';
import { zonedMinute } from './domain/dates';
import { refreshCalendar, startCalendarRefresh } from './services/calendar';
import type { Policy } from './domain/policy';
import { createApp } from './http/app';
import { installSignalHandlers, startServer, ServerHandle } from './http/server';
import type { ServiceContext } from './services/service-context';
import { ManualClock, systemClock, type Clock } from './core/clock';
import type { Dispatch, PlatformAdapter } from './core/platform-adapter';
import type { Platform } from './core/incoming-event';
import type { JobDeps } from './jobs/run-job';
import { jobViews } from './commands/job-views';
import { webhookRoutes } from './http/webhook-router';
import { createFeishuAdapter } from '../bots/feishu';
import { createWecomAdapter } from '../bots/wecom';
import { createWechatyAdapter } from '../bots/wechaty';
import { createWebChat, DemoClock } from '../bots/web';
import { demoOrgFile, DemoRefusedError, latestActivity, loadDemoOrg, webChatPeople, type DemoSummary } from './services/demo';
import { Dispatcher, type AdminAlert, type DispatchPorts, type TurnHandler } from './core/dispatcher';
import type { Messenger } from './core/messenger';
import type { CommandRouter } from './core/command-router';
import { createCommandRouter } from './commands';
import { claimEvent, findEmployeeByAccount, recordEventOutcome } from './db/event-ports';
import { sqlSlotClaims } from './db/job-claims';
import { LeaseRunCoordinator } from './db/lease-coordinator';
import { Scheduler } from './jobs/scheduler';
import { RUNNER } from './jobs/run-job';
import { demoSchedule } from './wiring/demo-schedule';
import { logProvisionalYears } from './jobs/calendar-warnings';
import { writeTransaction } from './db/transaction';
import { isDatabaseUnavailable } from './db/unavailable';
import { OutboxWorker, type OutboxEvents } from './outbox/outbox-worker';
import { outboxMetrics } from './outbox/outbox-metrics';
import { createMetrics } from './http/metrics';
import { employedOn } from './services/people';
import { OutboxWriter } from './outbox/outbox-writer';
import { alertFailedMessage } from './outbox/failure-alert';

/** Everything the process is configured with. */
export interface Settings {
  env: AppEnv;
  policy: Policy;
}

/** Reads and validates the environment and the policy file; throws one ConfigError if either is bad. */
export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const env = loadEnv(source);
  return { env, policy: loadPolicy(env.POLICY_FILE) };
}

/** The process logger; on stderr, so a CLI command's stdout carries only its output. */
export function processLogger(env: AppEnv): Logger {
  return createLogger({ level: env.LOG_LEVEL, destination: process.stderr });
}

/** Opens the database named by DATABASE_URL, with a message that names it (password hidden). */
export async function openDatabase(env: AppEnv): Promise<DataSource> {
  const ds = createDataSource(env.DATABASE_URL);
  try {
    await ds.initialize();
  } catch (e) {
    throw new Error(`Cannot open the database ${redactDatabaseUrl(env.DATABASE_URL)}: ${(e as Error).message}`);
  }
  return ds;
}

/** Runs the pending migrations and returns their names. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const done = await ds.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}

/** True while the database answers a trivial query. */
export function databaseReadiness(ds: DataSource): () => Promise<boolean> {
  return async () => {
    if (!ds.isInitialized) return false;
    await ds.query('SELECT 1');
    return true;
  };
}

/** What serve() started: the HTTP server and the bot behind it. */
export interface Running extends ServerHandle {
  bot: Bot;
  /** Undefined with JOBS=off. */
  scheduler: Scheduler | undefined;
}

/** Options of serve(): tests pass a clock and their own adapters. */
export interface ServeOptions {
  signals?: boolean;
  clock?: Clock;
  adapters?: PlatformAdapter[];
}

/**
 * Starts the bot on an open, migrated database: the platforms' webhooks on the HTTP server,
 * the outbox worker sending for them; SIGTERM/SIGINT shut it all down gracefully unless
 * `signals` is false. Refuses to serve with pending migrations: replicas never run on a schema
 * they do not know.
 */
export async function serve(settings: Settings, ds: DataSource, logger: Logger, opts: ServeOptions = {}): Promise<Running> {
  if (await ds.showMigrations()) {
    throw new Error('The database has pending migrations: run `bot migrate` (or `npm start`, which migrates first).');
  }
  const { env } = settings;
  const demoMode = env.webChat && env.platforms.length === 0;
  const clock = opts.clock ?? (demoMode ? new DemoClock(await demoClockStart(ds)) : systemClock);
  if (env.listenHostReason) logger.warn({ host: env.listenHost }, env.listenHostReason);
  const ctx = serviceContext(settings, ds, logger);
  await refreshCalendar(ctx);
  logProvisionalYears(ctx, clock.now(), logger);
  const calendarRefresh = startCalendarRefresh(ctx, logger);
  const adapters = [...(opts.adapters ?? platformAdapters(env, logger))];
  const web = env.webChat && !adapters.some((a) => a.platform === 'web')
    ? createWebChat({ clock, timeZone: settings.policy.timezone, logger, people: () => webChatPeople(ds) })
    : undefined;
  if (web) adapters.push(web.adapter);
  const metrics = createMetrics();
  const bot = createBot(ctx, adapters.map((a) => a.messenger), clock, logger, outboxMetrics(metrics.registry, ds, () => clock.now()));
  const dispatch: Dispatch = (event) => bot.dispatcher.dispatch(event);
  const webhooks = webhookRoutes(adapters, { dispatch, isUnavailable: (e) => bot.dispatcher.isUnavailable(e), logger, clock: () => clock.now() });
  const routers = web ? [...webhooks.routers, web.router({ token: env.WEB_CHAT_TOKEN, publicHosts: [new URL(env.publicUrl).host] })] : webhooks.routers;
  const app = createApp({ logger, isReady: databaseReadiness(ds), routers, metrics, bodyLimitsByPath: webhooks.bodyLimitsByPath });
  bot.outbox.start();
  for (const a of adapters) {
    a.webhook?.warmUp?.();
    await a.connection?.start(dispatch);
  }
  const deps = jobDeps(ctx, enabledPlatforms(env), clock, logger);
  const demoClock = web && demoMode && clock instanceof ManualClock ? clock : undefined;
  if (web && demoClock) {
    web.enableClock({ clock: demoClock, policy: settings.policy, calendar: ctx.calendar, schedule: demoSchedule(deps, () => bot.outbox.wake()), tickMs: env.JOBS === 'on' ? 15_000 : undefined });
  }
  const scheduler = env.JOBS === 'on' && !demoClock ? new Scheduler(deps, logger, { coordinator: new LeaseRunCoordinator(ds, RUNNER, () => clock.now()) }) : undefined;
  const handle = await startServer(app, {
    port: env.PORT,
    host: env.listenHost,
    logger,
    disconnect: web?.disconnect,
    onClose: async () => {
      await scheduler?.stop();
      await calendarRefresh.stop();
      await bot.outbox.stop();
      for (const a of adapters) await a.connection?.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  });
  logger.info(
    { port: handle.port, host: env.listenHost, database: redactDatabaseUrl(env.DATABASE_URL), platforms: env.platforms, webChat: env.webChat },
    `listening on http://${env.listenHost}:${handle.port}`,
  );
  if (scheduler) {
    scheduler.start();
    void scheduler.catchUp().catch((err: unknown) => logger.error({ err }, 'catching up missed jobs failed'));
  } else if (demoClock) {
    logger.info({ now: demoClock.now() }, 'web demo: the demo clock runs the jobs as it passes their times (and on the page\'s clock buttons)');
  } else {
    logger.info('JOBS=off: this replica runs no schedules');
  }
  if (opts.signals !== false) installSignalHandlers(handle, logger);
  return Object.assign(handle, { bot, scheduler });
}

/** Where the web demo's clock starts: now, or later if the database has seen a later time. */
async function demoClockStart(ds: DataSource): Promise<Date> {
  const now = new Date();
  const latest = await latestActivity(ds);
  return latest && latest > now ? latest : now;
}


/**
 * `npm start`'s demo: with the web chat on and no employee in the database, loads the demo
 * organisation (config/demo-org.yaml) with web chat accounts. Null when it did not.
 */
export async function loadDemoIfEmpty(settings: Settings, ds: DataSource, logger: Logger, now = new Date()): Promise<DemoSummary | null> {
  if (!settings.env.webChat) return null;
  try {
    const summary = await loadDemoOrg(serviceContext(settings, ds, logger), demoOrgFile(settings.env.POLICY_FILE), now);
    logger.info({ ...summary }, 'the database was empty: loaded the demo organisation for the web chat');
    return summary;
  } catch (e) {
    if (e instanceof DemoRefusedError) return null;
    throw e;
  }
}

/** The adapters of the platforms the environment configures. */
export function platformAdapters(env: AppEnv, logger: Logger): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (env.feishu) adapters.push(createFeishuAdapter(env.feishu, logger));
  if (env.wecom) adapters.push(createWecomAdapter(env.wecom, logger));
  if (env.wechaty) adapters.push(createWechatyAdapter(env.wechaty, logger));
  return adapters;
}

/**
 * The services' context: database, policy and work calendar (package, file and statutory days;
 * the days entered in chat are read from the database by refreshCalendar, which jobs and
 * serve() call).
 */
export function serviceContext(settings: Settings, ds: DataSource, logger: Logger): ServiceContext {
  return { ds, policy: settings.policy, calendar: loadCalendar(settings.policy.calendar.overridesFile), logger };
}

/** What the jobs run with, for the CLI and the scheduler: notices go to `platforms`' outbox. */
export function jobDeps(ctx: ServiceContext, platforms: Platform[], clock: Clock, logger: Logger): JobDeps {
  const writer = new OutboxWriter(ctx.ds, logger);
  return { ctx, clock, views: jobViews, claims: sqlSlotClaims(ctx.ds), notify: (notices) => writer.enqueueNotices(platforms, notices, clock.now()) };
}

/**
 * The platforms notices may go to, in order of preference: the ones this replica turns on, then
 * the other chat platforms, whose own replica delivers them (wechaty runs on one replica only,
 * and the outbox worker of each replica sends only for the platforms it has).
 */
export function enabledPlatforms(env: AppEnv): Platform[] {
  const on: Platform[] = [...env.platforms, ...(env.webChat ? (['web'] as const) : [])];
  return [...on, ...(['feishu', 'wecom', 'wechaty'] as const).filter((p) => !on.includes(p))];
}

/** The running bot: the dispatcher every adapter feeds, and the outbox that sends for them. */
export interface Bot {
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  writer: OutboxWriter;
  router: CommandRouter;
}

/** Options of {@link createBot}: tests put a slow handler in the router's place. */
export interface BotOptions {
  handler?: TurnHandler;
}

/**
 * Wires the chat core: router with every command, dispatcher on the database's ports, outbox
 * writer and worker over the platforms' messengers. Admins are alerted of messages the outbox
 * gives up on and of turns that failed, each once per dedup key.
 */
export function createBot(ctx: ServiceContext, messengers: Messenger[], clock: Clock, logger: Logger, events: OutboxEvents = {}, opts: BotOptions = {}): Bot {
  const router = createCommandRouter(ctx);
  const writer = new OutboxWriter(ctx.ds, logger);
  const platforms = messengers.map((m) => m.platform);
  const alertAdmins = async (alert: AdminAlert) => {
    const today = zonedMinute(clock.now(), ctx.policy.timezone).date;
    const admins = await employedOn(ctx, today, ['admin']);
    await writer.enqueueNotices(platforms, admins.map((a) => ({ intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: a.id }, body: { kind: 'text' as const, text: alert.text } }, dedupKey: `${alert.key}:${a.id}` })), clock.now());
    outbox.wake();
  };
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
  return { dispatcher: new Dispatcher(ports, opts.handler ?? router, clock, logger, options), outbox, writer, router };
}
