import { LeaveRequest } from '../../../src/db/entities';
import { inTransaction } from '../../../src/db/transaction';
import { pendingRequestsFor } from '../../../src/services/approvals';
import { attachSickNote, decideLeave, requestLeave, withdrawLeave } from '../../../src/services/leave';
import type { LeaveSpan } from '../../../src/domain/leave-halves';
import { describeEachDb } from '../../helpers/test-db';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';

const DEC3: LeaveSpan = { startDate: '2026-12-03', startHalf: 'am', endDate: '2026-12-03', endHalf: 'pm' };

describeEachDb('leave service (H-14)', (db, kind) => {
  const ctx = () => serviceContext(db());
  const setup = async () => {
    const a = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '陈静', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
      { name: '钱进', role: 'admin' },
    ]);
    const b = await makeTeam(db(), [{ name: '孙丽', role: 'supervisor' }]);
    return { ...a.people, ...b.people };
  };
  const file = (p: Record<string, import('../../../src/db/entities').Employee>, who: string, extra: Partial<Parameters<typeof requestLeave>[1]> = {}) =>
    requestLeave(ctx(), { requester: p[who], filer: p[who], kind: 'personal', span: DEC3, reason: '家里有事', sentAt: sh('2026-12-02 21:00:00'), ...extra });

  test.each([
    ['sent the day before, late evening: in time', '2026-12-02 23:59:00', true],
    ['sent on the day itself: refused with the rule', '2026-12-03 07:00:00', false],
  ])('H-14 notice: %s', async (_case, sent, ok) => {
    const p = await setup();
    const attempt = file(p, '张伟', { sentAt: sh(sent) });
    if (ok) await expect(attempt).resolves.toMatchObject({ request: { status: 'pending' } });
    else await expect(attempt).rejects.toMatchObject({ code: 'leave.notice', message: expect.stringContaining('H-14') });
  });

  // Issue 13: the service keeps the reading rules whatever path a span comes by (a form, a future
  // caller): a span to 9999-12-31 walked the calendar forever; a decade was stored.
  test.each<[string, LeaveSpan, string]>([
    ['a span to 9999-12-31 (it hung the event loop)', { startDate: '2026-12-20', startHalf: 'am', endDate: '9999-12-31', endHalf: 'pm' }, '一次请假最多 31 个自然日'],
    ['9999-12-31 alone', { startDate: '9999-12-31', startHalf: 'am', endDate: '9999-12-31', endHalf: 'pm' }, '“9999-12-31”超出范围'],
    ['a decade', { startDate: '2026-12-14', startHalf: 'am', endDate: '2036-12-14', endHalf: 'pm' }, '共 3654 天'],
    ['reversed', { startDate: '2026-12-19', startHalf: 'am', endDate: '2026-12-17', endHalf: 'pm' }, '结束日期早于开始日期'],
  ])('reading rules: %s is refused by the service too, and nothing is stored', async (_case, span, message) => {
    const p = await setup();
    await expect(file(p, '张伟', { span, filer: p['赵敏'] })).rejects.toMatchObject({ code: 'leave.span', message: expect.stringContaining(message) });
    expect(await db().getRepository(LeaveRequest).countBy({ employeeId: p['张伟'].id })).toBe(0);
  });

  test('H-14 an admin may file on someone\'s behalf without notice; others may not', async () => {
    const p = await setup();
    const r = await requestLeave(ctx(), { requester: p['张伟'], filer: p['赵敏'], kind: 'sick', span: DEC3, reason: '发烧', sentAt: sh('2026-12-03 08:00:00') });
    expect(r.request).toMatchObject({ filedBy: p['赵敏'].id, employeeId: p['张伟'].id });
    await expect(requestLeave(ctx(), { requester: p['张伟'], filer: p['王强'], kind: 'personal', span: DEC3, reason: 'x', sentAt: sh('2026-12-01 08:00:00') })).rejects.toMatchObject({ code: 'leave.on-behalf' });
  });

  test('overlapping requests are refused at half-day precision; a holiday-only span is refused', async () => {
    const p = await setup();
    await file(p, '张伟', { span: { startDate: '2026-12-03', startHalf: 'pm', endDate: '2026-12-03', endHalf: 'pm' } });
    await expect(file(p, '张伟')).rejects.toMatchObject({ code: 'leave.overlap' });
    await expect(file(p, '张伟', { span: { startDate: '2026-12-03', startHalf: 'am', endDate: '2026-12-03', endHalf: 'am' } })).resolves.toBeDefined();
    await expect(file(p, '张伟', { span: { startDate: '2026-12-05', startHalf: 'am', endDate: '2026-12-06', endHalf: 'pm' } })).rejects.toMatchObject({ code: 'leave.no-workday' });
  });

  test.each([
    ['an agent', '张伟', '陈静', 'leave.authority'],
    ['the supervisor of another team', '孙丽', '张伟', 'leave.authority'],
    ['a supervisor, for a supervisor', '孙丽', '王强', 'leave.authority'],
    ['oneself', '王强', '王强', 'leave.self'],
  ])('H-14 %s may not decide', async (_case, actor, requester, code) => {
    const p = await setup();
    const { request } = await file(p, requester);
    await expect(decideLeave(ctx(), { actor: p[actor], requestId: request.id, approve: true, at: sh('2026-12-02 22:00:00') })).rejects.toMatchObject({ code });
  });

  test.each([
    ['the team supervisor decides an agent', '王强', '张伟'],
    ['the team supervisor decides a salesperson', '王强', '陈静'],
    ['an admin decides a supervisor', '赵敏', '王强'],
    ['an admin decides another admin', '赵敏', '钱进'],
  ])('H-14 %s', async (_case, actor, requester) => {
    const p = await setup();
    const { request } = await file(p, requester);
    const r = await decideLeave(ctx(), { actor: p[actor], requestId: request.id, approve: true, at: sh('2026-12-02 22:00:00') });
    expect(r.request).toMatchObject({ status: 'approved', decidedBy: p[actor].id });
  });

  test('H-14 sick leave cannot be approved before its note; the next file sent is attached', async () => {
    const p = await setup();
    const { request, needsNote } = await file(p, '张伟', { kind: 'sick', reason: '发烧' });
    expect(needsNote).toBe(true);
    await expect(decideLeave(ctx(), { actor: p['王强'], requestId: request.id, approve: true, at: sh('2026-12-02 22:00:00') })).rejects.toMatchObject({ code: 'leave.needs-note' });
    const attached = await attachSickNote(ctx(), {
      employee: p['张伟'], file: { platform: 'feishu', platformKey: 'img_1', fileName: '病假条.jpg', mimeType: 'image/jpeg', content: Buffer.from('jpeg') }, at: sh('2026-12-02 22:10:00'),
    });
    expect(attached?.request.id).toBe(request.id);
    expect(await attachSickNote(ctx(), { employee: p['张伟'], file: { platform: 'feishu', platformKey: 'img_2', content: Buffer.from('x') }, at: sh('2026-12-02 22:11:00') })).toBeNull();
    await expect(decideLeave(ctx(), { actor: p['王强'], requestId: request.id, approve: true, at: sh('2026-12-02 22:20:00') })).resolves.toMatchObject({ request: { status: 'approved' } });
  });

  test('a decided request cannot be decided again; the message says who decided', async () => {
    const p = await setup();
    const { request } = await file(p, '张伟');
    await decideLeave(ctx(), { actor: p['王强'], requestId: request.id, approve: false, note: '当天有培训', at: sh('2026-12-02 22:00:00') });
    await expect(decideLeave(ctx(), { actor: p['赵敏'], requestId: request.id, approve: true, at: sh('2026-12-02 22:01:00') })).rejects.toMatchObject({
      code: 'leave.decided', message: expect.stringContaining('王强'),
    });
  });

  test('two deciders at the same moment: exactly one decision, the other is told who decided', async () => {
    const p = await setup();
    for (let round = 0; round < 5; round++) {
      const { request } = await file(p, '张伟', { span: { startDate: `2026-12-1${round}`, startHalf: 'am', endDate: `2026-12-1${round}`, endHalf: 'pm' } }).catch(() => ({ request: null }));
      if (!request) continue;
      const results = await Promise.allSettled([
        decideLeave(ctx(), { actor: p['王强'], requestId: request.id, approve: true, at: sh('2026-12-02 22:00:00') }),
        decideLeave(ctx(), { actor: p['赵敏'], requestId: request.id, approve: false, at: sh('2026-12-02 22:00:00') }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      const stored = await db().getRepository(LeaveRequest).findOneByOrFail({ id: request.id });
      const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ request: LeaveRequest }>).value.request;
      expect(stored).toMatchObject({ status: winner.status, decidedBy: winner.decidedBy });
      const [who, verb] = winner.status === 'approved' ? ['王强', '批准'] : ['赵敏', '驳回'];
      expect(rejected.reason).toMatchObject({ code: 'leave.decided' });
      expect((rejected.reason as Error).message).toBe(`L${request.id} 已由${who}于 12月2日 22:00 ${verb}，不能再审批。`);
    }
  });

  if (kind === 'mysql') {
    // Deterministic form of the race above: the loser's transaction has read the request (its
    // snapshot says pending) before the winner commits. (SQLite runs transactions one at a time.)
    test('the loser of a race read the request while pending: it is told who decided and how, read fresh', async () => {
      const p = await setup();
      const { request } = await file(p, '张伟');
      let snapshotTaken!: () => void;
      const taken = new Promise<void>((resolve) => (snapshotTaken = resolve));
      const winner = taken.then(() => decideLeave(ctx(), { actor: p['王强'], requestId: request.id, approve: true, at: sh('2026-12-02 22:05:00') }));
      const loser = inTransaction(db(), async (em) => {
        expect(await em.findOneByOrFail(LeaveRequest, { id: request.id })).toMatchObject({ status: 'pending' });
        snapshotTaken();
        await winner;
        return decideLeave(ctx(), { actor: p['赵敏'], requestId: request.id, approve: false, note: '人手不够', at: sh('2026-12-02 22:06:00') });
      });
      const lost = await loser.then(() => undefined, (e: unknown) => e as Error);
      expect(lost).toMatchObject({ code: 'leave.decided' });
      expect(lost?.message).toBe(`L${request.id} 已由王强于 12月2日 22:05 批准，不能再审批。`);
      expect(await db().getRepository(LeaveRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: 'approved', decidedBy: p['王强'].id });
    });
  }

  test('a pending request can be withdrawn by its requester only; 审批 lists what the actor decides', async () => {
    const p = await setup();
    const { request } = await file(p, '张伟');
    const sup = await file(p, '王强', { span: { startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'pm' } });
    const today = '2026-12-02';
    expect((await pendingRequestsFor(ctx(), p['王强'], today)).map((x) => x.id)).toEqual([request.id]);
    expect((await pendingRequestsFor(ctx(), p['赵敏'], today)).map((x) => x.id)).toEqual(expect.arrayContaining([request.id, sup.request.id]));
    expect(await pendingRequestsFor(ctx(), p['张伟'], today)).toEqual([]);
    await expect(withdrawLeave(ctx(), { actor: p['王强'], requestId: request.id, at: sh('2026-12-02 22:00:00') })).rejects.toMatchObject({ code: 'leave.withdraw-other' });
    expect(await withdrawLeave(ctx(), { actor: p['张伟'], requestId: request.id, at: sh('2026-12-02 22:00:00') })).toMatchObject({ status: 'cancelled' });
    await expect(withdrawLeave(ctx(), { actor: p['张伟'], requestId: request.id, at: sh('2026-12-02 22:01:00') })).rejects.toMatchObject({ code: 'leave.not-pending' });
    const other = await file(p, '张伟', { span: { startDate: '2026-12-07', startHalf: 'am', endDate: '2026-12-07', endHalf: 'pm' } });
    await decideLeave(ctx(), { actor: p['王强'], requestId: other.request.id, approve: true, at: sh('2026-12-02 22:02:00') });
    await expect(withdrawLeave(ctx(), { actor: p['张伟'], requestId: other.request.id, at: sh('2026-12-02 22:03:00') })).rejects.toThrow(`L${other.request.id} 已由王强于 12月2日 22:02 批准，不能撤回。`);
  });
});
