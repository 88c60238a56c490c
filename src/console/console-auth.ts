import type { Context } from 'koa';
import type { EmployeeRecord } from '../domain/employee-record';
import { resolveConsoleSession, type SessionLookup } from '../services/console';
import type { ConsoleDeps, Viewer } from './console-page';

/** The session cookie's name (Path=/admin: no other route of this server ever receives it). */
export const SESSION_COOKIE = 'console_session';

/** What the session cookie of a request leads to. */
export type SignedIn = { status: 'ok'; viewer: Viewer; employee: EmployeeRecord } | { status: Exclude<SessionLookup['status'], 'ok'> };

/** The session cookie's value, read from the Cookie header (no signing: the value is a random token looked up by hash). */
export function sessionToken(ctx: Context): string | null {
  for (const part of (ctx.get('Cookie') || '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The viewer of the request's session, re-read from the database (role, team, employment) on every request. */
export async function signedIn(ctx: Context, deps: ConsoleDeps): Promise<SignedIn> {
  const token = sessionToken(ctx);
  if (!token) return { status: 'none' };
  const found = await resolveConsoleSession(deps.ctx, token, deps.now());
  return found.status === 'ok' ? { status: 'ok', viewer: found.viewer, employee: found.employee } : found;
}

/**
 * The Set-Cookie value of a new session: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), Path=/admin, Max-Age the session's hours, Secure when PUBLIC_URL is https.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/admin; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The Chinese text of why there is no usable session. */
export function signedOutText(status: SignedIn['status']): string {
  if (status === 'expired') return '登录已过期。请在聊天里发送「后台」，用新的链接重新登录。';
  if (status === 'revoked') return '这个登录已被退出或被管理员撤销。请在聊天里发送「后台」，用新的链接重新登录。';
  if (status === 'no-access') return '你现在没有使用管理后台的权限（只有管理员和在职的主管可以使用）。';
  return '请先登录：在聊天里发送「后台」，点击收到的链接。';
}
