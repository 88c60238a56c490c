import type { DataSource } from 'typeorm';
import { createWebChat, DemoClock, type WebChatPlatform } from '../../bots/web';
import type { AppEnv } from '../config/env';
import { ManualClock, systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { PlatformAdapter } from '../core/platform-adapter';
import { DatabaseFileLinks } from '../db/file-links';
import { fileRouter } from '../http/file-router';
import type { JobDeps } from '../jobs/run-job';
import { demoOrgFile, DemoRefusedError, latestActivity, loadDemoOrg, webChatPeople, type DemoSummary } from '../services/demo';
import { demoSchedule } from './demo-schedule';
import { chartRenderer } from './platforms';
import { serviceContext, type Settings } from './settings';

/** How often a ticking demo clock runs the jobs it has passed on its own (JOBS=on). */
const DEMO_TICK_MS = 15_000;

/** The web demo: the web chat is on and no platform is configured. */
export function isWebDemo(env: AppEnv): boolean {
  return env.webChat && env.platforms.length === 0;
}

/**
 * The clock to serve on: the given one (tests), the demo clock in the web demo (resuming at the
 * latest time the database has seen, so it never goes back), else the system clock.
 */
export async function serveClock(env: AppEnv, ds: DataSource, given?: Clock): Promise<Clock> {
  if (given) return given;
  if (!isWebDemo(env)) return systemClock;
  const now = new Date();
  const latest = await latestActivity(ds);
  return new DemoClock(latest && latest > now ? latest : now);
}

/** The download links of files the web chat offers (`导出`): PUBLIC_URL/files/TOKEN, valid policy files.linkMinutes. */
export function fileLinksFor(settings: Settings, ds: DataSource): DatabaseFileLinks {
  return new DatabaseFileLinks(ds, settings.env.publicUrl, settings.policy.files.linkMinutes * 60_000);
}

/** `GET /files/TOKEN`, guarded for this server's hosts like the web chat. */
export function filesRouter(links: DatabaseFileLinks, env: AppEnv, clock: Clock) {
  return fileRouter(links, { publicHosts: [new URL(env.publicUrl).host], now: () => clock.now() });
}

/** The web chat, when it is on and the given adapters bring no 'web' platform of their own. */
export function webChatFor(settings: Settings, ds: DataSource, clock: Clock, logger: Logger, adapters: readonly PlatformAdapter[], fileLinks?: DatabaseFileLinks): WebChatPlatform | undefined {
  if (!settings.env.webChat || adapters.some((a) => a.platform === 'web')) return undefined;
  return createWebChat({ clock, timeZone: settings.policy.timezone, logger, maxFileBytes: settings.policy.attachments.maxBytes, people: () => webChatPeople(ds), fileLinks, charts: chartRenderer });
}

/** The web chat's routes, guarded for this server's hosts (loopback and PUBLIC_URL's) and WEB_CHAT_TOKEN. */
export function webChatRouter(web: WebChatPlatform, env: AppEnv) {
  return web.router({ token: env.WEB_CHAT_TOKEN, publicHosts: [new URL(env.publicUrl).host] });
}

/**
 * In the web demo on a clock that can be moved, the demo clock runs the jobs (as it passes their
 * times, and on the page's clock buttons) instead of cron: turns the web chat's clock control
 * on and returns that clock; undefined otherwise.
 */
export function enableDemoClock(web: WebChatPlatform | undefined, settings: Settings, clock: Clock, deps: JobDeps, wakeOutbox: () => void): ManualClock | undefined {
  if (!web || !isWebDemo(settings.env) || !(clock instanceof ManualClock)) return undefined;
  web.enableClock({
    clock, policy: settings.policy, calendar: deps.ctx.calendar, schedule: demoSchedule(deps, wakeOutbox), tickMs: settings.env.JOBS === 'on' ? DEMO_TICK_MS : undefined,
  });
  return clock;
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
