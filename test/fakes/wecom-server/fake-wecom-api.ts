import { checkTemplateCard, checkUpdateBody } from './fake-wecom-cards';
import type { ApiRecord, FakeWecomState } from './fake-wecom-state';
import { withDuplicateCheck } from './fake-wecom-dedup';
import { fileMessageRefusal, imageMessageRefusal, robotImageRefusal, uploadMedia } from './fake-wecom-media';

/** A response_code is good for one update_template_card within 72 hours (docs/platforms/wecom.md §3.2, §3.5). */
const RESPONSE_CODE_TTL_MS = 72 * 60 * 60 * 1000;

/** What the fake answers: JSON (always HTTP 200, like WeCom) or a file. */
export interface ApiAnswer {
  status?: number;
  json?: Record<string, unknown>;
  file?: { content: Buffer; fileName: string; mimeType: string };
}

const err = (errcode: number, errmsg: string): ApiAnswer => ({ json: { errcode, errmsg } });
const ok = (extra: Record<string, unknown> = {}): ApiAnswer => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });
const bytes = (s: unknown): number => Buffer.byteLength(String(s ?? ''), 'utf8');
const INTERACTIVE = ['button_interaction', 'vote_interaction', 'multiple_interaction'];

/** Routes one recorded call. */
export function handleApi(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  if (r.api === 'gettoken') return gettoken(s, r);
  if (r.api === 'webhook/send') return robot(s, r);
  if (r.api === 'webhook/upload_media') return s.robots.has(r.query.key ?? '') ? uploadMedia(s, r) : err(93000, 'invalid webhook url');
  const token = r.query.access_token;
  if (!token) return err(41001, 'access_token missing');
  const state = s.tokens.get(token);
  if (!state || state === 'revoked') return err(40014, 'invalid access_token');
  if (state === 'expired') return err(42001, 'access_token expired');
  const injected = s.takeFailure(r.api);
  if (injected !== undefined) return err(injected, `injected failure ${injected}`);
  if (r.api === 'message/send') return withDuplicateCheck(s, r, () => send(s, r));
  if (r.api === 'message/update_template_card') return updateCard(s, r);
  if (r.api === 'media/get') return media(s, r);
  if (r.api === 'media/upload') return uploadMedia(s, r);
  if (r.api === 'user/list') return userList(s, r);
  return { status: 404, json: { errcode: 404, errmsg: `the fake has no ${r.api}` } };
}

function gettoken(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const injected = s.takeFailure('gettoken');
  if (injected !== undefined) return err(injected, `injected failure ${injected}`);
  if (r.query.corpid !== s.o.corpId) return err(40013, 'invalid corpid');
  if (r.query.corpsecret !== s.o.secret) return err(40001, 'invalid credential');
  const token = `tok-${s.next()}`;
  s.tokens.set(token, 'live');
  return ok({ access_token: token, expires_in: s.o.tokenTtlSec ?? 7200 });
}

/** Checks a text or markdown content: empty is 44004; over the limit the real API truncates, the fake flags it. */
function content(r: ApiRecord, value: unknown, limit: number): ApiAnswer | undefined {
  if (!value) return err(44004, 'empty content');
  if (bytes(value) > limit) r.flags.push(`over-${limit}-bytes`);
  return undefined;
}

function send(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const b = r.body ?? {};
  if (!b.agentid) return err(41011, 'missing agentid');
  if (Number(b.agentid) !== s.o.agentId) return err(40056, 'invalid agentid');
  if (!b.touser && !b.toparty && !b.totag) return err(82001, 'all touser, toparty and totag are empty');
  const touser = String(b.touser ?? '').split('|').filter(Boolean);
  if (touser.length > 1000) return err(40058, 'touser over 1000');
  const bad = b.msgtype === 'text' ? content(r, b.text?.content, 2048)
    : b.msgtype === 'markdown' ? content(r, b.markdown?.content, 2048)
      : b.msgtype === 'template_card' ? cardRefusal(checkTemplateCard(b.template_card, 'send'))
        : b.msgtype === 'file' ? fileMessageRefusal(s, b)
          : b.msgtype === 'image' ? imageMessageRefusal(s, b)
            : err(40008, 'invalid message type');
  if (bad) return bad;
  const invalid = touser.filter((u) => !s.users.has(u.toLowerCase()));
  const valid = touser.filter((u) => s.users.has(u.toLowerCase()));
  if (!valid.length) return err(81013, 'user & party & tag all invalid');
  const now = Date.now();
  for (const u of valid) {
    const recent = (s.perUser.get(u) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 30) {
      s.dropped++;
      r.flags.push(`dropped:${u}`);
    } else recent.push(now);
    s.perUser.set(u, recent);
  }
  const extra: Record<string, unknown> = { invaliduser: invalid.map((u) => u.toLowerCase()).join('|'), msgid: `msg-${s.next()}` };
  if (b.msgtype === 'template_card') {
    const taskId = b.template_card.task_id;
    if (s.cards.has(taskId)) return err(40058, 'task_id already used');
    s.cards.set(taskId, { taskId, touser: valid, current: b.template_card, updates: [] });
    if (INTERACTIVE.includes(b.template_card.card_type) || b.template_card.action_menu) extra.response_code = s.issueResponseCode(taskId);
  }
  return ok(extra);
}

/** update_template_card: a live, unused response code; exactly one of button / template_card (§3.5). */
function updateCard(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const b = r.body ?? {};
  if (Number(b.agentid) !== s.o.agentId) return err(40056, 'invalid agentid');
  const code = s.codes.get(String(b.response_code ?? ''));
  if (!code || code.used || code.expired || s.now() - code.issuedAt > RESPONSE_CODE_TTL_MS) return err(40058, 'invalid response_code');
  const refused = checkUpdateBody(b);
  if (refused) return err(40058, refused);
  if (!b.atall && !(b.userids ?? []).length) return err(40058, 'no recipients');
  code.used = true;
  const card = s.cards.get(code.taskId);
  if (card) {
    card.updates.push(b);
    card.current = b.template_card ?? { ...card.current, replace_text: b.button.replace_name };
  }
  return ok({ invaliduser: [] });
}

/** A card the fake refuses, as WeCom's 40058 不合法的参数. */
function cardRefusal(reason: string | undefined): ApiAnswer | undefined {
  return reason ? err(40058, reason) : undefined;
}

function media(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const file = s.media.get(r.query.media_id ?? '');
  return file ? { file } : err(40007, 'invalid media_id');
}

/** The group robot: unknown key 93000, over 20 a minute 45009 (§3.7). */
function robot(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const sent = s.robots.get(r.query.key ?? '');
  if (!sent) return err(93000, 'invalid webhook url');
  const injected = s.takeFailure('webhook/send');
  if (injected !== undefined) return err(injected, `injected failure ${injected}`);
  const now = Date.now();
  const recent = sent.filter((t) => now - t < 60_000);
  if (recent.length >= 20) return err(45009, 'api freq out of limit');
  const b = r.body ?? {};
  const bad = b.msgtype === 'text' ? content(r, b.text?.content, 2048)
    : b.msgtype === 'markdown' ? content(r, b.markdown?.content, 4096)
      : b.msgtype === 'file' ? fileMessageRefusal(s, b)
        : b.msgtype === 'image' ? robotImageRefusal(b)
          : err(40008, 'the fake robot takes text, markdown, file and image');
  if (bad) return bad;
  recent.push(now);
  s.robots.set(r.query.key ?? '', recent);
  return ok();
}

/**
 * user/list (获取部门成员详情): the members of department_id, with fetch_child=1 those of every
 * department (the fake's departments are all under the root, 1). One answer, no paging, as WeCom does.
 */
function userList(s: FakeWecomState, r: ApiRecord): ApiAnswer {
  const dept = Number(r.query.department_id);
  if (!Number.isInteger(dept) || dept < 1) return err(60003, 'department not found');
  const all = r.query.fetch_child === '1' && dept === 1;
  const userlist = s.directory.filter((u) => all || u.department.includes(dept));
  return ok({ userlist });
}
