import type { ConsoleLink, ConsoleLinks } from '../../core/console-links';
import { appendAudit } from '../../db/stores/audit-store';
import { consoleLinkByHash, deleteConsoleRecordsBefore, insertConsoleLink, insertConsoleSession, markConsoleLinkUsed } from '../../db/stores/console-store';
import { findEmployee } from '../../db/stores/org-store';
import { inTransaction, writeTransaction } from '../../db/transaction';
import type { ServiceContext } from '../service-context';
import { hashOf, isToken, newToken } from './console-tokens';
import { mayUseConsole } from './console-viewer';

/** What a sign-in link led to: a new session (its cookie token), or why not. */
export type Redemption =
  | { status: 'ok'; token: string; sessionId: number; expiresAt: Date }
  | { status: 'unknown' | 'expired' | 'used' | 'no-access' };

/**
 * A new one-time sign-in link for `employeeId` (who asked with `后台`), valid policy
 * console.linkMinutes: only the token's hash is stored. Audited as `console.link`; runs in the
 * caller's transaction (the chat turn's). Links and sessions that ended more than
 * console.keepDays ago are deleted on the way (a few rows at most: they are made one at a time).
 */
export async function issueConsoleLink(ctx: Pick<ServiceContext, 'ds' | 'policy'>, employeeId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ctx.policy.console.linkMinutes * 60_000);
  await inTransaction(ctx.ds, async (tx) => {
    await deleteConsoleRecordsBefore(tx, new Date(now.getTime() - ctx.policy.console.keepDays * 86_400_000));
    const id = await insertConsoleLink(tx, { tokenHash: hashOf(token), employeeId, createdAt: now, expiresAt });
    await appendAudit(tx, { actorId: employeeId, actor: null, action: 'console.link', subjectType: 'console_link', subjectId: String(id), details: { expiresAt: expiresAt.toISOString() }, at: now });
  });
  return { token, expiresAt };
}

/**
 * Redeems a sign-in link: unknown, expired or used links are refused; the link is marked used
 * by one conditional UPDATE, so of two redemptions at once exactly one opens a session (the
 * other is 'used'). The session lasts policy console.sessionHours; its cookie token is
 * returned once, only its hash stored. The employee must still be allowed in. Audited as
 * `console.login`.
 */
export async function redeemConsoleLink(ctx: ServiceContext, token: string, now: Date): Promise<Redemption> {
  if (!isToken(token)) return { status: 'unknown' };
  return writeTransaction(ctx.ds, async (tx): Promise<Redemption> => {
    const link = await consoleLinkByHash(tx, hashOf(token));
    if (!link) return { status: 'unknown' };
    if (link.usedAt) return { status: 'used' };
    if (link.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
    if (!(await markConsoleLinkUsed(tx, link.id, now))) return { status: 'used' };
    if (!mayUseConsole(await findEmployee(tx, link.employeeId), now, ctx.policy.timezone)) return { status: 'no-access' };
    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + ctx.policy.console.sessionHours * 3_600_000);
    const sessionId = await insertConsoleSession(tx, { tokenHash: hashOf(sessionToken), employeeId: link.employeeId, linkId: link.id, createdAt: now, expiresAt, lastSeenAt: now });
    await appendAudit(tx, { actorId: link.employeeId, actor: null, action: 'console.login', subjectType: 'console_session', subjectId: String(sessionId), details: null, at: now });
    return { status: 'ok', token: sessionToken, sessionId, expiresAt };
  });
}

/** {@link ConsoleLinks} on the database: links under `publicUrl` (PUBLIC_URL, no trailing slash). */
export function databaseConsoleLinks(ctx: Pick<ServiceContext, 'ds' | 'policy'>, publicUrl: string): ConsoleLinks {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async issue(employeeId: number, now: Date): Promise<ConsoleLink> {
      const { token, expiresAt } = await issueConsoleLink(ctx, employeeId, now);
      return { url: `${base}/admin/login?t=${token}`, expiresAt };
    },
  };
}
