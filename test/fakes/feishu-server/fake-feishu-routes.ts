/**
 * The fake's endpoints, answering as Feishu does (docs/platforms/feishu.md §3): business errors are HTTP 400
 * with a code, successes `{code:0,…}`, the token fields at the top level, the bot at the top
 * level, files as bytes with their Content-Type.
 */
import { checkCard, contentBytes, FAKE_CARD_MAX_BYTES } from './fake-feishu-cards';
import type { FakeFeishuState, FakeRoute } from './fake-feishu-state';
import { withUuid } from './fake-feishu-dedup';
import { uploadFile } from './fake-feishu-files';

/** PATCH works on messages sent within 14 days (230031), at most 5 times a second each (230020), docs/platforms/feishu.md §2.5. */
const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
const PATCH_PER_SECOND = 5;
/** Text bodies up to 150 KB (230025), docs/platforms/feishu.md §3.2. */
const TEXT_MAX_BYTES = 150 * 1024;

/** What a route handler answers. */
export interface RouteAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request as a route handler sees it. */
export interface RouteRequest {
  params: string[];
  query: Record<string, string>;
  body: any;
  /** The body's bytes and Content-Type (a multipart upload is not JSON). */
  raw: Buffer;
  contentType?: string;
}

/** The fake app's identity. */
export interface FakeApp {
  appId: string;
  appSecret: string;
  botOpenId: string;
  /** Seconds a token lives (Feishu: 7200). */
  tokenExpire: number;
  /** open_ids to which sending fails with 230013 (outside the availability range). */
  unreachable: Set<string>;
}

const ok = (body: Record<string, unknown> = {}): RouteAnswer => ({ status: 200, body: { code: 0, msg: 'success', ...body } });
const bad = (code: number, msg: string): RouteAnswer => ({ status: 400, body: { code, msg } });

function parseContent(content: unknown): any {
  if (typeof content !== 'string') return undefined;
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

/** Why check update_multi: PATCH needs it true on the old and the new card (docs/platforms/feishu.md §2.5). */
const shared = (card: any): boolean => card?.config?.update_multi === true;

/** The routes, matched on method and path. */
export const ROUTES: Array<{ route: FakeRoute; method: string; pattern: RegExp; handle(state: FakeFeishuState, app: FakeApp, req: RouteRequest): RouteAnswer }> = [
  {
    route: 'token', method: 'POST', pattern: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/,
    handle(state, app, { body }) {
      if (body?.app_id !== app.appId || body?.app_secret !== app.appSecret) return { status: 200, body: { code: 10014, msg: 'app secret invalid' } };
      const token = `t-fake-${++state.tokenSeq}`;
      state.tokens.add(token);
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: app.tokenExpire } };
    },
  },
  {
    route: 'send', method: 'POST', pattern: /^\/open-apis\/im\/v1\/messages$/,
    handle(state, app, { query, body }) {
      if (!['open_id', 'user_id', 'union_id', 'email', 'chat_id'].includes(query.receive_id_type)) return bad(230001, 'invalid receive_id_type');
      if (typeof body?.receive_id !== 'string' || !body.receive_id) return bad(230001, 'receive_id is required');
      if (app.unreachable.has(body.receive_id)) return bad(230013, 'Bot has NO availability to this user.');
      return withUuid(state, body, () => accept(state, 'send', query.receive_id_type, body.receive_id, body));
    },
  },
  {
    route: 'reply', method: 'POST', pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/,
    handle(state, _app, { params, body }) {
      const parent = state.message(params[0]);
      if (!parent) return bad(230011, 'message not found');
      return withUuid(state, body, () => accept(state, 'reply', parent.receiveIdType, parent.receiveId, body));
    },
  },
  {
    route: 'patch', method: 'PATCH', pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
    handle(state, _app, { params, body }) {
      const message = state.message(params[0]);
      if (!message || message.msgType !== 'interactive') return bad(230001, 'only interactive messages sent by the bot can be patched');
      const now = state.now();
      if (now - message.sentAt > PATCH_WINDOW_MS) return bad(230031, 'The message is older than 14 days.');
      if (state.locked.has(message.messageId)) return bad(230099, 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: card action is lock; ');
      const recent = message.patchTimes.filter((t) => now - t < 1000);
      if (recent.length >= PATCH_PER_SECOND) return bad(230020, 'This operation triggers the frequency limit.');
      if (typeof body?.content !== 'string') return bad(230001, 'content is required');
      if (contentBytes(body.content) > FAKE_CARD_MAX_BYTES) return bad(230025, 'The length of the message content reaches its limit.');
      const card = parseContent(body.content);
      if (!card) return bad(230099, 'card content is not JSON');
      const refused = checkCard(card);
      if (refused) return bad(refused.code, refused.msg);
      if (!shared(message.content) || !shared(card)) return bad(230001, 'update_multi must be true on both cards');
      message.content = card;
      message.patches += 1;
      message.patchTimes = [...recent, now];
      return { status: 200, body: { code: 0, msg: 'ok', data: {} } };
    },
  },
  {
    route: 'batch', method: 'POST', pattern: /^\/open-apis\/message\/v4\/batch_send\/$/,
    handle(state, _app, { body }) {
      const ids: unknown = body?.open_ids;
      if (!Array.isArray(ids) || ids.length === 0) return bad(230001, 'at least one id list is required');
      if (ids.length > 200) return bad(230001, 'at most 200 open_ids');
      if (body.msg_type === 'interactive' ? typeof body.card !== 'object' : typeof body.content !== 'object') return bad(230001, 'content must be an object');
      if (body.msg_type === 'interactive') {
        if (contentBytes(JSON.stringify(body.card)) > FAKE_CARD_MAX_BYTES) return bad(230025, 'The length of the message content reaches its limit.');
        const refused = checkCard(body.card);
        if (refused) return bad(refused.code, refused.msg);
      }
      const messageId = `bm-fake-${++state.seq}`;
      state.batches.push({ messageId, msgType: body.msg_type, content: body.content ?? body.card, openIds: ids as string[] });
      return { status: 200, body: { code: 0, msg: 'ok', data: { message_id: messageId, invalid_open_ids: [] } } };
    },
  },
  {
    route: 'resource', method: 'GET', pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
    handle(state, _app, { params, query }) {
      const file = state.resources.get(`${params[0]}/${params[1]}`);
      if (!file || file.type !== query.type) return bad(234003, 'File not in msg.');
      return { status: 200, body: file.data, headers: { 'content-type': file.mimeType } };
    },
  },
  {
    route: 'upload', method: 'POST', pattern: /^\/open-apis\/im\/v1\/files$/,
    handle: (state, _app, { raw, contentType }) => uploadFile(state, state.uploads, raw, contentType),
  },
  {
    route: 'botInfo', method: 'GET', pattern: /^\/open-apis\/bot\/v3\/info$/,
    handle: (_state, app) => ({ status: 200, body: { code: 0, msg: 'ok', bot: { open_id: app.botOpenId, app_name: '电销纪律助手', activate_status: 2 } } }),
  },
  {
    // contact v3 find_by_department (docs/platforms/feishu.md §5): page_size ≤ 50, page_token from the last page, has_more.
    route: 'users', method: 'GET', pattern: /^\/open-apis\/contact\/v3\/users\/find_by_department$/,
    handle(state, _app, { query }) {
      if (query.department_id !== '0') return bad(40003, 'department not found or out of the contact data range');
      const size = Number(query.page_size ?? 10);
      if (!Number.isInteger(size) || size < 1 || size > 50) return bad(99992402, 'page_size must be 1–50');
      const start = query.page_token ? Number(query.page_token.replace(/^pt_/, '')) : 0;
      if (!Number.isInteger(start) || start < 0) return bad(99992402, 'page_token invalid');
      const items = state.directory.slice(start, start + size);
      const more = start + size < state.directory.length;
      return ok({ data: { has_more: more, ...(more ? { page_token: `pt_${start + size}` } : {}), items } });
    },
  },
  {
    route: 'cardUpdate', method: 'POST', pattern: /^\/open-apis\/interactive\/v1\/card\/update$/,
    handle: (_state, _app, { body }) => (typeof body?.token === 'string' && body?.card ? { status: 200, body: { code: 0, msg: 'ok' } } : bad(300020, 'bad token')),
  },
];

function accept(state: FakeFeishuState, route: 'send' | 'reply', receiveIdType: string, receiveId: string, body: any): RouteAnswer {
  const content = parseContent(body?.content);
  if (!['text', 'interactive', 'post', 'image', 'file'].includes(body?.msg_type) || content === undefined) return bad(230001, 'msg_type or content is invalid');
  // Why: a file message's content is {"file_key"} of a file uploaded with im/v1/files (message/create, file content).
  if (body.msg_type === 'file' && !state.uploads.has(content.file_key)) return bad(230001, 'file content needs the file_key of an uploaded file');
  if (body.msg_type === 'text' && typeof content.text !== 'string') return bad(230001, 'text content needs text');
  // Why these sizes: text ≤ 150 KB, cards and posts ≤ 30 KB, else 230025 (docs/platforms/feishu.md §3.2).
  const limit = body.msg_type === 'text' ? TEXT_MAX_BYTES : FAKE_CARD_MAX_BYTES;
  if (contentBytes(body.content) > limit) return bad(230025, 'The length of the message content reaches its limit.');
  if (body.msg_type === 'interactive') {
    const refused = checkCard(content);
    if (refused) return bad(refused.code, refused.msg);
  }
  const messageId = `om_fake_${++state.seq}`;
  state.messages.push({ messageId, route, receiveIdType, receiveId, msgType: body.msg_type, content, patches: 0, sentAt: state.now(), patchTimes: [], callbackCards: 0 });
  return ok({ data: { message_id: messageId, chat_id: receiveIdType === 'chat_id' ? receiveId : `oc_p2p_${receiveId}`, msg_type: body.msg_type } });
}
