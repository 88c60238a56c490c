import { Router } from '@koa/router';
import type { Context } from 'koa';
import { isDatabaseDown } from '../core/dispatcher';
import type { Logger } from '../core/logger';
import type { Dispatch, PlatformAdapter } from '../core/platform-adapter';
import type { HttpState } from './request-context';

/**
 * Mounts a platform adapter's webhook: hands it the raw bytes (signatures are over them) and
 * answers what it says. A database that cannot be reached answers 503 so the platform retries.
 */
export function webhookRouter(adapter: PlatformAdapter, dispatch: Dispatch, logger: Logger, clock: () => Date): Router<HttpState> {
  const router = new Router<HttpState>();
  const handler = async (ctx: Context & { state: HttpState }): Promise<void> => {
    const headers = Object.fromEntries(Object.entries(ctx.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]));
    const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    try {
      const res = await adapter.handle({ method: ctx.method, headers, query, body: ctx.state.rawBody ?? Buffer.alloc(0), receivedAt: clock() }, dispatch);
      ctx.status = res.status;
      if (res.contentType) ctx.type = res.contentType;
      ctx.body = res.body;
    } catch (e) {
      if (!isDatabaseDown(e)) throw e;
      logger.warn({ platform: adapter.platform, err: (e as Error).message }, 'database unavailable; the platform will retry');
      ctx.status = 503;
      ctx.body = { error: 'service unavailable, retry later' };
    }
  };
  for (const method of adapter.methods) {
    if (method === 'GET') router.get(adapter.path, handler);
    else router.post(adapter.path, handler);
  }
  return router;
}
