import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCard, contentBytes, FAKE_CARD_MAX_BYTES } from './fake-feishu-cards';
import { ROUTES, type FakeApp, type RouteAnswer } from './fake-feishu-routes';
import { FakeFeishuState, type FakeFailure, type FakeMessage, type FakeRoute } from './fake-feishu-state';

/** Options of {@link FakeFeishuServer.start}. */
export interface FakeFeishuOptions {
  appId: string;
  appSecret: string;
  botOpenId: string;
  tokenExpire?: number;
}

/**
 * A fake Feishu Open API on 127.0.0.1 that the real SDK Client talks to (docs/platforms/feishu.md §3.6): it
 * issues tenant tokens and accepts only those, records every call, and can be told to fail
 * (`failNext`) or to hold requests until released (`hold` / `release`).
 */
export class FakeFeishuServer {
  readonly state = new FakeFeishuState();
  readonly app: FakeApp;
  private server: Server | undefined;
  private port = 0;

  private constructor(opts: FakeFeishuOptions) {
    this.app = { appId: opts.appId, appSecret: opts.appSecret, botOpenId: opts.botOpenId, tokenExpire: opts.tokenExpire ?? 7200, unreachable: new Set() };
  }

  /** Starts a fake on a free port. */
  static async start(opts: FakeFeishuOptions): Promise<FakeFeishuServer> {
    const fake = new FakeFeishuServer(opts);
    fake.server = createServer((req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The base URL to give the SDK as `domain` (no trailing slash). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Answers the next `times` calls of `route` with `failure`. */
  failNext(route: FakeRoute, failure: FakeFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.state.failures.push({ route, failure });
  }

  /** Holds every call of `route` (unanswered) until {@link release}. */
  hold(route: FakeRoute): void {
    this.state.holds.add(route);
  }

  /** Answers every held call and stops holding. */
  release(): void {
    this.state.holds.clear();
    for (const w of this.state.waiting.splice(0)) w.resume();
  }

  /** Calls held right now. */
  get heldCount(): number {
    return this.state.waiting.length;
  }

  /** Invalidates every token issued so far (Feishu's 99991663 until the SDK fetches a new one). */
  revokeTokens(): void {
    this.state.tokens.clear();
  }

  /**
   * A card callback on `messageId` is in flight: until {@link answerCallback}, PATCH of that
   * message answers 230099 "card action is lock" (a JSON 2.0 card in an interaction cannot be
   * updated; message/create 230099 sub-code 11310).
   */
  lockCard(messageId: string): void {
    this.state.locked.add(messageId);
  }

  /**
   * Feishu received the bot's answer to a card callback on `messageId`: a `card` in it (`{type:
   * 'raw', data}`) replaces the message's card if Feishu would take it (docs/platforms/feishu.md §2.4: the same
   * size and component rules, 2.0 stays 2.0); a refused one is recorded. The card unlocks.
   */
  answerCallback(messageId: string, answer: any): void {
    this.state.locked.delete(messageId);
    const data = answer?.card?.data;
    const message = this.state.message(messageId);
    if (!data || !message) return;
    const tooBig = contentBytes(JSON.stringify(data)) > FAKE_CARD_MAX_BYTES ? { code: 230025, msg: 'card over 30 KB' } : undefined;
    const refused = tooBig ?? checkCard(data) ?? (message.content?.schema === '2.0' && data.schema !== '2.0' ? { code: 200830, msg: 'a 2.0 card cannot be replaced by a 1.0 card' } : undefined);
    if (refused) {
      this.state.refusedAnswers.push({ messageId, ...refused });
      return;
    }
    message.content = data;
    message.callbackCards += 1;
  }

  /** Moves the fake's clock ahead (the 14-day PATCH window is measured on it). */
  advanceClock(ms: number): void {
    this.state.offsetMs += ms;
  }

  /** The PATCH calls the fake received for `messageId` (accepted or not). */
  patchCalls(messageId: string): number {
    return this.state.calls.filter((c) => c.route === 'patch' && c.path.endsWith(`/${messageId}`)).length;
  }

  /** Serves `data` as the file `key` of message `messageId`. */
  addResource(messageId: string, key: string, type: 'image' | 'file', data: Buffer, mimeType: string): void {
    this.state.resources.set(`${messageId}/${key}`, { data, mimeType, type });
  }

  /** Writes a line into the timeline (tests mark their own moments between the fake's). */
  mark(label: string): void {
    this.state.timeline.push(label);
  }

  /** Messages (send and reply) to an open_id or chat id, in order. */
  messagesTo(id: string): FakeMessage[] {
    return this.state.messages.filter((m) => m.receiveId === id);
  }

  /** The texts sent to an open_id or chat id. */
  textsTo(id: string): string[] {
    return this.messagesTo(id).filter((m) => m.msgType === 'text').map((m) => m.content.text as string);
  }

  /** Polls `probe` (sync or async) every 10 ms until it gives something truthy; fails after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, what = 'the condition'): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`fake feishu: ${what} did not happen within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops the server (held calls are dropped with their connections). */
  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const found = ROUTES.map((r) => ({ r, m: r.method === req.method ? r.pattern.exec(url.pathname) : null })).find((x) => x.m);
    const seq = ++this.state.seq;
    const routeName = found?.r.route ?? 'unknown';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    if (found && this.state.holds.has(found.r.route)) {
      this.state.timeline.push(`held ${routeName}`);
      await new Promise<void>((resume) => this.state.waiting.push({ route: found.r.route, resume }));
      this.state.timeline.push(`released ${routeName}`);
    }
    let answer: RouteAnswer;
    const failure = found ? this.state.takeFailure(found.r.route) : undefined;
    if (!found) answer = { status: 404, body: { code: 404, msg: `no route ${req.method} ${url.pathname}` } };
    else if (failure) answer = failure;
    else if (found.r.route !== 'token' && !this.state.tokens.has(String(headers.authorization ?? '').replace(/^Bearer /, ''))) {
      // Why 400 + 99991663: what Feishu answers a missing, unknown or expired tenant token (§3.5).
      answer = { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization.' } };
    } else answer = found.r.handle(this.state, this.app, { params: found.m!.slice(1), query: Object.fromEntries(url.searchParams), body, raw: bytes, contentType: headers['content-type'] });
    this.state.calls.push({ seq, route: routeName, method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, status: answer.status, answer: answer.body });
    this.state.timeline.push(`answered ${routeName} ${answer.status}`);
    const payload = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(JSON.stringify(answer.body));
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers, 'content-length': payload.length });
    res.end(payload);
  }
}
