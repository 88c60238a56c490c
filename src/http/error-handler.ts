import { STATUS_CODES } from 'node:http';
import type Koa from 'koa';
import type { Logger } from '../core/logger';
import { requestIdOf, routeLabel } from './request-context';

/** The shape Koa (and http-errors) give HTTP errors: a status and whether its message is safe. */
interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
  headers?: unknown;
}

/** The status an error asks for, if it is a valid HTTP error status. */
function statusOf(err: HttpErrorLike): number | undefined {
  const status = err.status ?? err.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

/** The short, lower-case reason phrase for `status` ("not found", "method not allowed"). */
function reasonOf(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase();
}

/**
 * Error middleware (outermost after the request id and the access log):
 * - an error with a 4xx `status` and `expose` → that status and `{ error: message }`;
 * - any other error → logged once at error level (request id, route, stack) and answered
 *   `{ error: 'internal error', requestId }` with 500, or with the error's own 5xx status
 *   (e.g. a thrown 503 stays 503, so platforms retry); never the message or stack;
 * - nothing answered → 404 `{ error: 'not found' }`; a router's bare 405/501 gets a JSON body.
 */
export function errorHandler(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const err = (typeof caught === 'object' && caught !== null ? caught : { message: String(caught) }) as HttpErrorLike;
      const status = statusOf(err);
      if (status !== undefined && status < 500 && err.expose === true) {
        ctx.body = { error: typeof err.message === 'string' && err.message ? err.message : reasonOf(status) };
        ctx.status = status;
        if (typeof err.headers === 'object' && err.headers !== null) ctx.set(err.headers as Record<string, string>);
        return;
      }
      const requestId = requestIdOf(ctx);
      logger.error({ err: caught, requestId, method: ctx.method, route: routeLabel(ctx) }, 'request failed');
      const final = status !== undefined && status > 500 ? status : 500;
      ctx.body = { error: final === 500 ? 'internal error' : reasonOf(final), requestId };
      ctx.status = final;
      return;
    }
    if (ctx.body === undefined || ctx.body === null) {
      if (ctx.status === 404) {
        ctx.body = { error: 'not found' };
        ctx.status = 404;
      } else if (ctx.status >= 400) {
        const status = ctx.status;
        ctx.body = { error: reasonOf(status) };
        ctx.status = status;
      }
    }
  };
}
