import Koa from 'koa';
import type { Router } from '@koa/router';
import type { Logger } from '../core/logger';
import { errorHandler } from './error-handler';
import { healthRouter } from './health-router';
import { createMetrics, metricsRouter, type HttpMetrics } from './metrics';
import { DEFAULT_BODY_LIMIT_BYTES, rawBody } from './raw-body';
import { accessLog, requestId, requestIdOf, type HttpState } from './request-context';

/** What {@link createApp} is built from; everything with I/O is injected. */
export interface AppDeps {
  logger: Logger;
  /** Readiness for `/readyz` (the composition root checks the database); see health-router.ts. */
  isReady: () => Promise<boolean>;
  /** Largest accepted request body; 1 MiB by default. */
  bodyLimitBytes?: number;
  /** Other limits for some paths: smaller for a webhook whose platform never sends more, larger for the web chat's file upload. */
  bodyLimitsByPath?: ReadonlyMap<string, number>;
  /** How long `/readyz` waits for `isReady`; 2 s by default. */
  readyTimeoutMs?: number;
  /** Extra routers (webhooks, web chat) mounted after the built-in ones, in order. */
  routers?: Router[];
  /** The metrics registry to record into and serve; a fresh one when absent. */
  metrics?: HttpMetrics;
}

/** Mounts a router with its 405/501 handling for known paths hit with the wrong method. */
function mount(app: Koa<HttpState>, router: Router): void {
  app.use(router.routes() as Koa.Middleware<HttpState>);
  app.use(router.allowedMethods() as Koa.Middleware<HttpState>);
}

/**
 * The Koa app: request id → access log and metrics → error middleware → raw body →
 * `/healthz`, `/readyz`, `/metrics` → the extra routers → 404. It never listens: tests drive
 * `app.callback()`, and server.ts starts it for real.
 */
export function createApp(deps: AppDeps): Koa<HttpState> {
  const metrics = deps.metrics ?? createMetrics();
  const app = new Koa<HttpState>({ proxy: false });
  app.on('error', (err: unknown, ctx?: Koa.Context) => {
    deps.logger.error({ err, requestId: ctx ? requestIdOf(ctx) : undefined }, 'unhandled http error');
  });
  app.use(requestId());
  app.use(accessLog(deps.logger, metrics));
  app.use(errorHandler(deps.logger));
  app.use(rawBody(deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, deps.bodyLimitsByPath));
  mount(app, healthRouter({ logger: deps.logger, isReady: deps.isReady, readyTimeoutMs: deps.readyTimeoutMs }));
  mount(app, metricsRouter(metrics));
  for (const router of deps.routers ?? []) mount(app, router);
  return app;
}
