/** Per-request context: the request id, the route label, and the access log that reports both. */
import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../core/logger';
import type { HttpMetrics } from './metrics';

/** What the HTTP layer's middleware puts on `ctx.state` for every request. */
export interface HttpState {
  /** The caller's sane `X-Request-Id`, or a fresh UUID; echoed on the response. */
  requestId: string;
  /** The exact request body bytes (empty when the request has no body); see raw-body.ts. */
  rawBody: Buffer;
}

/** The response (and request) header that carries the request id. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The route label of requests no router matched: keeps log and metric labels bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** A caller-chosen id we are willing to echo and log: 1–64 characters of [A-Za-z0-9._-]. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** True when `value` is a request id we accept from the caller as is. */
export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value);
}

/**
 * Middleware that gives every request an id (the caller's `X-Request-Id` when sane, else a
 * random UUID) on `ctx.state.requestId` and on the response header, before anything can fail.
 */
export function requestId(): Koa.Middleware {
  return async (ctx, next) => {
    const offered = ctx.get(REQUEST_ID_HEADER);
    const id = isSaneRequestId(offered) ? offered : randomUUID();
    (ctx.state as HttpState).requestId = id;
    ctx.set(REQUEST_ID_HEADER, id);
    await next();
  };
}

/** The request id of `ctx` (set by {@link requestId}); 'unknown' if that middleware did not run. */
export function requestIdOf(ctx: Koa.Context): string {
  return (ctx.state as Partial<HttpState>).requestId ?? 'unknown';
}

/** The parts of @koa/router's context we read to name the matched route. */
interface RoutedContext {
  _matchedRoute?: string | RegExp;
  matched?: Array<{ path: string | RegExp; methods: string[] }>;
}

/**
 * The route template that handled the request (e.g. `/webhooks/feishu`, `/users/:id`), the
 * template whose path matched when only the method was wrong (405), or `unmatched`. Never the
 * raw URL, so labels stay bounded and nothing from the query string leaks.
 */
export function routeLabel(ctx: Koa.Context): string {
  const routed = ctx as unknown as RoutedContext;
  const route = routed._matchedRoute ?? routed.matched?.find((layer) => layer.methods.length > 0)?.path;
  if (route === undefined) return UNMATCHED_ROUTE;
  return typeof route === 'string' ? route : String(route);
}

/**
 * Middleware that writes one log line per request and records it in the HTTP metrics:
 * request id, method, route template (or `unmatched`), status and duration. It logs the path
 * only: the query string can carry signatures and tokens. Phone numbers in the path are
 * masked by the logger. Placed outside the error middleware, so it sees the final status.
 */
export function accessLog(logger: Logger, metrics: HttpMetrics): Koa.Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(ctx);
      const labels = { method: ctx.method, route, status: String(ctx.status) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      logger.info(
        {
          requestId: requestIdOf(ctx),
          method: ctx.method,
          route,
          path: ctx.path,
          status: ctx.status,
          durationMs: Math.round(seconds * 1e6) / 1e3,
        },
        'request',
      );
    }
  };
}
