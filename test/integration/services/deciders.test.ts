import { Delegation, PointEntry } from '../../../src/db/entities';
import { assertMayDecide, decidersOf, pendingRequests, type DecisionBasis } from '../../../src/services/approvals';
import { requestLeave } from '../../../src/services/leave';
import { requestCorrection } from '../../../src/services/corrections';
import { fileAppeal } from '../../../src/services/appeals';
import { twoTeams } from '../../helpers/request-fixture';
import { serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/**
 * The authority matrix of every request kind (H-14 deciders; COMMANDS second wave 补卡, 申诉, 代理):
 * an agent never decides, a supervisor only their team, nobody their own request, an appeal of
 * an entry goes past whoever made it, a delegate only while the delegation is active.
 */
describeEachDb('approvals/deciders: who decides L, B and S', (db) => {
  const setup = async () => {
    const { p } = await twoTeams(db());
    // 孙丽 stands in for 王强 from 12-10 to 12-12.
    await db().getRepository(Delegation).save({ supervisorId: p['王强'].id, delegateId: p['孙丽'].id, startDate: '2026-12-10', endDate: '2026-12-12', createdAt: sh('2026-12-01 09:00:00'), cancelledAt: null });
    return p;
  };
  const may = async (actor: string, requester: string, basis: DecisionBasis, today: string, p: Awaited<ReturnType<typeof setup>>) =>
    assertMayDecide(db().manager, p[actor], p[requester], basis, today).then(() => true, () => false);

  const BASES: Array<[string, (p: Awaited<ReturnType<typeof setup>>) => DecisionBasis]> = [
    ['L', () => ({ letter: 'L' })],
    ['B', () => ({ letter: 'B' })],
    ['S of an automatic entry', () => ({ letter: 'S', entryCreatedBy: null })],
  ];
  const CASES: Array<[string, string, string, boolean]> = [
    // actor, requester, today, may decide
    ['王强', '张伟', '2026-12-03', true],
    ['赵敏', '张伟', '2026-12-03', true],
    ['陈静', '张伟', '2026-12-03', false],
    ['孙丽', '周杰', '2026-12-03', true],
    ['王强', '周杰', '2026-12-03', false],
    ['张伟', '张伟', '2026-12-03', false],
    ['王强', '王强', '2026-12-03', false],
    ['孙丽', '王强', '2026-12-03', false],
    ['赵敏', '王强', '2026-12-03', true],
    ['赵敏', '赵敏', '2026-12-03', false],
    ['孙丽', '张伟', '2026-12-09', false],
    ['孙丽', '张伟', '2026-12-10', true],
    ['孙丽', '张伟', '2026-12-12', true],
    ['孙丽', '张伟', '2026-12-13', false],
  ];
  describe.each(BASES)('%s', (_kind, basis) => {
    test.each(CASES)('%s deciding for %s on %s: %s', async (actor, requester, today, expected) => {
      const p = await setup();
      expect(await may(actor, requester, basis(p), today, p)).toBe(expected);
    });
  });

  test('S of an entry the supervisor made: the admins decide, not the supervisor nor their delegate; nobody an appeal of their own entry', async () => {
    const p = await setup();
    const byBoss: DecisionBasis = { letter: 'S', entryCreatedBy: p['王强'].id };
    expect(await may('王强', '张伟', byBoss, '2026-12-11', p)).toBe(false);
    expect(await may('孙丽', '张伟', byBoss, '2026-12-11', p)).toBe(false);
    expect(await may('赵敏', '张伟', byBoss, '2026-12-11', p)).toBe(true);
    expect(await may('赵敏', '张伟', { letter: 'S', entryCreatedBy: p['赵敏'].id }, '2026-12-11', p)).toBe(false);
    const d = await decidersOf(db().manager, p['张伟'], byBoss, '2026-12-11');
    expect(d.primary.map((e) => e.role)).toEqual(d.primary.map(() => 'admin'));
    expect(d.primary.map((e) => e.id)).toContain(p['赵敏'].id);
    expect(d).toMatchObject({ delegates: [], supervisorId: null });
  });

  test('pendingRequests: every kind, oldest first, with its deciders and the delegates active that day', async () => {
    const p = await setup();
    const ctx = serviceContext(db());
    await requestLeave(ctx, { requester: p['张伟'], filer: p['张伟'], kind: 'personal', span: { startDate: '2026-12-14', startHalf: 'am', endDate: '2026-12-14', endHalf: 'pm' }, reason: '有事', sentAt: sh('2026-12-10 09:00:00') });
    await requestCorrection(ctx, { requester: p['王强'], date: '2026-12-09', kind: 'in', minute: 540, reason: '忘记', sentAt: sh('2026-12-10 09:01:00') });
    const entry = await db().getRepository(PointEntry).save({
      employeeId: p['张伟'].id, month: '2026-12', workDate: '2026-12-09', points: -2, fineFen: 0, rule: 'H-16', code: 'misconduct:座位', sourceType: 'manual',
      sourceId: `d-${Math.random()}`, generation: 0, reason: '座位', createdBy: p['王强'].id, reversesId: null, createdAt: sh('2026-12-09 10:00:00'),
    });
    await fileAppeal(ctx, { requester: p['张伟'], entryId: entry.id, reason: '不是我', sentAt: sh('2026-12-10 09:02:00') });
    const mine = (await pendingRequests(db().manager, ctx, { today: '2026-12-11' })).filter((r) => [p['张伟'].id, p['王强'].id].includes(r.requesterId));
    expect(mine.map(({ letter, requesterId, deciderIds, delegateIds, supervisorId }) => ({ letter, requesterId, deciderIds, delegateIds, supervisorId }))).toEqual([
      { letter: 'L', requesterId: p['张伟'].id, deciderIds: [p['王强'].id], delegateIds: [p['孙丽'].id], supervisorId: p['王强'].id },
      { letter: 'B', requesterId: p['王强'].id, deciderIds: expect.arrayContaining([p['赵敏'].id]), delegateIds: [], supervisorId: null },
      { letter: 'S', requesterId: p['张伟'].id, deciderIds: expect.arrayContaining([p['赵敏'].id]), delegateIds: [], supervisorId: null },
    ]);
    expect(mine[0].requestedAt.toISOString()).toBe(sh('2026-12-10 09:00:00').toISOString());
    const after = (await pendingRequests(db().manager, ctx, { today: '2026-12-13' })).find((r) => r.letter === 'L' && r.requesterId === p['张伟'].id);
    expect(after?.delegateIds).toEqual([]);
  });
});
