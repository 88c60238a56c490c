import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Logger } from '../core/logger';

/** How long close() lets in-flight requests run before it destroys their sockets. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Options for {@link startServer}. */
export interface ServerOptions {
  /** The port to listen on; 0 picks a free one (tests). */
  port: number;
  host: string;
  logger: Logger;
  /**
   * Runs once when shutdown begins, before the server waits for its connections: ends
   * responses that never finish on their own (the web chat's event streams).
   */
  disconnect?: () => void;
  /** Runs once after the last connection has closed (the composition root closes the database). */
  onClose?: () => Promise<void>;
  shutdownTimeoutMs?: number;
}

/** A listening server and its graceful shutdown. */
export interface ServerHandle {
  server: Server;
  /** The port actually bound (differs from the requested one when that was 0). */
  port: number;
  /** Graceful shutdown; idempotent: every call returns the same promise. */
  close(): Promise<void>;
}

/** Listens on host:port, rejecting on EADDRINUSE and the like instead of throwing later. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts `app` on host:port. close() stops accepting connections at once, calls `disconnect`,
 * closes idle keep-alive sockets, lets in-flight requests finish (answering them with `Connection: close`),
 * destroys whatever is still open after the timeout, and then awaits `onClose`.
 */
export async function startServer(app: Pick<Koa, 'callback'>, opts: ServerOptions): Promise<ServerHandle> {
  const { logger } = opts;
  const timeoutMs = opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const inFlight = new Set<ServerResponse>();
  let shuttingDown = false;
  const server = createServer(app.callback());
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (shuttingDown) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (shuttingDown) setImmediate(() => server.closeIdleConnections());
    });
  });
  await listen(server, opts.port, opts.host);
  const port = (server.address() as AddressInfo).port;

  const shutdown = async (): Promise<void> => {
    shuttingDown = true;
    opts.disconnect?.();
    logger.info({ inFlight: inFlight.size, timeoutMs }, 'http server closing');
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const forced = setTimeout(() => {
      logger.warn({ inFlight: inFlight.size }, 'shutdown timeout: destroying open connections');
      server.closeAllConnections();
    }, timeoutMs);
    forced.unref();
    try {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      logger.info('http server closed');
    } finally {
      clearTimeout(forced);
      if (opts.onClose) await opts.onClose();
    }
  };
  let closing: Promise<void> | undefined;
  return { server, port, close: () => (closing ??= shutdown()) };
}

/** Options for {@link installSignalHandlers}; the defaults are the real process. */
export interface SignalOptions {
  /** Where signals come from; `process` by default (tests pass an EventEmitter). */
  source?: Pick<NodeJS.EventEmitter, 'on'>;
  /** How the process ends; `process.exit` by default. */
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: logs, closes `handle` once (later signals are logged and ignored, the
 * shutdown timeout bounds the wait) and exits 0, or 1 if closing failed. Returns the handler,
 * which resolves once exit has been called, so tests can drive it without real signals.
 */
export function installSignalHandlers(
  handle: Pick<ServerHandle, 'close'>,
  logger: Logger,
  opts: SignalOptions = {},
): (signal: NodeJS.Signals) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const source = opts.source ?? process;
  let done: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): Promise<void> => {
    if (done) {
      logger.info({ signal }, 'already shutting down');
      return done;
    }
    logger.info({ signal }, 'shutting down');
    done = handle.close().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
    return done;
  };
  for (const signal of opts.signals ?? ['SIGTERM', 'SIGINT']) {
    source.on(signal, () => void onSignal(signal));
  }
  return onSignal;
}
