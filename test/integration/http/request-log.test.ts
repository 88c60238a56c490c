import { Router } from '@koa/router';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/core/logger';
import { captureLines, serveApp, type TestServer } from '../../helpers/http-client';

describe('request log', () => {
  let server: TestServer;
  const log = captureLines();

  beforeAll(async () => {
    const router = new Router();
    router.get('/customers/:phone', (ctx) => {
      ctx.body = { ok: true };
    });
    router.post('/webhooks/feishu', (ctx) => {
      ctx.status = 204;
    });
    router.get('/explode', () => {
      throw new Error('kaput');
    });
    server = await serveApp(
      createApp({ logger: createLogger({ destination: log.stream }), isReady: async () => true, routers: [router] }),
    );
  });
  afterAll(() => server.close());

  const requestLines = (from: number): Record<string, any>[] => log.lines().slice(from).filter((l) => l.msg === 'request');

  it('writes one line per request with request id, method, route, status and duration', async () => {
    const from = log.lines().length;
    await server.send({ path: '/healthz', headers: { 'X-Request-Id': 'log-1' } });
    await server.send({ method: 'POST', path: '/webhooks/feishu?sig=abc', headers: { 'X-Request-Id': 'log-2' }, body: '{}' });
    await server.send({ path: '/nowhere', headers: { 'X-Request-Id': 'log-3' } });
    const lines = requestLines(from);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', requestId: 'log-1', method: 'GET', route: '/healthz', status: 200 });
    expect(lines[1]).toMatchObject({ requestId: 'log-2', method: 'POST', route: '/webhooks/feishu', status: 204 });
    expect(lines[2]).toMatchObject({ requestId: 'log-3', method: 'GET', route: 'unmatched', status: 404 });
    for (const line of lines) {
      expect(typeof line.durationMs).toBe('number');
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(line.durationMs).toBeLessThan(5000);
    }
  });

  it('logs the route template, never the query string, and masks phone numbers in the path', async () => {
    const from = log.lines().length;
    const res = await server.send({ path: '/customers/13812345678?phone=13987654321&signature=s3cr3tsig&token=t0k', headers: { 'X-Request-Id': 'log-4' } });
    expect(res.status).toBe(200);
    const lines = requestLines(from);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'log-4', route: '/customers/:phone', status: 200 });
    const text = log.raw();
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13987654321');
    expect(text).not.toContain('s3cr3tsig');
    expect(text).not.toContain('t0k');
    expect(lines[0].path).toBe('/customers/138****5678');
  });

  it('logs the final status of a failed request: one access line at 500 and one error line', async () => {
    const from = log.lines().length;
    await server.send({ path: '/explode', headers: { 'X-Request-Id': 'log-5' } });
    const lines = log.lines().slice(from);
    expect(lines.filter((l) => l.msg === 'request')).toEqual([expect.objectContaining({ requestId: 'log-5', route: '/explode', status: 500 })]);
    expect(lines.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ requestId: 'log-5', route: '/explode' })]);
  });
});
