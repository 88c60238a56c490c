import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import type Koa from 'koa';

/** A response read to the end. */
export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws if it is not). */
  json(): any;
}

/** A request for {@link send}. */
export interface HttpCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with a Content-Length, unless `chunked`. */
  body?: Buffer | string;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length), in pieces of this size. */
  chunked?: number;
  /** Keep-alive agent to use; none (a fresh connection that closes) by default. */
  agent?: Agent;
}

/** Sends one request with node:http (full control over framing) and reads the reply. */
export function send(port: number, call: HttpCall): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const body = call.body === undefined ? undefined : Buffer.from(call.body);
    const headers: Record<string, string | number> = { ...call.headers };
    if (body && !call.chunked) headers['Content-Length'] = body.length;
    if (body && call.chunked) headers['Transfer-Encoding'] = 'chunked';
    const req = request(
      { host: '127.0.0.1', port, method: call.method ?? 'GET', path: call.path, headers, agent: call.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = buf.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (body && call.chunked) writeChunks(req, body, call.chunked);
    else req.end(body);
  });
}

/** Writes `body` in pieces of `size` bytes, ignoring a server that hangs up midway. */
function writeChunks(req: Writable, body: Buffer, size: number): void {
  req.on('error', () => undefined);
  for (let i = 0; i < body.length; i += size) req.write(body.subarray(i, i + size));
  req.end();
}

/** A Koa app listening on 127.0.0.1 on a free port, for one suite. */
export interface TestServer {
  port: number;
  send(call: HttpCall | string): Promise<HttpReply>;
  close(): Promise<void>;
}

/** Serves `app.callback()` on an ephemeral port (no graceful shutdown: see server.ts for that). */
export async function serveApp(app: Pick<Koa, 'callback'>): Promise<TestServer> {
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    send: (call) => send(port, typeof call === 'string' ? { path: call } : call),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A pino destination that keeps every line, parsed. */
export function captureLines(): { stream: { write(line: string): void }; lines: () => Record<string, any>[]; raw: () => string } {
  const out: string[] = [];
  return {
    stream: { write: (line: string) => void out.push(line) },
    lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>),
    raw: () => out.join(''),
  };
}
