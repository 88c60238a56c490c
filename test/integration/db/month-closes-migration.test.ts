/**
 * The migration that records closes (issue 15): a month closed before it (pay slips, no close
 * recorded) becomes a finished close at its first slip, so it stays closed and its slips stay
 * what 工资 and the export show.
 */
import { MIGRATIONS } from '../../../migrations';
import { MonthCloses1765152000000 } from '../../../migrations/1765152000000-month-closes';
import { MonthClose, Payslip } from '../../../src/db/entities';
import { closeMonth, isMonthClosed, payslipOf } from '../../../src/services/payroll';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

describeEachDb('migration MonthCloses1765152000000', (db) => {
  test('months with pay slips become closed months; others stay open', async () => {
    const ds = db();
    const { people } = await makeTeam(ds, [{ name: '张伟', role: 'agent' }]);
    const id = people['张伟'].id;
    // Back to the schema before it: undo it and every migration after it.
    for (let n = MIGRATIONS.length - MIGRATIONS.indexOf(MonthCloses1765152000000); n > 0; n--) await ds.undoLastMigration();
    const insert = (month: string, revision: number, createdAt: string) =>
      ds.query(
        'INSERT INTO payslips (employee_id, month, revision, base_fen, valid_calls, call_pay_fen, a_leads, b_leads, lead_bonus_fen, collected_fen, commission_fen, score, score_bonus_fen, fines_fen, total_fen, items, created_at)' +
          " VALUES (?, ?, ?, 100000, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 100000, '[]', ?)",
        [id, month, revision, createdAt],
      );
    await insert('2026-09', 1, '2026-09-30 18:00:00.000');
    await insert('2026-09', 2, '2026-10-05 02:00:00.000');
    await insert('2026-10', 1, '2026-10-31 18:00:00.000');
    await ds.runMigrations();

    const closes = await ds.getRepository(MonthClose).find({ order: { month: 'ASC' } });
    expect(closes.map((c) => [c.month, c.startedAt.toISOString(), c.finishedAt?.toISOString()])).toEqual([
      ['2026-09', '2026-09-30T18:00:00.000Z', '2026-09-30T18:00:00.000Z'],
      ['2026-10', '2026-10-31T18:00:00.000Z', '2026-10-31T18:00:00.000Z'],
    ]);
    expect((await ds.getRepository(Payslip).find()).map((p) => p.closeId)).toEqual([null, null, null]);
    expect(await isMonthClosed(ds.manager, '2026-09')).toBe(true);
    expect(await isMonthClosed(ds.manager, '2026-11')).toBe(false);
    const ctx = serviceContext(ds);
    expect(await payslipOf(ctx, id, '2026-09')).toMatchObject({ state: 'closed', revision: 2 });
    expect(await closeMonth(ctx, '2026-10', { now: sh('2026-12-01 02:00:00') })).toMatchObject({ alreadyClosed: true });
    expect(await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 02:00:00') })).toMatchObject({ alreadyClosed: false, created: 1 });
  });
});
