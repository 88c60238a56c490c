/**
 * One benchmark target in its own process, so its peak RSS is its own: `bot` (the whole bot as
 * `bot serve` runs it, on the bench database, sending to the fake WeCom), `adapter` (the same
 * HTTP stack and WeCom adapter, with a dispatch that stores nothing: what verifying, decrypting
 * and parsing cost) or `bare` (a Koa route that reads the body and answers an empty 200).
 * Forked by wecom-bench.ts; it reports its port, and on 'stop' waits for the outbox to drain
 * and reports its peak RSS.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { Router } from '@koa/router';

/** What the target tells the benchmark. */
export type TargetReport = { port: number } | { peakRssBytes: number; drainMs: number };

const report = (m: TargetReport): void => void process.send?.(m);

/** A bare Koa route: the floor any webhook handler stands on. */
async function bare(): Promise<() => Promise<number>> {
  const app = new Koa();
  const router = new Router();
  router.post('/webhooks/wecom', async (ctx) => {
    for await (const chunk of ctx.req) void chunk;
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = '';
  });
  app.use(router.routes());
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  report({ port: (server.address() as AddressInfo).port });
  return async () => 0;
}

/** The bot; its stop waits until every reply has left the outbox. */
async function bot(): Promise<() => Promise<number>> {
  // Loaded here so the bare target's RSS carries none of the bot's modules.
  const { createLogger } = await import('../../src/core/logger');
  const { loadSettings, openDatabase, serve } = await import('../../src/main');
  const { pendingOutbox } = await import('./wecom-bench-db');
  const settings = loadSettings({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS: 'off', WEB_CHAT: 'off' });
  const logger = createLogger({ level: 'warn', destination: process.stderr as never });
  const ds = await openDatabase(settings.env);
  const running = await serve(settings, ds, logger, { signals: false });
  report({ port: running.port });
  return async () => {
    const started = Date.now();
    while ((await pendingOutbox(ds)) > 0 && Date.now() - started < 120_000) {
      running.bot.outbox.wake();
      await new Promise((r) => setTimeout(r, 50));
    }
    return Date.now() - started;
  };
}

/** The HTTP stack and the WeCom adapter, with a dispatch that stores nothing. */
async function adapter(): Promise<() => Promise<number>> {
  const { createLogger } = await import('../../src/core/logger');
  const { createApp } = await import('../../src/http/app');
  const { webhookRouter } = await import('../../src/http/webhook-router');
  const { createWecomAdapter } = await import('../../bots/wecom');
  const env = process.env as Record<string, string>;
  const logger = createLogger({ level: 'warn', destination: process.stderr as never });
  const wecom = createWecomAdapter(
    { corpId: env.WECOM_CORP_ID, agentId: Number(env.WECOM_AGENT_ID), secret: env.WECOM_SECRET, token: env.WECOM_TOKEN, encodingAesKey: env.WECOM_ENCODING_AES_KEY, apiBase: env.WECOM_API_BASE },
    logger,
  );
  const { isDatabaseUnavailable } = await import('../../src/db/unavailable');
  const routers = [webhookRouter('wecom', wecom.webhook!, { dispatch: async () => ({ status: 'handled' as const }), isUnavailable: isDatabaseUnavailable, logger, clock: () => new Date() })];
  const server = createServer(createApp({ logger, isReady: async () => true, routers }).callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  report({ port: (server.address() as AddressInfo).port });
  return async () => 0;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const drain = mode === 'bare' ? await bare() : mode === 'adapter' ? await adapter() : await bot();
  process.on('message', (m) => {
    if (m !== 'stop') return;
    void drain().then((drainMs) => {
      report({ peakRssBytes: process.resourceUsage().maxRSS * 1024, drainMs });
      setTimeout(() => process.exit(0), 50);
    });
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
