import type { Router } from '@koa/router';
import type { AppEnv } from '../config/env';
import type { ChartRenderer } from '../core/chart';
import type { Clock } from '../core/clock';
import type { Dispatcher } from '../core/dispatcher';
import type { Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import type { ConsolePageSpec } from '../console/console-page';
import { consoleRouter } from '../console/console-router';
import { auditPage, dataPages, sessionsPage } from '../console/pages';
import type { HttpState } from '../http/router-kit';
import type { ServiceContext } from '../services/service-context';

/** What the console is built from. */
export interface ConsoleWiring {
  ctx: ServiceContext;
  clock: Clock;
  dispatcher: Pick<Dispatcher, 'dispatchAs' | 'isUnavailable'>;
  env: Pick<AppEnv, 'publicUrl'>;
  /** The platforms the bot speaks on, in order (the messengers'). */
  platforms: readonly Platform[];
  logger: Logger;
  /** Draws the team page's charts (src/charts). */
  charts: ChartRenderer;
  /** The pages, in navigation order; default {@link consolePages}. */
  pages?: readonly ConsolePageSpec[];
}

/** The console's pages, in navigation order. 本月, 员工, 审批, 日历, then 审计 and 会话 (admins only). */
export function consolePages(): ConsolePageSpec[] {
  return [...dataPages, auditPage, sessionsPage];
}

/**
 * The web console's router (/admin): its pages on the services, its writes through the
 * dispatcher. Console events carry the first configured platform (else 'web'), so a notice to
 * an employee goes where the chat's would.
 */
export function consoleRouterFor(w: ConsoleWiring): Router<HttpState> {
  const platform: Platform = w.platforms[0] ?? 'web';
  return consoleRouter({
    deps: { ctx: w.ctx, now: () => w.clock.now(), charts: w.charts },
    pages: w.pages ?? consolePages(),
    dispatcher: w.dispatcher,
    platform,
    publicUrl: w.env.publicUrl,
    logger: w.logger,
  });
}
