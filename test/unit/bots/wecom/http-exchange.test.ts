import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ExchangeTimeout, httpExchange, keepAliveAgents, type Agents } from '../../../../bots/wecom/http-exchange';

/** A local server whose answer is whatever the test's handler does; it counts sockets and requests. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number, socketNo: number) => void): Promise<{ url: string; server: Server; requests: () => number }> {
  let n = 0;
  const sockets = new Map<Socket, number>();
  const server = createServer((req, res) => {
    if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
    handler(req, res, ++n, sockets.get(req.socket) as number);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests: () => n };
}

describe('httpExchange (the WeCom client transport)', () => {
  let agents: Agents;
  let server: Server | undefined;
  beforeEach(() => (agents = keepAliveAgents()));
  afterEach(async () => {
    agents.http.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  test('answers status, headers (any case) and the whole body; the method, headers and body reach the server', async () => {
    const s = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Echo': `${req.method} ${req.headers['content-type']}` });
        res.end(JSON.stringify({ got: body }));
      });
    });
    server = s.server;
    const answer = await httpExchange(`${s.url}/cgi-bin/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"中文"}' }, 1000, agents);
    expect(answer.status).toBe(201);
    expect(answer.header('content-type')).toBe('application/json');
    expect(answer.header('X-ECHO')).toBe('POST application/json');
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ got: '{"a":"中文"}' });
  });

  test('a body that stalls after the headers fails with ExchangeTimeout: the timeout covers the body too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"errcode":');
    });
    server = s.server;
    const err = await httpExchange(`${s.url}/slow`, {}, 200, agents).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeTimeout);
    expect((err as Error).message).toBe('no answer within 200 ms');
  });

  test('a kept-alive socket the server drops as it is reused: the request is sent again on a new socket', async () => {
    const s = await serve((req, res, n, socketNo) => {
      if (n === 2 && socketNo === 1) {
        req.socket.destroy();
        return;
      }
      res.end(`answer ${n} on socket ${socketNo}`);
    });
    server = s.server;
    expect((await httpExchange(`${s.url}/a`, {}, 1000, agents)).body.toString()).toBe('answer 1 on socket 1');
    expect((await httpExchange(`${s.url}/b`, {}, 1000, agents)).body.toString()).toBe('answer 3 on socket 2');
    expect(s.requests()).toBe(3);
  });

  test('a reset on a fresh socket, or in the middle of an answer, is not retried: it fails', async () => {
    const s = await serve((req, res, n) => {
      if (n === 1) return void req.socket.destroy();
      res.writeHead(200);
      res.write('part');
      setTimeout(() => req.socket.destroy(), 20);
    });
    server = s.server;
    await expect(httpExchange(`${s.url}/fresh`, {}, 1000, agents)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(httpExchange(`${s.url}/mid`, {}, 1000, agents)).rejects.toThrow(/aborted|ECONNRESET/);
    expect(s.requests()).toBe(2);
  });
});
