/**
 * onClosedMonthChange (issue 16; docs/commands.md second wave, last automatic message): a
 * change dated in a closed month is recorded and the admins are told once per month and day
 * (one dedup key per admin, month and day); an open month records nothing; the close of a
 * day of a closed month (a late run) marks the slips it changed; a re-close resolves the
 * changes it saw, and a change made during it stays open for the next.
 */
import { IsNull } from 'typeorm';
import type { Notice } from '../../../src/core/notifier';
import { MonthChange } from '../../../src/db/entities';
import { inTransaction } from '../../../src/db/transaction';
import { closeDay } from '../../../src/services/attendance';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { closeMonth, onClosedMonthChange } from '../../../src/services/payroll';
import { checkWeek } from '../../../src/services/weekly';
import type { ServiceContext } from '../../../src/services/service-context';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { clearAllTables, describeEachDb, dropRefusal, refuseRows } from '../../helpers/test-db';

describeEachDb('closed months that change: the hook (issue 16)', (db, kind) => {
  beforeEach(() => clearAllTables(db()));
  const withNotices = () => {
    const sent: Notice[] = [];
    const ctx: ServiceContext = { ...serviceContext(db()), notify: async (n) => (sent.push(...n), n.length) };
    return { ctx, sent };
  };
  const setup = () => makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }, { name: '钱敏', role: 'admin' }]);
  const change = (ctx: ServiceContext, employeeId: number, date: string, at: string, what = '王强撤销了 P1（值日 -5 分 罚 5.00 元），原因：误扣') =>
    inTransaction(ctx.ds, (tx) => onClosedMonthChange(tx, ctx, { employeeId, date, what, at: sh(at) }));
  const open = () => db().getRepository(MonthChange).find({ where: { resolvedAt: IsNull() }, order: { id: 'ASC' } });

  test('an open month: nothing recorded, nobody told', async () => {
    const { people: p } = await setup();
    const { ctx, sent } = withNotices();
    await change(ctx, p['张伟'].id, '2026-11-20', '2026-11-25 10:00:00');
    expect(await db().getRepository(MonthChange).count()).toBe(0);
    expect(sent).toEqual([]);
  });

  test('a closed month: each change recorded; the admins get one key per month and day', async () => {
    const { people: p } = await setup();
    const { ctx, sent } = withNotices();
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    await change(ctx, p['张伟'].id, '2026-11-20', '2026-12-03 10:00:00');
    await change(ctx, p['王强'].id, '2026-11-21', '2026-12-03 15:00:00');
    await change(ctx, p['张伟'].id, '2026-11-22', '2026-12-04 09:00:00');
    expect((await open()).map((c) => [c.employeeId, c.month, c.workDate])).toEqual([
      [p['张伟'].id, '2026-11', '2026-11-20'],
      [p['王强'].id, '2026-11', '2026-11-21'],
      [p['张伟'].id, '2026-11', '2026-11-22'],
    ]);
    // The outbox skips a key it has: the same day's second change adds no new key.
    const keys = [...new Set(sent.map((n) => n.dedupKey))].sort();
    expect(keys).toEqual(
      [`month-change:2026-11:2026-12-03:${p['赵敏'].id}`, `month-change:2026-11:2026-12-03:${p['钱敏'].id}`, `month-change:2026-11:2026-12-04:${p['赵敏'].id}`, `month-change:2026-11:2026-12-04:${p['钱敏'].id}`].sort(),
    );
    expect(sent[0].intent).toMatchObject({ to: { kind: 'employee' }, body: { kind: 'text', text: expect.stringContaining(`张伟（${p['张伟'].no}）11月20日，王强撤销了 P1`) } });
  });

  test('without a notifier (the CLI) the change is still recorded; a long text is cut to what the column holds', async () => {
    const { people: p } = await setup();
    const ctx = serviceContext(db());
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    await change(ctx, p['张伟'].id, '2026-11-20', '2026-12-03 10:00:00', '长'.repeat(600));
    expect((await open()).map((c) => c.what.length)).toEqual([500]);
  });

  test('closing a day of a closed month again (a late run) marks the slips it changed; the re-close resolves them', async () => {
    const { people: p } = await setup();
    const { ctx } = withNotices();
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    // 30 November was never closed: now it is, after the month, and both judged people are absent.
    await closeDay(ctx, '2026-11-30', sh('2026-12-02 20:00:00'));
    expect((await open()).map((c) => [c.employeeId, c.workDate]).sort()).toEqual([[p['王强'].id, '2026-11-30'], [p['张伟'].id, '2026-11-30']].sort());
    // Running it again changes nothing and marks nothing more.
    await closeDay(ctx, '2026-11-30', sh('2026-12-02 21:00:00'));
    expect(await open()).toHaveLength(2);
    const r = await closeMonth(ctx, '2026-11', { now: sh('2026-12-03 09:00:00'), force: true });
    expect(r).toMatchObject({ reclose: true, created: 2 });
    expect(r.marked).toHaveLength(2);
    expect(await open()).toEqual([]);
    expect(await db().getRepository(MonthChange).countBy({ resolvedBy: r.runId as number })).toBe(2);
  });

  test('a late leave approval that lifts a missed 周报 (H-13) of a week due in a closed month marks the slip', async () => {
    const { people: p } = await setup();
    const { ctx } = withNotices();
    const { request } = await requestLeave(ctx, {
      requester: p['张伟'], filer: p['张伟'], kind: 'personal', reason: '家里有事', sentAt: sh('2026-11-20 10:00:00'),
      span: { startDate: '2026-11-23', startHalf: 'am', endDate: '2026-11-27', endHalf: 'pm' },
    });
    await checkWeek(ctx, '2026-11-23', sh('2026-11-27 19:00:00'));
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    expect(await open()).toEqual([]);
    await decideLeave(ctx, { actor: p['王强'], requestId: request.id, approve: true, at: sh('2026-12-02 10:00:00') });
    // The days were never closed (nothing to re-judge); the week's −5 is reversed: one change, on the deadline's day.
    expect((await open()).map((c) => [c.employeeId, c.workDate, c.what])).toEqual([[p['张伟'].id, '2026-11-27', '2026-11-27 截止的周报（H-13）重新检查：不再记为未交']]);
  });

  test('a change of someone whose slip the re-close could not write stays open', async () => {
    const { people: p } = await setup();
    const { ctx } = withNotices();
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    await change(ctx, p['张伟'].id, '2026-11-20', '2026-12-03 10:00:00');
    await change(ctx, p['王强'].id, '2026-11-21', '2026-12-03 10:01:00');
    await closeDay(ctx, '2026-11-30', sh('2026-12-03 10:02:00'));
    await refuseRows(db(), kind, 'payslips', 'employee_id', p['张伟'].id);
    try {
      const r = await closeMonth(ctx, '2026-11', { now: sh('2026-12-03 11:00:00'), force: true });
      expect(r.failures.map((f) => f.employeeId)).toEqual([p['张伟'].id]);
      expect(r.marked.map((m) => m.employee.id)).toEqual([p['王强'].id, p['王强'].id]);
    } finally {
      await dropRefusal(db(), 'payslips');
    }
    expect((await open()).map((c) => [c.employeeId, c.workDate])).toEqual([[p['张伟'].id, '2026-11-20'], [p['张伟'].id, '2026-11-30']]);
  });

  test('a change made while a re-close runs stays open for the next close', async () => {
    const { people: p } = await setup();
    const { ctx } = withNotices();
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    await change(ctx, p['张伟'].id, '2026-11-20', '2026-12-03 10:00:00');
    let during = false;
    const r = await closeMonth(ctx, '2026-11', {
      now: sh('2026-12-03 11:00:00'), force: true, chunkSize: 1,
      async onChunk() {
        if (during) return;
        during = true;
        await change(ctx, p['王强'].id, '2026-11-21', '2026-12-03 11:00:01');
      },
    });
    expect(r.marked).toEqual([{ employee: { id: p['张伟'].id, no: p['张伟'].no, name: '张伟' }, workDate: '2026-11-20', what: expect.stringContaining('王强撤销了 P1') }]);
    expect((await open()).map((c) => c.employeeId)).toEqual([p['王强'].id]);
  });
});
