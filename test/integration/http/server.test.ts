import { EventEmitter } from 'node:events';
import { Agent } from 'node:http';
import { PassThrough } from 'node:stream';
import { connect } from 'node:net';
import { Router } from '@koa/router';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/core/logger';
import { installSignalHandlers, startServer, type ServerHandle } from '../../../src/http/server';
import { captureLines, send } from '../../helpers/http-client';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('startServer', () => {
  const log = captureLines();
  const events: string[] = [];
  let handle: ServerHandle | undefined;

  const start = async (opts: { shutdownTimeoutMs?: number; slowMs?: number } = {}): Promise<ServerHandle> => {
    const router = new Router();
    router.get('/slow', async (ctx) => {
      events.push('slow:start');
      await sleep(opts.slowMs ?? 300);
      ctx.body = { done: true };
      events.push('slow:end');
    });
    const logger = createLogger({ destination: log.stream });
    const app = createApp({ logger, isReady: async () => true, routers: [router] });
    handle = await startServer(app, {
      port: 0,
      host: '127.0.0.1',
      logger,
      shutdownTimeoutMs: opts.shutdownTimeoutMs,
      onClose: async () => {
        events.push('onClose');
      },
    });
    return handle;
  };

  beforeEach(() => {
    events.length = 0;
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('listens on the actual port when asked for port 0', async () => {
    const h = await start();
    expect(h.port).toBeGreaterThan(0);
    expect((await send(h.port, { path: '/healthz' })).status).toBe(200);
  });

  it('rejects when the port is taken', async () => {
    const h = await start();
    await expect(startServer(createApp({ logger: createLogger({ destination: log.stream }), isReady: async () => true }), {
      port: h.port,
      host: '127.0.0.1',
      logger: createLogger({ destination: log.stream }),
    })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('lets an in-flight request finish, refuses new connections, then calls onClose', async () => {
    const h = await start({ slowMs: 300 });
    const slow = send(h.port, { path: '/slow' });
    while (!events.includes('slow:start')) await sleep(5);

    const closed = h.close();
    expect(await tryConnect(h.port)).toBe('ECONNREFUSED');

    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ done: true });
    await closed;
    expect(events).toEqual(['slow:start', 'slow:end', 'onClose']);
    expect(h.server.listening).toBe(false);
  });

  it('closes idle keep-alive connections instead of waiting for the timeout', async () => {
    const h = await start();
    const agent = new Agent({ keepAlive: true });
    try {
      const res = await send(h.port, { path: '/healthz', agent });
      expect(res.headers.connection).toBe('keep-alive');
      const started = Date.now();
      await h.close();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(events).toEqual(['onClose']);
    } finally {
      agent.destroy();
    }
  });

  it('answers a request in flight on a keep-alive connection with Connection: close', async () => {
    const h = await start({ slowMs: 200 });
    const agent = new Agent({ keepAlive: true });
    try {
      const slow = send(h.port, { path: '/slow', agent });
      while (!events.includes('slow:start')) await sleep(5);
      const closed = h.close();
      const res = await slow;
      expect(res.status).toBe(200);
      expect(res.headers.connection).toBe('close');
      await closed;
    } finally {
      agent.destroy();
    }
  });

  it('destroys connections still busy after the shutdown timeout, then calls onClose', async () => {
    const h = await start({ slowMs: 1000, shutdownTimeoutMs: 100 });
    const slow = send(h.port, { path: '/slow' }).then(
      (r) => `status ${r.status}`,
      (e: NodeJS.ErrnoException) => e.code ?? 'error',
    );
    while (!events.includes('slow:start')) await sleep(5);
    const started = Date.now();
    await h.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await slow).toBe('ECONNRESET');
    expect(events).toEqual(['slow:start', 'onClose']);
    expect(log.lines().some((l) => l.level === 'warn' && /shutdown timeout/.test(l.msg))).toBe(true);
  });

  it('is idempotent: a second close() returns the same promise and onClose runs once', async () => {
    const h = await start();
    const a = h.close();
    const b = h.close();
    expect(b).toBe(a);
    await Promise.all([a, b]);
    expect(events).toEqual(['onClose']);
  });

  it('calls disconnect when shutdown begins, so a response that never ends on its own (an event stream) does not hold close() to the timeout', async () => {
    const streams: PassThrough[] = [];
    const router = new Router();
    router.get('/stream', (ctx) => {
      const stream = new PassThrough();
      streams.push(stream);
      ctx.body = stream;
      stream.write('data: hello\n\n');
    });
    const logger = createLogger({ destination: log.stream });
    handle = await startServer(createApp({ logger, isReady: async () => true, routers: [router] }), {
      port: 0,
      host: '127.0.0.1',
      logger,
      shutdownTimeoutMs: 5000,
      disconnect: () => {
        events.push('disconnect');
        for (const s of streams) s.end();
      },
      onClose: async () => {
        events.push('onClose');
      },
    });
    const reply = send(handle.port, { path: '/stream' });
    while (!streams.length) await sleep(5);
    const started = Date.now();
    await handle.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(events).toEqual(['disconnect', 'onClose']);
    expect((await reply).text).toBe('data: hello\n\n');
    await handle.close();
    expect(events).toEqual(['disconnect', 'onClose']);
  });

  it('still calls onClose when closing the server fails, and rejects', async () => {
    const h = await start();
    await new Promise<void>((r) => h.server.close(() => r()));
    handle = undefined;
    await expect(h.close()).rejects.toMatchObject({ code: 'ERR_SERVER_NOT_RUNNING' });
    expect(events).toEqual(['onClose']);
  });
});

describe('installSignalHandlers', () => {
  const logger = createLogger({ destination: captureLines().stream });

  it('on SIGTERM closes once and exits 0; a second signal does not close again', async () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    const close = jest.fn(() => sleep(20));
    installSignalHandlers({ close }, logger, { source, exit: (code) => exits.push(code) });

    source.emit('SIGTERM');
    source.emit('SIGINT');
    await sleep(60);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('the returned handler exits 1 when close fails', async () => {
    const exits: number[] = [];
    const onSignal = installSignalHandlers({ close: () => Promise.reject(new Error('db close failed')) }, logger, {
      source: new EventEmitter(),
      exit: (code) => exits.push(code),
    });
    await onSignal('SIGINT');
    expect(exits).toEqual([1]);
  });

  it('listens to SIGTERM and SIGINT on the given source only', () => {
    const source = new EventEmitter();
    installSignalHandlers({ close: async () => undefined }, logger, { source, exit: () => undefined });
    expect(source.listenerCount('SIGTERM')).toBe(1);
    expect(source.listenerCount('SIGINT')).toBe(1);
  });
});
