import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import { httpError } from './http-error';
import type { HttpState } from './request-context';

/** The default request body limit: 1 MiB, far above any platform's webhook payload. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Node's rule: a request has a body when it is chunked or declares a positive length. */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Reads `req` to the end, failing with 413 as soon as more than `limit` bytes have arrived. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const fail = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        fail(httpError(413, `request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (): void => fail(httpError(400, 'request body could not be read'));
    const onAborted = (): void => fail(httpError(400, 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * Middleware that keeps the exact request body bytes on `ctx.state.rawBody` (platform
 * signatures are computed over the bytes, so nothing parses or re-encodes them here). A body
 * over `limitBytes` (or over the limit `limitsByPath` gives its path: smaller for a webhook,
 * larger for the web chat's file upload) is refused with
 * 413: at once when Content-Length says so, otherwise as soon as the streamed bytes pass the
 * limit; the connection is then closed rather than drained.
 */
export function rawBody(limitBytes: number = DEFAULT_BODY_LIMIT_BYTES, limitsByPath: ReadonlyMap<string, number> = new Map()): Koa.Middleware {
  return async (ctx, next) => {
    const state = ctx.state as HttpState;
    if (!hasBody(ctx.req)) {
      state.rawBody = Buffer.alloc(0);
      return next();
    }
    const limit = limitsByPath.get(ctx.path) ?? limitBytes;
    const declared = ctx.req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      ctx.set('Connection', 'close');
      throw httpError(413, `request body exceeds ${limit} bytes`);
    }
    try {
      state.rawBody = await readLimited(ctx.req, limit);
    } catch (err) {
      ctx.set('Connection', 'close');
      throw err;
    }
    return next();
  };
}

/**
 * The request body parsed as JSON (UTF-8). Throws a 400 with a short reason when the body is
 * empty, not UTF-8 or not JSON. Routes call it after verifying signatures over the raw bytes.
 */
export function jsonBody(ctx: Koa.Context): unknown {
  const raw = (ctx.state as Partial<HttpState>).rawBody;
  if (!raw || raw.length === 0) throw httpError(400, 'request body is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw httpError(400, 'request body is not UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw httpError(400, 'request body is not valid JSON');
  }
}
