import { Router } from '@koa/router';
import { Counter } from 'prom-client';
import { createApp, type AppDeps } from '../../../src/http/app';
import { createLogger } from '../../../src/core/logger';
import { createMetrics } from '../../../src/http/metrics';
import { captureLines, serveApp, type TestServer } from '../../helpers/http-client';

/** A router whose routes fail in the ways the error middleware must handle. */
function failingRouter(): Router {
  const router = new Router();
  router.get('/boom', () => {
    throw new Error('secret detail: db password mismatch');
  });
  router.get('/bad', (ctx) => ctx.throw(400, 'bad thing'));
  router.get('/hidden-4xx', () => {
    throw Object.assign(new Error('internal reason'), { status: 409, expose: false });
  });
  router.get('/unavailable', (ctx) => ctx.throw(503, 'db down'));
  router.post('/only-post', (ctx) => {
    ctx.body = { ok: true };
  });
  return router;
}

describe('http app', () => {
  let server: TestServer | undefined;
  const log = captureLines();
  const start = async (deps: Partial<AppDeps> = {}): Promise<TestServer> => {
    server = await serveApp(
      createApp({ logger: createLogger({ destination: log.stream }), isReady: async () => true, routers: [failingRouter()], ...deps }),
    );
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('health', () => {
    it('GET /healthz answers 200 ok', async () => {
      const s = await start({ isReady: async () => false });
      const res = await s.send('/healthz');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('GET /readyz answers 200 ready when isReady resolves true', async () => {
      const s = await start({ isReady: async () => true });
      const res = await s.send('/readyz');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ status: 'ready' });
    });

    it.each([
      ['resolves false', async () => false],
      ['throws', async (): Promise<boolean> => Promise.reject(new Error('ECONNREFUSED'))],
      ['hangs past the timeout', () => new Promise<boolean>(() => undefined)],
    ])('GET /readyz answers 503 with a reason when isReady %s', async (_name, isReady) => {
      const s = await start({ isReady, readyTimeoutMs: 50 });
      const started = Date.now();
      const res = await s.send('/readyz');
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('GET /readyz answers 200 when a slow check still resolves true within the timeout', async () => {
      const s = await start({ isReady: () => new Promise((r) => setTimeout(() => r(true), 30)), readyTimeoutMs: 1000 });
      expect((await s.send('/readyz')).status).toBe(200);
    });
  });

  describe('metrics', () => {
    it('GET /metrics serves Prometheus text with request counts by route and default metrics', async () => {
      const s = await start();
      await s.send('/healthz');
      await s.send('/healthz');
      await s.send('/no/such/thing?x=1');
      const res = await s.send('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.text).toContain('http_requests_total{method="GET",route="/healthz",status="200"} 2');
      expect(res.text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 2/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
      expect(res.text).not.toContain('/no/such/thing');
    });

    it('keeps a registry per app and serves metrics registered on a given one', async () => {
      const metrics = createMetrics();
      new Counter({ name: 'outbox_sent_total', help: 'Messages sent.', registers: [metrics.registry] }).inc(3);
      const other = createMetrics();
      await start({ metrics });
      await server!.send('/healthz');
      const res = await server!.send('/metrics');
      expect(res.text).toContain('outbox_sent_total 3');
      expect(await other.registry.getSingleMetricAsString('http_requests_total')).not.toContain('route="/healthz"');
    });
  });

  describe('errors', () => {
    it('unknown route → 404 JSON', async () => {
      const s = await start();
      const res = await s.send('/nope');
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ error: 'not found' });
    });

    it('wrong method on a known route → 405 JSON with Allow', async () => {
      const s = await start();
      const res = await s.send({ method: 'POST', path: '/healthz' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toContain('GET');
      expect(res.json()).toEqual({ error: 'method not allowed' });
      const res2 = await s.send({ method: 'GET', path: '/only-post' });
      expect(res2.status).toBe(405);
      expect(res2.headers.allow).toContain('POST');
    });

    it('a plain Error → 500 with the request id, no message or stack; logged once with the stack', async () => {
      const s = await start();
      const before = log.lines().length;
      const res = await s.send({ path: '/boom', headers: { 'X-Request-Id': 'req-boom-1' } });
      expect(res.status).toBe(500);
      expect(res.json()).toEqual({ error: 'internal error', requestId: 'req-boom-1' });
      expect(res.text).not.toMatch(/secret detail|password|at .*\.ts/);
      const errors = log.lines().slice(before).filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ requestId: 'req-boom-1', route: '/boom', method: 'GET' });
      expect(errors[0].err.stack).toContain('app.test.ts');
    });

    it('ctx.throw(400, reason) → 400 { error: reason }', async () => {
      const s = await start();
      const res = await s.send('/bad');
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: 'bad thing' });
    });

    it('a 4xx that is not exposed is treated as an internal error', async () => {
      const s = await start();
      const res = await s.send('/hidden-4xx');
      expect(res.status).toBe(500);
      expect(res.text).not.toContain('internal reason');
    });

    it('a thrown 503 keeps its status but not its message', async () => {
      const s = await start();
      const res = await s.send('/unavailable');
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({ error: 'service unavailable' });
      expect(res.text).not.toContain('db down');
    });
  });

  describe('request id', () => {
    it('echoes a sane X-Request-Id', async () => {
      const s = await start();
      const res = await s.send({ path: '/healthz', headers: { 'X-Request-Id': 'abc.DEF_123-x' } });
      expect(res.headers['x-request-id']).toBe('abc.DEF_123-x');
    });

    it.each([['a'.repeat(65)], ['has space'], ['semi;colon'], ['<script>']])('replaces %j with a UUID', async (offered) => {
      const s = await start();
      const res = await s.send({ path: '/healthz', headers: { 'X-Request-Id': offered } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('generates a different id per request when none is given', async () => {
      const s = await start();
      const a = await s.send('/healthz');
      const b = await s.send('/healthz');
      expect(a.headers['x-request-id']).toBeTruthy();
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });
});
