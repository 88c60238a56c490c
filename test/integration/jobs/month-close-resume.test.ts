/**
 * A close-month a crash stopped half way (H-8): its chunks are committed, but the month is not
 * closed until a run finishes. Meanwhile 工资 shows drafts, the payroll export refuses the month
 * and a close without --force is not "already closed": the job resumes the run, writes the rest,
 * and sends every slip's notice once, the slips written before the crash included.
 */
import { ManualClock } from '../../../src/core/clock';
import { UserError } from '../../../src/core/errors';
import { Employee, MonthClose, OutboxMessage, Payslip } from '../../../src/db/entities';
import { findJob, type JobSpec } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { closeMonth, isMonthClosed, payrollRows, payslipOf } from '../../../src/services/payroll';
import { makeTeam, serviceContext, sh, testJobDeps, bindWebAccounts } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

function job(name: string): JobSpec {
  const j = findJob(name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

/** A lost race as the database reports it (ER_LOCK_DEADLOCK): the close stops, as after a crash. */
const crash = () => Object.assign(new Error('crash after a chunk'), { code: 'ER_LOCK_DEADLOCK' });

describeEachDb('close-month resumes a close a crash interrupted', (db) => {
  test('not closed meanwhile; the next run without --force finishes it and everyone gets one notice', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor', no: 'R1' },
      { name: '张伟', role: 'agent', no: 'R2' },
      { name: '李娜', role: 'agent', no: 'R3' },
      { name: '钱离', role: 'agent', no: 'R4', endDate: '2026-11-13' },
      { name: '赵敏', role: 'admin', no: 'R5' },
    ]);
    const everyone = Object.values(p);
    await bindWebAccounts(db(), everyone);
    const ctx = serviceContext(db());
    const now = sh('2026-12-01 02:00:00');

    // Two chunks of two committed, then the crash.
    let chunks = 0;
    const onChunk = () => {
      if (++chunks === 2) throw crash();
    };
    await expect(closeMonth(ctx, '2026-11', { now, chunkSize: 2, onChunk })).rejects.toThrow('crash after a chunk');
    expect(await db().getRepository(Payslip).countBy({ month: '2026-11' })).toBe(4);
    expect(await db().getRepository(MonthClose).findBy({ month: '2026-11' })).toMatchObject([{ finishedAt: null }]);
    expect(await isMonthClosed(db().manager, '2026-11')).toBe(false);
    expect(await payslipOf(ctx, p['张伟'].id, '2026-11')).toMatchObject({ state: 'draft', monthClosed: false });
    const refused = await payrollRows(ctx, '2026-11', { now, actor: 'test' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'payroll.not-closed' });

    const clock = new ManualClock(sh('2026-12-01 02:05:00'));
    const resumed = await runJob(testJobDeps(ctx, clock), job('close-month'), '2026-11');
    expect(resumed.ran && resumed.outcome).toBe('2026-11: 5 payslips');
    const slips = await db().getRepository(Payslip).find({ where: { month: '2026-11' }, order: { id: 'ASC' } });
    expect(slips.map((s) => [s.employeeId, s.revision]).sort()).toEqual(everyone.map((e) => [e.id, 1]).sort());
    // The slips written before the crash keep their stamp; the rest carry the resumed run's.
    expect(slips.map((s) => s.createdAt.toISOString())).toEqual([now, now, now, now, sh('2026-12-01 02:05:00')].map((d) => d.toISOString()));
    expect(await db().getRepository(MonthClose).findBy({ month: '2026-11' })).toMatchObject([{ startedAt: now, finishedAt: sh('2026-12-01 02:05:00') }]);
    expect(await payslipOf(ctx, p['张伟'].id, '2026-11')).toMatchObject({ state: 'closed', revision: 1 });

    // One notice per slip, the one who left on 13 November included, and the admins' summary.
    const keys = (await db().getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).map((o) => o.dedupKey);
    expect(keys.filter((k) => k?.startsWith('payslip:')).sort()).toEqual(everyone.map((e) => `payslip:2026-11:${e.id}:r1`).sort());
    // One summary for the run, resumed or not (its key names the run).
    const run = (await db().getRepository(MonthClose).findOneByOrFail({ month: '2026-11' })).id;
    expect(keys.filter((k) => k?.startsWith('payroll-summary:'))).toEqual([`payroll-summary:2026-11:${p['赵敏'].id}:c${run}`]);
    // Issue 17: the admin is told to send 导出 in the chat, no longer to run a shell command.
    const summary = await db().getRepository(OutboxMessage).findOneByOrFail({ dedupKey: `payroll-summary:2026-11:${p['赵敏'].id}:c${run}` });
    expect((summary.payload as any).body.text).toMatch(/\n导出工资表：发送「导出 11月」，在聊天里收到 xlsx 和 CSV 文件。$/);

    // Closed now: without --force nothing more happens.
    expect(await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 03:00:00') })).toMatchObject({ alreadyClosed: true });
  });

  test('a forced re-close a crash interrupted publishes nothing until resumed, then sends the changed slip once', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '孙主管', role: 'supervisor', no: 'S1' },
      { name: '周一', role: 'agent', no: 'S2' },
      { name: '吴二', role: 'agent', no: 'S3', baseSalaryFen: 200000 },
    ]);
    await bindWebAccounts(db(), Object.values(p));
    const ctx = serviceContext(db());
    // The five of the test before come first (R1 … R5): the first chunk of seven ends with 周一.
    await closeMonth(ctx, '2026-09', { now: sh('2026-10-01 02:00:00') });
    // A raise, as a corrected org file would bring: 周一's slip changes.
    await db().getRepository(Employee).update({ id: p['周一'].id }, { baseSalaryFen: 400000 });

    await expect(closeMonth(ctx, '2026-09', { now: sh('2026-10-02 10:00:00'), force: true, chunkSize: 7, onChunk: () => Promise.reject(crash()) })).rejects.toThrow('crash after a chunk');
    // Revision 2 is stored, but the month shows revision 1 until the re-close finishes.
    expect(await db().getRepository(Payslip).countBy({ month: '2026-09', employeeId: p['周一'].id })).toBe(2);
    expect(await isMonthClosed(db().manager, '2026-09')).toBe(true);
    expect(await payslipOf(ctx, p['周一'].id, '2026-09')).toMatchObject({ state: 'closed', revision: 1 });
    expect((await payrollRows(ctx, '2026-09', { now: sh('2026-10-02 10:01:00'), actor: 'test' })).rows.find((r) => r.employee_no === 'S2')).toMatchObject({ base: '1000.00' });

    const clock = new ManualClock(sh('2026-10-02 10:05:00'));
    const resumed = await runJob(testJobDeps(ctx, clock), job('close-month'), '2026-09', { force: true });
    // 3000 yuan more is over payroll.flagChangeYuan (500): flagged (issue 16).
    expect(resumed.ran && resumed.outcome).toBe('2026-09: re-closed, 1 payslips changed: S2 baseFen/totalFen; moved > 500.00: S2 +3000.00');
    expect(await payslipOf(ctx, p['周一'].id, '2026-09')).toMatchObject({ state: 'closed', revision: 2, figures: { baseFen: 400000 } });
    const keys = (await db().getRepository(OutboxMessage).find()).map((o) => o.dedupKey).filter((k) => k?.startsWith('payslip:2026-09:'));
    expect(keys).toEqual([`payslip:2026-09:${p['周一'].id}:r2`]);
  });
});
