import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadEnv, AppEnv } from './config/env';
import { loadPolicy } from './config/policy-loader';
import { loadCalendar, provisionalWarning } from './config/calendar-loader';
import { createLogger, Logger } from './core/logger';
import { createDataSource } from './db/data-source';
import { redactDatabaseUrl } from './db/database-url';
import { zonedMinute } from './domain/dates';
import type { Policy } from './domain/policy';
import { createApp } from './http/app';
import { installSignalHandlers, startServer, ServerHandle } from './http/server';
import type { ServiceContext } from './services/service-context';
import { systemClock, type Clock } from './core/clock';
import type { Dispatch, PlatformAdapter } from './core/platform-adapter';
import type { Platform } from './core/incoming-event';
import type { JobDeps } from './jobs/run-job';
import { jobViews } from './commands/job-views';
import { webhookRouter } from './http/webhook-router';
import { createFeishuAdapter } from '../bots/feishu';
import { createWecomAdapter } from '../bots/wecom';
import { createWechatyAdapter } from '../bots/wechaty';
import { Dispatcher, type DispatchPorts } from './core/dispatcher';
import type { Messenger } from './core/messenger';
import type { Router } from './core/router';
import { createRouter } from './commands';
import { claimEvent, findEmployeeByAccount } from './db/event-ports';
import { sqlSlotClaims } from './db/job-claims';
import { LeaseRunCoordinator } from './db/lease-coordinator';
import { Scheduler } from './jobs/scheduler';
import { RUNNER } from './jobs/run-job';
import { writeTransaction } from './db/transaction';
import { OutboxWorker, type OutboxEvents } from './outbox/outbox-worker';
import { outboxMetrics } from './outbox/outbox-metrics';
import { createMetrics } from './http/metrics';
import type { OutboxMessage } from './db/entities';
import { employedOn } from './services/people';
import { OutboxWriter } from './outbox/outbox-writer';

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
  const clock = opts.clock ?? systemClock;
  if (env.listenHostReason) logger.warn({ host: env.listenHost }, env.listenHostReason);
  const ctx = serviceContext(settings, ds, logger, clock.now());
  const adapters = opts.adapters ?? platformAdapters(env, logger);
  const metrics = createMetrics();
  const bot = createBot(ctx, adapters.map((a) => a.messenger), clock, logger, outboxMetrics(metrics.registry, ds, () => clock.now()));
  const dispatch: Dispatch = (event) => bot.dispatcher.dispatch(event);
  const routers = adapters.filter((a) => a.methods.length).map((a) => webhookRouter(a, dispatch, logger, () => clock.now()));
  const app = createApp({ logger, isReady: databaseReadiness(ds), routers, metrics });
  bot.outbox.start();
  for (const a of adapters) await a.start?.(dispatch);
  const scheduler = env.JOBS === 'on' ? new Scheduler(jobDeps(ctx, adapters.map((a) => a.platform), clock, logger), logger, { coordinator: new LeaseRunCoordinator(ds, RUNNER, () => clock.now()) }) : undefined;
  const handle = await startServer(app, {
    port: env.PORT,
    host: env.listenHost,
    logger,
    onClose: async () => {
      await scheduler?.stop();
      await bot.outbox.stop();
      for (const a of adapters) await a.stop?.();
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
  } else {
    logger.info('JOBS=off: this replica runs no schedules');
  }
  if (opts.signals !== false) installSignalHandlers(handle, logger);
  return Object.assign(handle, { bot, scheduler });
}

/** The adapters of the platforms the environment configures. */
export function platformAdapters(env: AppEnv, logger: Logger): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (env.FEISHU_APP_ID) {
    adapters.push(
      createFeishuAdapter(
        {
          appId: env.FEISHU_APP_ID,
          appSecret: env.FEISHU_APP_SECRET as string,
          verificationToken: env.FEISHU_VERIFICATION_TOKEN as string,
          encryptKey: env.FEISHU_ENCRYPT_KEY as string,
          domain: env.FEISHU_DOMAIN,
        },
        logger,
      ),
    );
  }
  if (env.WECOM_CORP_ID) {
    adapters.push(
      createWecomAdapter(
        {
          corpId: env.WECOM_CORP_ID,
          agentId: env.WECOM_AGENT_ID as number,
          secret: env.WECOM_SECRET as string,
          token: env.WECOM_TOKEN as string,
          encodingAesKey: env.WECOM_ENCODING_AES_KEY as string,
          apiBase: env.WECOM_API_BASE,
        },
        logger,
      ),
    );
  }
  if (env.WECHATY_PUPPET) {
    adapters.push(createWechatyAdapter({ puppet: env.WECHATY_PUPPET, puppetToken: env.WECHATY_PUPPET_TOKEN }, logger));
  }
  return adapters;
}

/** The services' context: database, policy and work calendar (with a loud warning for a provisional year). */
export function serviceContext(settings: Settings, ds: DataSource, logger: Logger, now = new Date()): ServiceContext {
  const calendar = loadCalendar(settings.policy.calendar.overridesFile);
  const { date } = zonedMinute(now, settings.policy.timezone);
  const years = [Number(date.slice(0, 4)), ...(date.slice(5, 7) === '12' ? [Number(date.slice(0, 4)) + 1] : [])];
  for (const year of years) {
    const warning = provisionalWarning(calendar, year, settings.policy.calendar.overridesFile);
    if (warning) logger.warn({ year, provisionalCalendar: true }, warning);
  }
  return { ds, policy: settings.policy, calendar, logger };
}

/** What the jobs run with, for the CLI and the scheduler: notices go to `platforms`' outbox. */
export function jobDeps(ctx: ServiceContext, platforms: Platform[], clock: Clock, logger: Logger): JobDeps {
  const writer = new OutboxWriter(ctx.ds, logger);
  return { ctx, clock, views: jobViews, claims: sqlSlotClaims(ctx.ds), notify: (notices) => writer.enqueueNotices(platforms, notices, clock.now()) };
}

/** The platforms the environment turns on, in order of preference for notices. */
export function enabledPlatforms(env: AppEnv): Platform[] {
  return [...env.platforms, ...(env.webChat ? (['web'] as const) : [])];
}

/** The running bot: the dispatcher every adapter feeds, and the outbox that sends for them. */
export interface Bot {
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  writer: OutboxWriter;
  router: Router;
}

/**
 * Wires the chat core: router with every command, dispatcher on the database's ports, outbox
 * writer and worker over the platforms' messengers.
 */
export function createBot(ctx: ServiceContext, messengers: Messenger[], clock: Clock, logger: Logger, events: OutboxEvents = {}): Bot {
  const router = createRouter(ctx);
  const writer = new OutboxWriter(ctx.ds, logger);
  const platforms = messengers.map((m) => m.platform);
  const alertAdmins = async (row: OutboxMessage, error: string) => {
    const today = zonedMinute(clock.now(), ctx.policy.timezone).date;
    const admins = await employedOn(ctx, today, ['admin']);
    const text = `消息发送失败（第 ${row.id} 条，${row.platform}，已重试 ${row.attempts + 1} 次）：${error.slice(0, 200)}。请检查平台配置或网络；日志里有详情。`;
    await writer.enqueueNotices(platforms, admins.map((a) => ({ intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: a.id }, body: { kind: 'text' as const, text } }, dedupKey: `outbox-failed:${row.id}:${a.id}` })), clock.now());
  };
  const outbox = new OutboxWorker(ctx.ds, new Map(messengers.map((m) => [m.platform, m])), clock, logger, {}, {
    ...events,
    failed: (row, error) => {
      events.failed?.(row, error);
      alertAdmins(row, error).catch((err: unknown) => logger.error({ err }, 'could not alert the admins of a failed message'));
    },
  });
  const ports: DispatchPorts = {
    transaction: (work) => writeTransaction(ctx.ds, () => work()),
    claimEvent: (event, receivedAt) => claimEvent(ctx.ds, event, receivedAt),
    findEmployee: (platform, externalId) => findEmployeeByAccount(ctx.ds, platform, externalId),
    enqueue: (event, intents) => writer.enqueue({ event, platforms }, intents, clock.now()),
    delivered: () => outbox.wake(),
  };
  const maxAgeMs = ctx.policy.events.dedupRetentionDays * 24 * 60 * 60 * 1000;
  return { dispatcher: new Dispatcher(ports, router, clock, logger, maxAgeMs), outbox, writer, router };
}
