import type { Context } from 'koa';
import type { Dispatcher } from '../core/dispatcher';
import { UserError } from '../core/errors';
import type { MessageEvent, Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import { auditConsoleCommand, payrollDownload, revokeSession } from '../services/console';
import { httpError, jsonBody } from '../http/router-kit';
import { signedIn, signedOutText } from './console-auth';
import { ConsoleError, type ConsoleDeps, type Viewer } from './console-page';
import { monthOfQuery } from './pages/page-kit';
import { replyText } from './reply-text';
import type { EmployeeRecord } from '../domain/employee-record';

/** The commands the console may send, by first word: the decisions of its pages (审批, 本月, 日历). */
export const CONSOLE_COMMANDS: ReadonlySet<string> = new Set(['同意', '驳回', '结算', '节假日']);

/** A request id: what the page script sends (a UUID), at most 64 characters. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The longest command text the console sends (a reason included). */
const MAX_TEXT = 500;

/** What the console's API needs besides the pages' deps. */
export interface ConsoleApiDeps {
  deps: ConsoleDeps;
  dispatcher: Pick<Dispatcher, 'dispatchAs' | 'isUnavailable'>;
  /** The platform the console's events are stamped with: notices to employees try it first. */
  platform: Platform;
  logger?: Logger;
}

/** The viewer of an API request, or a JSON refusal (401 signed out, 403 no access or not an admin where one is needed). */
export async function apiViewer(ctx: Context, deps: ConsoleDeps, adminOnly = false): Promise<{ viewer: Viewer; employee: EmployeeRecord }> {
  const found = await signedIn(ctx, deps);
  if (found.status !== 'ok') throw httpError(found.status === 'no-access' ? 403 : 401, signedOutText(found.status));
  if (adminOnly && found.viewer.role !== 'admin') throw httpError(403, '只有管理员可以这样做。');
  return found;
}

function commandOf(body: unknown): { text: string; requestId: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.text !== 'string' || !b.text.trim() || b.text.length > MAX_TEXT) throw httpError(400, `请求缺少命令文字（text，最多 ${MAX_TEXT} 字）。`);
  if (typeof b.requestId !== 'string' || !REQUEST_ID.test(b.requestId)) throw httpError(400, '请求缺少有效的 requestId（最多 64 个字母、数字或 -）。');
  return { text: b.text.trim(), requestId: b.requestId };
}

/**
 * POST /admin/api/command: runs a chat command as the viewer through the same dispatcher as the
 * platforms (authorisation by role and team, the same services, the cards in chat updated, the
 * requester told). Only {@link CONSOLE_COMMANDS}; the dedup key `console:<session>:<requestId>`
 * makes a second submit a duplicate that does nothing. Every write is audited (console.command).
 */
export async function runCommand(ctx: Context, api: ConsoleApiDeps): Promise<void> {
  const { viewer, employee } = await apiViewer(ctx, api.deps);
  const { text, requestId } = commandOf(jsonBody(ctx));
  const word = text.split(/\s+/)[0];
  if (!CONSOLE_COMMANDS.has(word)) throw httpError(400, `管理后台只能发送这些命令：${[...CONSOLE_COMMANDS].join('、')}。其他命令请在聊天里发送。`);
  const now = api.deps.now();
  const event: MessageEvent = {
    type: 'message', platform: api.platform, dedupKey: `console:${viewer.sessionId}:${requestId}`, sentAt: now,
    senderId: `console:${viewer.employeeId}`, chat: { kind: 'direct', id: `console:${viewer.sessionId}` }, text, mentions: [], files: [],
  };
  let outcome;
  try {
    outcome = await api.dispatcher.dispatchAs(employee, event);
  } catch (e) {
    if (api.dispatcher.isUnavailable(e)) throw httpError(503, '数据库暂时不可用，没有处理。请稍后重试（重试不会重复处理）。');
    throw e;
  }
  await auditConsoleCommand(api.deps.ctx, viewer, text, outcome.status, now);
  const replies = outcome.status === 'duplicate' ? ['已处理：这个请求之前已经提交过，没有重复执行。'] : outcome.replies.map(replyText);
  ctx.status = 200;
  ctx.body = { status: outcome.status, replies };
}

/** POST /admin/api/sessions/:id/revoke (admins): ends a session at once (audited). */
export async function revoke(ctx: Context, deps: ConsoleDeps, id: string): Promise<void> {
  const { viewer } = await apiViewer(ctx, deps, true);
  if (!/^\d{1,10}$/.test(id)) throw httpError(404, '没有这个会话。');
  const done = await revokeSession(deps.ctx, viewer, Number(id), deps.now());
  ctx.body = done ? { status: 'revoked', replies: ['已撤销该会话：对方需要在聊天里重新发送「后台」登录。'] } : { status: 'not-found', replies: ['这个会话已经结束或不存在。'] };
}

/** `filename*` of RFC 6266 (UTF-8, percent-encoded) with an ASCII fallback, as src/http/file-router.ts sends it. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** GET /admin/api/payroll?month=YYYY-MM&format=xlsx|csv (admins): the month's payroll (the draft while it is open), never cached, audited. */
export async function downloadPayroll(ctx: Context, deps: ConsoleDeps): Promise<void> {
  const { viewer } = await apiViewer(ctx, deps, true);
  const format = String(ctx.query.format ?? '');
  if (!ctx.query.month) throw httpError(400, '请写明月份（month=YYYY-MM），例如 2026-11。');
  // The pages' month rule: YYYY-MM within policy consoleMonths of today.
  let month: string;
  try {
    month = monthOfQuery(deps, { params: {}, query: new URLSearchParams(ctx.querystring) });
  } catch (e) {
    if (e instanceof ConsoleError) throw httpError(e.status, e.message);
    throw e;
  }
  if (format !== 'xlsx' && format !== 'csv') throw httpError(400, '格式只能是 xlsx 或 csv。');
  try {
    const file = await payrollDownload(deps.ctx, viewer, month, format, deps.now());
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', disposition(file.name));
    ctx.type = file.mediaType;
    ctx.body = file.content;
  } catch (e) {
    if (e instanceof UserError) throw httpError(409, e.message);
    throw e;
  }
}
