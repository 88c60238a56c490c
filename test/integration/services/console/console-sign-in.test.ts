/**
 * The console's sign-in (issue 18): a link of 后台 works policy console.linkMinutes (10), once;
 * two redemptions at once open one session; a session resolves to the employee's CURRENT role,
 * team and employment on every request (a demoted or departed person loses access), and ends
 * when revoked or after console.sessionHours (8).
 */
import { createHash } from 'node:crypto';
import { AuditEntry, ConsoleLink, ConsoleSession, Employee } from '../../../../src/db/entities';
import { issueConsoleLink, listConsoleSessions, redeemConsoleLink, resolveConsoleSession, revokeSession } from '../../../../src/services/console';
import { makeTeam, serviceContext, sh } from '../../../helpers/service-context';
import { describeEachDb } from '../../../helpers/test-db';

describeEachDb('console sign-in: one-time links and sessions', (db) => {
  const now = sh('2026-12-03 09:00:00');
  const later = (ms: number) => new Date(now.getTime() + ms);
  const setup = async () => {
    const { people, team } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    return { ctx: serviceContext(db()), p: people, team };
  };

  test('a link is stored as its hash only, audited, and opens one session of 8 hours; the same link again is refused as used', async () => {
    const { ctx, p } = await setup();
    const { token, expiresAt } = await issueConsoleLink(ctx, p['王强'].id, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toEqual(later(10 * 60_000));
    const stored = await db().getRepository(ConsoleLink).findOneByOrFail({ employeeId: p['王强'].id });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(await db().getRepository(AuditEntry).findOneBy({ action: 'console.link', actorId: p['王强'].id })).toBeTruthy();

    const first = await redeemConsoleLink(ctx, token, later(60_000));
    expect(first).toMatchObject({ status: 'ok', expiresAt: later(60_000 + 8 * 3_600_000) });
    expect(await redeemConsoleLink(ctx, token, later(61_000))).toEqual({ status: 'used' });
    if (first.status !== 'ok') throw new Error('no session');
    const session = await db().getRepository(ConsoleSession).findOneByOrFail({ id: first.sessionId });
    expect(session.tokenHash).toBe(createHash('sha256').update(first.token).digest('hex'));
    const seen = await resolveConsoleSession(ctx, first.token, later(120_000));
    expect(seen).toMatchObject({ status: 'ok', viewer: { employeeId: p['王强'].id, name: '王强', role: 'supervisor', teamId: p['王强'].teamId, sessionId: first.sessionId } });
    expect(await resolveConsoleSession(ctx, first.token, later(60_000 + 8 * 3_600_000))).toEqual({ status: 'expired' });
  });

  test('an expired, unknown or malformed link is refused and opens nothing', async () => {
    const { ctx, p } = await setup();
    const { token } = await issueConsoleLink(ctx, p['赵敏'].id, now);
    expect(await redeemConsoleLink(ctx, token, later(10 * 60_000))).toEqual({ status: 'expired' });
    expect(await redeemConsoleLink(ctx, 'A'.repeat(43), now)).toEqual({ status: 'unknown' });
    expect(await redeemConsoleLink(ctx, 'not a token', now)).toEqual({ status: 'unknown' });
    expect(await db().getRepository(ConsoleSession).countBy({ employeeId: p['赵敏'].id })).toBe(0);
  });

  test('two redemptions of one link at once: exactly one session', async () => {
    const { ctx, p } = await setup();
    const { token } = await issueConsoleLink(ctx, p['赵敏'].id, now);
    const results = await Promise.all([redeemConsoleLink(ctx, token, later(1000)), redeemConsoleLink(ctx, token, later(1000))]);
    expect(results.map((r) => r.status).sort()).toEqual(['ok', 'used']);
    expect(await db().getRepository(ConsoleSession).countBy({ employeeId: p['赵敏'].id })).toBe(1);
  });

  test('a link of someone who may not use the console (an agent) is used up and opens nothing', async () => {
    const { ctx, p } = await setup();
    const { token } = await issueConsoleLink(ctx, p['张伟'].id, now);
    expect(await redeemConsoleLink(ctx, token, now)).toEqual({ status: 'no-access' });
    expect(await redeemConsoleLink(ctx, token, now)).toEqual({ status: 'used' });
  });

  test('the session follows the employee: demoted → no access; departed (end date before today) → no access; unknown token → none', async () => {
    const { ctx, p } = await setup();
    const open = async (id: number) => {
      const r = await redeemConsoleLink(ctx, (await issueConsoleLink(ctx, id, now)).token, now);
      if (r.status !== 'ok') throw new Error(r.status);
      return r.token;
    };
    const sup = await open(p['王强'].id);
    const admin = await open(p['赵敏'].id);
    await db().getRepository(Employee).update({ id: p['王强'].id }, { role: 'agent' });
    expect(await resolveConsoleSession(ctx, sup, now)).toEqual({ status: 'no-access' });
    await db().getRepository(Employee).update({ id: p['赵敏'].id }, { endDate: '2026-12-02' });
    expect(await resolveConsoleSession(ctx, admin, now)).toEqual({ status: 'no-access' });
    await db().getRepository(Employee).update({ id: p['赵敏'].id }, { endDate: '2026-12-03' });
    expect(await resolveConsoleSession(ctx, admin, now)).toMatchObject({ status: 'ok' });
    expect(await resolveConsoleSession(ctx, 'B'.repeat(43), now)).toEqual({ status: 'none' });
  });

  test('an admin lists the live sessions and revokes one: it stops at once, the revocation is audited', async () => {
    const { ctx, p } = await setup();
    const r1 = await redeemConsoleLink(ctx, (await issueConsoleLink(ctx, p['赵敏'].id, now)).token, now);
    const r2 = await redeemConsoleLink(ctx, (await issueConsoleLink(ctx, p['王强'].id, now)).token, now);
    if (r1.status !== 'ok' || r2.status !== 'ok') throw new Error('no session');
    const listed = await listConsoleSessions(ctx, later(1000));
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining([r1.sessionId, r2.sessionId]));
    const admin = await resolveConsoleSession(ctx, r1.token, now);
    if (admin.status !== 'ok') throw new Error('no viewer');
    expect(await revokeSession(ctx, admin.viewer, r2.sessionId, later(2000))).toBe(true);
    expect(await revokeSession(ctx, admin.viewer, r2.sessionId, later(3000))).toBe(false);
    expect(await resolveConsoleSession(ctx, r2.token, later(4000))).toEqual({ status: 'revoked' });
    expect((await listConsoleSessions(ctx, later(5000))).map((s) => s.id)).not.toContain(r2.sessionId);
    expect(await db().getRepository(ConsoleSession).findOneByOrFail({ id: r2.sessionId })).toMatchObject({ revokedBy: p['赵敏'].id, revokedAt: later(2000) });
    expect(await db().getRepository(AuditEntry).findOneBy({ action: 'console.revoke', subjectId: String(r2.sessionId) })).toMatchObject({ actorId: p['赵敏'].id });
  });

  test('links and sessions that ended more than console.keepDays (30) ago are deleted when a new link is issued; the audit log keeps them', async () => {
    const { ctx, p } = await setup();
    const { token } = await issueConsoleLink(ctx, p['赵敏'].id, now);
    const session = await redeemConsoleLink(ctx, token, later(60_000));
    if (session.status !== 'ok') throw new Error('no session');
    const day = 86_400_000;
    // 29 days after the session ended: kept.
    await issueConsoleLink(ctx, p['赵敏'].id, later(8 * 3_600_000 + 29 * day));
    expect(await db().getRepository(ConsoleSession).countBy({ id: session.sessionId })).toBe(1);
    // 31 days after: the old session and every link made before then are gone; the new link stays.
    const fresh = await issueConsoleLink(ctx, p['赵敏'].id, later(8 * 3_600_000 + 31 * day));
    expect(await db().getRepository(ConsoleSession).countBy({ id: session.sessionId })).toBe(0);
    const links = await db().getRepository(ConsoleLink).find();
    expect(links.map((l) => l.tokenHash)).toEqual(expect.arrayContaining([createHash('sha256').update(fresh.token).digest('hex')]));
    expect(links.every((l) => l.createdAt.getTime() >= later(8 * 3_600_000 + day).getTime())).toBe(true);
    expect(await db().getRepository(AuditEntry).countBy({ action: 'console.login', subjectId: String(session.sessionId) })).toBe(1);
  });
});
