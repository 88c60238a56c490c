import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Clock } from './core/clock';
import type { Logger } from './core/logger';
import type { Dispatch, PlatformAdapter } from './core/platform-adapter';
import { redactDatabaseUrl } from './db/database-url';
import { createApp } from './http/app';
import { createMetrics } from './http/metrics';
import { installSignalHandlers, startServer, type ServerHandle } from './http/server';
import { webhookRoutes } from './http/webhook-router';
import { logProvisionalYears } from './jobs/calendar-warnings';
import type { Scheduler } from './jobs/scheduler';
import { outboxMetrics } from './outbox/outbox-metrics';
import { refreshCalendar, startCalendarRefresh } from './services/calendar';
import { createBot, type Bot } from './wiring/bot';
import { consoleRouterFor } from './wiring/console';
import { databaseReadiness, requireMigrated } from './wiring/database';
import { createScheduler, jobDeps } from './wiring/jobs';
import { chartRenderer, enabledPlatforms, platformAdapters } from './wiring/platforms';
import { serviceContext, type Settings } from './wiring/settings';
import { enableDemoClock, fileLinksFor, filesRouter, serveClock, webChatFor, webChatRouter } from './wiring/web-chat';

// The composition root: serve() below, and the wiring the CLI and the tests use (src/wiring/).
export { loadSettings, processLogger, serviceContext, type Settings } from './wiring/settings';
export { databaseReadiness, migrate, openDatabase } from './wiring/database';
export { enabledPlatforms, platformAdapters } from './wiring/platforms';
export { createBot, type Bot, type BotOptions } from './wiring/bot';
export { jobDeps } from './wiring/jobs';
export { loadDemoIfEmpty } from './wiring/web-chat';

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
 * Starts the bot on an open, migrated database: the platforms' webhooks (and the web chat's
 * page) on the HTTP server, their connections, the outbox worker sending for them, and the
 * jobs; SIGTERM/SIGINT shut it all down gracefully unless `signals` is false. Refuses to serve
 * with pending migrations.
 */
export async function serve(settings: Settings, ds: DataSource, logger: Logger, opts: ServeOptions = {}): Promise<Running> {
  await requireMigrated(ds);
  const { env } = settings;
  const clock = await serveClock(env, ds, opts.clock);
  if (env.listenHostReason) logger.warn({ host: env.listenHost }, env.listenHostReason);
  const ctx = serviceContext(settings, ds, logger);
  await refreshCalendar(ctx);
  logProvisionalYears(ctx, clock.now(), logger);
  const calendarRefresh = startCalendarRefresh(ctx, logger);
  const adapters = [...(opts.adapters ?? platformAdapters(env, logger))];
  const fileLinks = fileLinksFor(settings, ds);
  const web = webChatFor(settings, ds, clock, logger, adapters, fileLinks);
  if (web) adapters.push(web.adapter);
  const metrics = createMetrics();
  const bot = createBot(ctx, adapters.map((a) => a.messenger), clock, logger, outboxMetrics(metrics.registry, ds, () => clock.now()));
  const dispatch: Dispatch = (event) => bot.dispatcher.dispatch(event);
  const webhooks = webhookRoutes(adapters, { dispatch, isUnavailable: (e) => bot.dispatcher.isUnavailable(e), logger, clock: () => clock.now() });
  const consoleRoutes = consoleRouterFor({ ctx, clock, dispatcher: bot.dispatcher, env, platforms: adapters.map((a) => a.platform), logger, charts: chartRenderer });
  const routers = [...webhooks.routers, consoleRoutes, ...(web ? [webChatRouter(web, env), filesRouter(fileLinks, env, clock)] : [])];
  const bodyLimitsByPath = new Map([...webhooks.bodyLimitsByPath, ...(web?.bodyLimitsByPath ?? [])]);
  const app = createApp({ logger, isReady: databaseReadiness(ds), routers, metrics, bodyLimitsByPath });
  bot.outbox.start();
  for (const a of adapters) {
    a.webhook?.warmUp?.();
    await a.connection?.start(dispatch);
  }
  const deps = jobDeps(ctx, enabledPlatforms(env), clock, logger);
  const demoClock = enableDemoClock(web, settings, clock, deps, () => bot.outbox.wake());
  const scheduler = env.JOBS === 'on' && !demoClock ? createScheduler(deps, logger) : undefined;
  const handle = await startServer(app, {
    port: env.PORT,
    host: env.listenHost,
    logger,
    disconnect: web?.disconnect,
    onClose: async () => {
      await scheduler?.stop();
      await calendarRefresh.stop();
      // A close an admin started in chat finishes (or, if the process is killed, is resumed by the next run).
      await bot.background.idle();
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
