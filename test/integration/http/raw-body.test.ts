import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Router } from '@koa/router';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/core/logger';
import { jsonBody } from '../../../src/http/raw-body';
import { captureLines, serveApp, type TestServer } from '../../helpers/http-client';

/**
 * Sends headers and `first` bytes of a POST /echo, never ending the request: the reply can only
 * come from a server that refuses early (a server waiting for the whole body would hang).
 */
function openRequest(port: number, headers: Record<string, string>, first: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/echo', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on('error', reject);
    req.write(first);
  });
}

/** Echo routes: the raw bytes back, their digest, and the parsed JSON. */
function echoRouter(seen: { handlerRan: boolean }): Router {
  const router = new Router();
  router.post(['/echo', '/upload'], (ctx) => {
    seen.handlerRan = true;
    const raw = ctx.state.rawBody as Buffer;
    ctx.set('X-Body-Sha256', createHash('sha256').update(raw).digest('hex'));
    ctx.type = 'application/octet-stream';
    ctx.body = raw;
  });
  router.post('/json', (ctx) => {
    ctx.body = { parsed: jsonBody(ctx) };
  });
  router.get('/empty', (ctx) => {
    ctx.body = { length: (ctx.state.rawBody as Buffer).length };
  });
  return router;
}

describe('raw body', () => {
  const LIMIT = 1024;
  /** A smaller limit for one path, as a webhook's adapter declares (maxBodyBytes). */
  const PATH_LIMIT = 64;
  /** A larger limit for one path, as the web chat's file upload declares (a file in base64). */
  const UPLOAD_LIMIT = LIMIT * 3;
  let server: TestServer;
  const seen = { handlerRan: false };
  const log = captureLines();

  beforeAll(async () => {
    const app = createApp({
      logger: createLogger({ destination: log.stream }),
      isReady: async () => true,
      bodyLimitBytes: LIMIT,
      bodyLimitsByPath: new Map([['/json', PATH_LIMIT], ['/upload', UPLOAD_LIMIT]]),
      routers: [echoRouter(seen)],
    });
    server = await serveApp(app);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    seen.handlerRan = false;
  });

  it('keeps the body byte-exact, including bytes that are not UTF-8', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x7b, 0x22, 0xe4, 0xbd, 0xa0, 0x0d, 0x0a, 0x20]);
    const res = await server.send({ method: 'POST', path: '/echo', body: bytes, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
    expect(res.headers['x-body-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('keeps a chunked body byte-exact too', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    const res = await server.send({ method: 'POST', path: '/echo', body: bytes, chunked: 13 });
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
  });

  it('accepts a body of exactly the limit', async () => {
    const res = await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(LIMIT, 0x61) });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(LIMIT);
  });

  it('refuses a body over the limit by its Content-Length with 413 and a reason', async () => {
    const res = await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(LIMIT + 1, 0x61) });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ error: `request body exceeds ${LIMIT} bytes` });
    expect(seen.handlerRan).toBe(false);
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
    const res = await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(LIMIT * 4, 0x62), chunked: 256 });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ error: `request body exceeds ${LIMIT} bytes` });
    expect(seen.handlerRan).toBe(false);
  });

  it('answers 413 from Content-Length alone, before the body arrives', async () => {
    const reply = await openRequest(server.port, { 'Content-Length': String(10 * 1024 * 1024) }, Buffer.alloc(10));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text)).toEqual({ error: `request body exceeds ${LIMIT} bytes` });
  });

  it('answers 413 as soon as streamed bytes pass the limit, while the client is still sending', async () => {
    const reply = await openRequest(server.port, { 'Transfer-Encoding': 'chunked' }, Buffer.alloc(LIMIT + 1, 0x63));
    expect(reply.status).toBe(413);
    expect(seen.handlerRan).toBe(false);
  });

  it('still serves the next request after a refused one', async () => {
    await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(LIMIT * 2), chunked: 100 });
    const res = await server.send({ method: 'POST', path: '/echo', body: 'ok' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('ok');
  });

  it('keeps a path to its own smaller limit, and other paths to the general one', async () => {
    const over = await server.send({ method: 'POST', path: '/json', body: JSON.stringify({ a: 'x'.repeat(PATH_LIMIT) }) });
    expect([over.status, over.json()]).toEqual([413, { error: `request body exceeds ${PATH_LIMIT} bytes` }]);
    const streamed = await server.send({ method: 'POST', path: '/json', body: Buffer.alloc(PATH_LIMIT * 2, 0x20), chunked: 16 });
    expect(streamed.status).toBe(413);
    expect((await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(PATH_LIMIT * 2, 0x61) })).status).toBe(200);
  });

  it('lets a path have a larger limit than the general one (the web chat\'s file upload), and still bounds it', async () => {
    const fits = await server.send({ method: 'POST', path: '/upload', body: Buffer.alloc(UPLOAD_LIMIT, 0x61) });
    expect([fits.status, fits.body.length]).toEqual([200, UPLOAD_LIMIT]);
    const over = await server.send({ method: 'POST', path: '/upload', body: Buffer.alloc(UPLOAD_LIMIT + 1, 0x61) });
    expect([over.status, over.json()]).toEqual([413, { error: `request body exceeds ${UPLOAD_LIMIT} bytes` }]);
    expect((await server.send({ method: 'POST', path: '/echo', body: Buffer.alloc(LIMIT + 1, 0x61) })).status).toBe(413);
  });

  it('gives an empty buffer to a request without a body', async () => {
    const res = await server.send('/empty');
    expect(res.json()).toEqual({ length: 0 });
  });

  describe('jsonBody', () => {
    it('parses a JSON body', async () => {
      const res = await server.send({ method: 'POST', path: '/json', body: JSON.stringify({ a: [1, '你好'] }) });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ parsed: { a: [1, '你好'] } });
    });

    it.each([
      ['not JSON', Buffer.from('{"a":'), 'request body is not valid JSON'],
      ['not UTF-8', Buffer.from([0x22, 0xff, 0x22]), 'request body is not UTF-8'],
      ['empty', Buffer.alloc(0), 'request body is empty'],
    ])('answers 400 with a reason when the body is %s', async (_name, body, reason) => {
      const res = await server.send({ method: 'POST', path: '/json', body });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: reason });
    });
  });
});
