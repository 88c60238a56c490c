/**
 * One person's data never stops a batch job for everyone (issue: "two collections of
 * 21,474,836.47 make close-month fail with Out of range and no payslip for anyone"). A
 * failure is forced for one employee with a trigger that refuses their rows (a value that
 * cannot be stored, on both drivers); the others are closed, the failure is recorded in the
 * audit log, the admins get one notice naming the employee and why, and the job's outcome
 * says so. Also: everyone with a payslip row gets the payslip message, those who left during
 * the month included.
 */
import type { DataSource } from 'typeorm';
import { AuditEntry, Collection, OutboxMessage, Payslip, PointEntry } from '../../../src/db/entities';
import { closeMonth } from '../../../src/services/payroll';
import { findJob, type JobSpec } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { ManualClock } from '../../../src/core/clock';
import { bindWebAccounts, makeTeam, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { describeEachDb, dropRefusal, refuseRows } from '../../helpers/test-db';

function job(name: string): JobSpec {
  const j = findJob(name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

/** The text of each outbox row whose dedup key starts with `prefix`, by key. */
async function notices(ds: DataSource, prefix: string): Promise<Array<{ key: string; to: string; text: string }>> {
  const rows = await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
  return rows
    .filter((r) => (r.dedupKey ?? '').startsWith(prefix))
    .map((r) => {
      const p = r.payload as { target: { externalId?: string }; body: { kind: string; text?: string; card?: { title: string } } };
      return { key: r.dedupKey as string, to: p.target.externalId ?? '', text: p.body.text ?? p.body.card?.title ?? '' };
    });
}

describeEachDb('close-month: one employee that cannot be closed does not stop the others', (db, kind) => {
  test('the others get their slips and messages; the admins are told who failed and why; a re-close after the fix adds the missing slip', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      // Left during the month: a payslip row, and (issue 13) the payslip message too.
      { name: '钱离', role: 'agent', endDate: '2026-11-13' },
      { name: '赵敏', role: 'admin' },
    ]);
    await bindWebAccounts(db(), Object.values(p));
    const ctx = serviceContext(db());
    const clock = new ManualClock(sh('2026-12-01 02:00:00'));
    await refuseRows(db(), kind, 'payslips', 'employee_id', p['李娜'].id);

    const r = await runJob(testJobDeps(ctx, clock), job('close-month'), '2026-11');
    expect(r).toMatchObject({ ran: true });
    expect(r.ran && r.outcome).toBe(`2026-11: 4 payslips; 1 failed: ${p['李娜'].no} (forced failure)`);

    const slips = await db().getRepository(Payslip).find({ where: { month: '2026-11' } });
    const byId = new Map(Object.values(p).map((e) => [e.id, e.name]));
    expect(slips.map((s) => byId.get(s.employeeId)).sort()).toEqual(['张伟', '王强', '赵敏', '钱离'].sort());

    const audit = await db().getRepository(AuditEntry).findBy({ action: 'payroll.close-failed' });
    expect(audit).toMatchObject([{ subjectType: 'employee', subjectId: String(p['李娜'].id), details: { month: '2026-11', no: p['李娜'].no, reason: 'forced failure' } }]);

    const failed = await notices(db(), 'job-failed:close-month:2026-11:');
    expect(failed).toEqual([
      {
        key: expect.stringMatching(new RegExp(`^job-failed:close-month:2026-11:${p['赵敏'].id}:[0-9a-f]{12}$`)),
        to: `u-${p['赵敏'].no}`,
        text: `2026年11月结算时 1 人出错，没有工资条：${p['李娜'].no} 李娜（forced failure）。修正后重新结算：bot job run close-month --date 2026-11-01 --force`,
      },
    ]);
    // Everyone with a slip is told, the one who left on 13 November included; nobody else.
    const slipNotices = await notices(db(), 'payslip:2026-11:');
    expect(slipNotices.map((n) => n.to).sort()).toEqual(['张伟', '王强', '赵敏', '钱离'].map((n) => `u-${p[n].no}`).sort());

    // Fixed (here: the refusal dropped), an admin re-closes: the missing slip is written and sent.
    await dropRefusal(db(), 'payslips');
    clock.set(sh('2026-12-02 10:00:00'));
    const again = await runJob(testJobDeps(ctx, clock), job('close-month'), '2026-11', { force: true });
    expect(again.ran && again.outcome).toBe(`2026-11: re-closed, 1 payslips changed: ${p['李娜'].no} new`);
    expect(await db().getRepository(Payslip).countBy({ month: '2026-11', employeeId: p['李娜'].id })).toBe(1);
    expect((await notices(db(), 'payslip:2026-11:')).map((n) => n.to)).toContain(`u-${p['李娜'].no}`);
  });
});

describeEachDb('close-day and weekly-summary-check: one employee that cannot be judged does not stop the others', (db, kind) => {
  test('the others are judged; the admins are told once who failed and why', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    await bindWebAccounts(db(), Object.values(p));
    const ctx = serviceContext(db());
    await refuseRows(db(), kind, 'point_entries', 'employee_id', p['张伟'].id);

    // Nobody punched on Thursday 3 December: everyone judged is a whole day absent, but 张伟's entry cannot be stored.
    const clock = new ManualClock(sh('2026-12-03 23:50:00'));
    const day = await runJob(testJobDeps(ctx, clock), job('close-day'), '2026-12-03');
    expect(day.ran && day.outcome).toBe(`2026-12-03: judged 2, 2 incidents, 2 entries added, 0 reversed; 1 failed: ${p['张伟'].no} (forced failure)`);
    const absent = await db().getRepository(PointEntry).findBy({ workDate: '2026-12-03', code: 'absent-day' });
    expect(absent.map((e) => e.employeeId).sort()).toEqual([p['王强'].id, p['李娜'].id].sort());
    const dayNotices = await notices(db(), 'job-failed:close-day:2026-12-03:');
    expect(dayNotices.map((n) => [n.to, n.text])).toEqual([
      [`u-${p['赵敏'].no}`, `2026-12-03 的考勤结算时 1 人出错，没有判定：${p['张伟'].no} 张伟（forced failure）。修正后重新结算：bot job run close-day --date 2026-12-03 --force`],
    ]);
    // The same failure on a re-run is not sent again.
    await runJob(testJobDeps(ctx, clock), job('close-day'), '2026-12-03', { force: true });
    expect(await notices(db(), 'job-failed:close-day:2026-12-03:')).toHaveLength(1);

    clock.set(sh('2026-12-04 23:55:00'));
    const week = await runJob(testJobDeps(ctx, clock), job('weekly-summary-check'), '2026-11-30');
    expect(week.ran && week.outcome).toBe(`week of 2026-11-30: deadline 2026-12-04, 2 missing, 2 added, 0 reversed; 1 failed: ${p['张伟'].no} (forced failure)`);
    expect((await notices(db(), 'job-failed:weekly-summary-check:2026-11-30:')).map((n) => n.to)).toEqual([`u-${p['赵敏'].no}`]);
  });
});

describeEachDb('close-month: the largest base salary the org file accepts closes (MySQL INT overflowed past it)', (db) => {
  test('base 21474836.47 yuan and a commission: the slip is stored to the fen', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent', baseSalaryFen: 2_147_483_647 },
    ]);
    await db().getRepository(Collection).insert({
      agentId: p['张伟'].id, amountFen: 10_000, customer: '华为技术', recordedOn: '2026-11-20', month: '2026-11', recordedBy: p['王强'].id, createdAt: sh('2026-11-20 10:00:00'), reversesId: null, reason: null,
    });
    const r = await closeMonth(serviceContext(db()), '2026-11', { now: sh('2026-12-01 02:00:00') });
    expect(r.failures).toEqual([]);
    // Nobody was judged (no close-day ran): base + 1% of 100 yuan.
    expect(await db().getRepository(Payslip).findOneByOrFail({ employeeId: p['张伟'].id, month: '2026-11' })).toMatchObject({
      baseFen: 2_147_483_647, commissionFen: 100, totalFen: 2_147_483_747,
    });
  });
});
