import type { EmployeeRecord } from '../../domain/employee-record';
import { appendAudit } from '../../db/stores/audit-store';
import { activeConsoleSessions, consoleSessionByHash, consoleSessionById, revokeConsoleSession, touchConsoleSession } from '../../db/stores/console-store';
import { employeesByIds, findEmployee } from '../../db/stores/org-store';
import { inTransaction, writeTransaction } from '../../db/transaction';
import type { ServiceContext } from '../service-context';
import { hashOf, isToken } from './console-tokens';
import { mayUseConsole, viewerOf, type ConsoleViewer } from './console-viewer';

/** What a session cookie leads to: the viewer, or why not (each is a 401 but 'no-access', a 403). */
export type SessionLookup = { status: 'ok'; viewer: ConsoleViewer; employee: EmployeeRecord } | { status: 'none' | 'expired' | 'revoked' | 'no-access' };

/** How stale last_seen_at may get before a request writes it again (a page view is not a write each time). */
const TOUCH_AFTER_MS = 60_000;

/**
 * The viewer behind a session cookie's token, re-reading the employee's CURRENT role, team and
 * employment on every request: a demoted, moved or departed person loses access at once.
 */
export async function resolveConsoleSession(ctx: ServiceContext, token: string, now: Date): Promise<SessionLookup> {
  if (!isToken(token)) return { status: 'none' };
  return inTransaction(ctx.ds, async (tx): Promise<SessionLookup> => {
    const session = await consoleSessionByHash(tx, hashOf(token));
    if (!session) return { status: 'none' };
    if (session.revokedAt) return { status: 'revoked' };
    if (session.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
    const employee = await findEmployee(tx, session.employeeId);
    if (!mayUseConsole(employee, now, ctx.policy.timezone)) return { status: 'no-access' };
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchConsoleSession(tx, session.id, now);
    return { status: 'ok', viewer: viewerOf(employee, session.id), employee };
  });
}

/** A live session as the sessions page lists it. */
export interface SessionRow {
  id: number;
  employeeId: number;
  name: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** The sessions neither revoked nor expired, most recently used first (at most `limit`). */
export async function listConsoleSessions(ctx: ServiceContext, now: Date, limit = 200): Promise<SessionRow[]> {
  return inTransaction(ctx.ds, async (tx) => {
    const sessions = await activeConsoleSessions(tx, now, limit);
    const people = new Map((await employeesByIds(tx, [...new Set(sessions.map((s) => s.employeeId))])).map((e) => [e.id, e]));
    return sessions.map((s) => ({
      id: s.id, employeeId: s.employeeId, name: people.get(s.employeeId)?.name ?? `#${s.employeeId}`, role: people.get(s.employeeId)?.role ?? '',
      createdAt: s.createdAt, expiresAt: s.expiresAt, lastSeenAt: s.lastSeenAt,
    }));
  });
}

/**
 * Revokes a session (an admin on the sessions page, or its owner signing out): false when it
 * does not exist or was revoked already. Audited as `console.revoke` (or `console.logout` for
 * one's own), with the session's owner as the subject.
 */
export async function revokeSession(ctx: ServiceContext, actor: ConsoleViewer, sessionId: number, now: Date): Promise<boolean> {
  return writeTransaction(ctx.ds, async (tx) => {
    const session = await consoleSessionById(tx, sessionId);
    if (!session || !(await revokeConsoleSession(tx, sessionId, actor.employeeId, now))) return false;
    const own = sessionId === actor.sessionId;
    await appendAudit(tx, {
      actorId: actor.employeeId, actor: null, action: own ? 'console.logout' : 'console.revoke', subjectType: 'console_session', subjectId: String(sessionId),
      details: { employeeId: session.employeeId, viaSession: actor.sessionId }, at: now,
    });
    return true;
  });
}
