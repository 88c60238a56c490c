import { createHash, timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { browserGuard, httpError, jsonBody, pagePolicy, type HttpState } from '../../src/http/router-kit';
import { CLOCK_ACTIONS, type WebChatPort } from './web-chat-port';

/** The request header that carries WEB_CHAT_TOKEN on API calls and the event stream. */
export const WEB_CHAT_TOKEN_HEADER = 'X-Web-Chat-Token';

/** Where the page posts a file (JSON, the file in base64). */
export const WEB_CHAT_FILES_PATH = '/api/web/files';

/**
 * The request body limit of {@link WEB_CHAT_FILES_PATH} for files up to `maxFileBytes`: the
 * file in base64 (4 characters for each 3 bytes) plus 64 KiB for the name and the JSON around it.
 * A bigger body is refused with 413 before it is read.
 */
export function fileBodyLimit(maxFileBytes: number): number {
  return Math.ceil(maxFileBytes / 3) * 4 + 64 * 1024;
}

/** Options of {@link webChatRouter}. */
export interface WebChatRouterOptions {
  /** WEB_CHAT_TOKEN: when set, every /api/web call must carry it. */
  token?: string;
  /** How often an idle event stream gets a comment line (keeps proxies from closing it). */
  heartbeatMs?: number;
  /** Host names besides loopback that the page is served for (PUBLIC_URL's). */
  publicHosts?: readonly string[];
}

type Ctx = Context & { state: HttpState };

const account = z.string().min(1).max(128);
// Text and form values have no length cap here: the request body limit bounds them, and the
// router refuses what is longer than the policy allows (textLimits) in Chinese, naming the
// field — an HTTP 400 would be a generic error to the person typing.
// The text goes on as typed (not trimmed): a pasted Excel row's tabs are its columns, even the
// empty last one.
const chatKind = z.enum(['direct', 'group']);
const messageBody = z.object({ as: account, chat: chatKind, text: z.string().refine((t) => t.trim() !== '', 'must not be blank') });
// The file in base64 (JSON keeps the browser guard's rule: a cross-site page cannot send it
// without a preflight); its size and type are checked on the decoded bytes (web-chat.ts).
const fileBody = z.object({ as: account, chat: chatKind, name: z.string().max(1000).default(''), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') });
const actionBody = z.object({
  as: account,
  messageId: z.string().min(1).max(64),
  button: z.union([z.number().int().min(0).max(50), z.literal('submit')]),
  form: z.record(z.string(), z.string()).default({}),
});
const clockBody = z.object({ action: z.enum(CLOCK_ACTIONS) });

/** The JSON body checked against `schema`; 400 naming what is wrong otherwise. */
function body<T>(schema: z.ZodType<T>, ctx: Ctx): T {
  const parsed = schema.safeParse(jsonBody(ctx));
  if (!parsed.success) throw httpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

function viewer(ctx: Ctx): string {
  const as = ctx.query.as;
  if (typeof as !== 'string' || !account.safeParse(as).success) throw httpError(400, '?as=ACCOUNT is required');
  return as;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** 401 unless the request carries the token (compared in constant time); open without one. */
function requireToken(token: string | undefined) {
  const wanted = token ? digest(token) : undefined;
  return async (ctx: Ctx, next: Next): Promise<void> => {
    if (wanted && !timingSafeEqual(digest(ctx.get(WEB_CHAT_TOKEN_HEADER)), wanted)) {
      ctx.status = 401;
      ctx.body = { error: `the web chat needs its token (WEB_CHAT_TOKEN) in the ${WEB_CHAT_TOKEN_HEADER} header` };
      return;
    }
    await next();
  };
}

/** The viewer's live events as server-sent events, until the page goes or the web chat stops. */
async function eventStream(ctx: Ctx, port: WebChatPort, heartbeatMs: number): Promise<void> {
  const stream = new PassThrough();
  const write = (text: string) => void (stream.writableEnded || stream.write(text));
  const unsubscribe = await port.subscribe(viewer(ctx), { event: (e) => write(`data: ${JSON.stringify(e)}\n\n`), end: () => stream.end() });
  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  ctx.res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    stream.end();
  });
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
  ctx.status = 200;
  ctx.body = stream;
  write(': connected\n\n');
}

/**
 * The built-in web chat over HTTP (Koa): the page at `/` and its script, and under `/api/web`
 * the people, a viewer's history, messages and card clicks in, the live event stream out, and
 * the demo clock. All the chat itself is behind the port (web-chat.ts). Every route is behind
 * src/http's browser guard: this server's Host only, JSON same-origin writes, a CSP.
 */
export function webChatRouter(port: WebChatPort, opts: WebChatRouterOptions = {}): Router<HttpState> {
  const router = new Router<HttpState>();
  router.use(browserGuard({ publicHosts: opts.publicHosts ?? [], contentSecurityPolicy: pagePolicy(port.page()) }));
  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = port.page();
  });
  router.get('/web-chat.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = port.script();
  });
  const api = new Router<HttpState>({ prefix: '/api/web' });
  api.use(requireToken(opts.token));
  api.get('/people', async (ctx) => {
    ctx.body = { people: await port.people(), timeZone: port.timeZone, clock: port.clock?.state() ?? null, maxFileBytes: port.maxFileBytes };
  });
  api.get('/history', async (ctx) => {
    ctx.body = await port.history(viewer(ctx));
  });
  api.post('/messages', async (ctx) => {
    const b = body(messageBody, ctx);
    ctx.body = await port.say(b.as, { chat: b.chat, text: b.text });
  });
  api.post(WEB_CHAT_FILES_PATH.slice('/api/web'.length), async (ctx) => {
    const b = body(fileBody, ctx);
    ctx.body = await port.sendFile(b.as, { chat: b.chat, fileName: b.name, content: Buffer.from(b.data, 'base64') });
  });
  api.post('/actions', async (ctx) => {
    const b = body(actionBody, ctx);
    ctx.body = await port.click(b.as, { messageId: b.messageId, button: b.button, form: b.form });
  });
  api.get('/clock', (ctx) => {
    ctx.body = { clock: port.clock?.state() ?? null };
  });
  api.post('/clock', async (ctx) => {
    if (!port.clock) throw httpError(404, 'the demo clock is off: it runs only while the web chat is the only platform');
    ctx.body = await port.clock.act(body(clockBody, ctx).action);
  });
  api.get('/events', (ctx) => eventStream(ctx, port, opts.heartbeatMs ?? 20_000));
  router.use(api.routes(), api.allowedMethods());
  return router;
}
