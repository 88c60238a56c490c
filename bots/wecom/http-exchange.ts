import http from 'node:http';
import https from 'node:https';

/** A whole HTTP answer: status, headers and the body read to its end. */
export interface HttpAnswer {
  status: number;
  header(name: string): string | undefined;
  body: Buffer;
}

/** The request did not complete (answer and body) within its time. */
export class ExchangeTimeout extends Error {
  override name = 'ExchangeTimeout';
}

/** How long an idle keep-alive socket is kept: shorter than servers keep theirs (undici uses 4 s). */
const IDLE_SOCKET_MS = 4000;

/** Keep-alive agents, one per client: the API is called for every reply. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export function keepAliveAgents(): Agents {
  return { http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }), https: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }) };
}

/**
 * One request and its whole answer under one timeout, on node:http. Why not fetch: at a
 * thousand sends a second undici's per-request objects (streams, headers, abort signals)
 * were most of the bot's CPU and memory growth in `npm run bench:wecom`.
 */
export async function httpExchange(url: string, init: ExchangeInit, timeoutMs: number, agents: Agents): Promise<HttpAnswer> {
  try {
    return await exchangeOnce(url, init, timeoutMs, agents);
  } catch (e) {
    // A kept-alive socket the server closed just as we reused it: nothing reached the server,
    // so the request is sent once more on a fresh socket (the pattern Node's docs give).
    if (e instanceof StaleSocket) return exchangeOnce(url, init, timeoutMs, agents);
    throw e;
  }
}

/** The request's method, headers and body. */
export interface ExchangeInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A reused socket was reset before any answer came. */
class StaleSocket extends Error {}

function exchangeOnce(url: string, init: ExchangeInit, timeoutMs: number, agents: Agents): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = (secure ? https : http).request(target, { method: init.method ?? 'GET', headers: init.headers, agent: secure ? agents.https : agents.http }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, header: (name) => headerValue(res.headers[name.toLowerCase()]), body: Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new ExchangeTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(e: Error): void {
      clearTimeout(timer);
      const reset = (e as NodeJS.ErrnoException).code === 'ECONNRESET';
      reject(reset && req.reusedSocket && !answered ? new StaleSocket(e.message) : e);
    }
    req.on('error', fail);
    req.end(init.body);
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
