import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import type { Dispatch, PlatformAdapter, WebhookReceiver } from '../core/platform-adapter';
import type { HttpState } from './request-context';

/** What a webhook route hands events to, and how it tells a database that is down. */
export interface WebhookDeps {
  dispatch: Dispatch;
  /** True for an error of `dispatch` that means "retry later" (the dispatcher's isUnavailable). */
  isUnavailable(error: unknown): boolean;
  logger: Logger;
  clock: () => Date;
}

/**
 * Mounts a platform's webhook: hands it the raw bytes (signatures are over them) and answers
 * what it says. A database that cannot be reached answers 503 so the platform retries.
 */
export function webhookRouter(platform: Platform, webhook: WebhookReceiver, deps: WebhookDeps): Router<HttpState> {
  const router = new Router<HttpState>();
  const handler = async (ctx: Context & { state: HttpState }): Promise<void> => {
    const headers = Object.fromEntries(Object.entries(ctx.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]));
    const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    try {
      const res = await webhook.handle({ method: ctx.method, headers, query, body: ctx.state.rawBody ?? Buffer.alloc(0), receivedAt: deps.clock() }, deps.dispatch);
      ctx.status = res.status;
      if (res.contentType) ctx.type = res.contentType;
      ctx.body = res.body;
    } catch (e) {
      if (!deps.isUnavailable(e)) throw e;
      deps.logger.warn({ platform, err: (e as Error).message }, 'database unavailable; the platform will retry');
      ctx.status = 503;
      ctx.body = { error: 'service unavailable, retry later' };
    }
  };
  for (const method of webhook.methods) {
    if (method === 'GET') router.get(webhook.path, handler);
    else router.post(webhook.path, handler);
  }
  return router;
}

/** The webhook routes of the adapters that have one, and the body limits of their paths (for createApp). */
export function webhookRoutes(adapters: readonly PlatformAdapter[], deps: WebhookDeps): { routers: Router<HttpState>[]; bodyLimitsByPath: Map<string, number> } {
  const routers: Router<HttpState>[] = [];
  const bodyLimitsByPath = new Map<string, number>();
  for (const { platform, webhook } of adapters) {
    if (!webhook) continue;
    routers.push(webhookRouter(platform, webhook, deps));
    if (webhook.maxBodyBytes) bodyLimitsByPath.set(webhook.path, webhook.maxBodyBytes);
  }
  return { routers, bodyLimitsByPath };
}
