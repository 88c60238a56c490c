import { ConflictError, ForbiddenError, UserError } from '../../../src/core/errors';
import { CustomerRecord, DailyReport } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { addCustomerRecords, qualifyLead, submitDailyReport } from '../../../src/services/reports';
import { validCallsBetween } from '../../../src/db/stores/report-store';
import { createTeam, TeamFixture } from '../../helpers/org-fixture';
import { serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/** A complete record of `company` with `phone`, grade `grade`. */
const rec = (company: string, phone: string, grade = '', over: Partial<RecordFields> = {}): RecordFields => ({
  company, contact: '张经理', titlePhone: `IT经理 ${phone}`, headcount: '200', itStatus: '已上ERP', grade, ...over,
});

/** The error `work` rejects with. */
async function failure(work: Promise<unknown>): Promise<UserError> {
  const e = await work.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describeEachDb('reports: 日报 and customer records', (db) => {
  const ctx = () => serviceContext(db());
  let org: TeamFixture;
  beforeEach(async () => {
    org = await createTeam(db(), { supervisor: '王强', agents: ['张伟', '李娜'], salespeople: ['刘洋'], admins: ['赵敏'] });
  });
  const count = (agentId: number) => db().getRepository(CustomerRecord).countBy({ agentId });

  test('H-2 a second 日报 the same day replaces the first and says so; an older redelivery changes nothing', async () => {
    const agent = org.agents[0];
    const first = await submitDailyReport(ctx(), { employee: agent, calls: 100, note: '周四', sentAt: sh('2026-12-03 17:30:00'), sourceEvent: 'm1' });
    expect(first).toMatchObject({ workDate: '2026-12-03', replaced: false, previousCalls: null, stale: false });
    const second = await submitDailyReport(ctx(), { employee: agent, calls: 120, note: null, sentAt: sh('2026-12-03 18:05:00'), sourceEvent: 'm2' });
    expect(second).toMatchObject({ replaced: true, previousCalls: 100, stale: false });
    expect(second.report).toMatchObject({ id: first.report.id, calls: 120, note: null, sourceEvent: 'm2', sentAt: sh('2026-12-03 18:05:00') });
    const late = await submitDailyReport(ctx(), { employee: agent, calls: 90, sentAt: sh('2026-12-03 17:00:00'), sourceEvent: 'm0' });
    expect(late).toMatchObject({ replaced: false, stale: true });
    const rows = await db().getRepository(DailyReport).findBy({ employeeId: agent.id });
    expect(rows.map((r) => [r.workDate, r.calls])).toEqual([['2026-12-03', 120]]);
  });

  test('H-2 only agents file 日报; calls must be a non-negative integer (example shown)', async () => {
    const e = await failure(submitDailyReport(ctx(), { employee: org.supervisor!, calls: 10, sentAt: sh('2026-12-03 18:00:00') }));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.message).toContain('电话销售员');
    for (const calls of [-1, 1.5, Number.NaN]) {
      const bad = await failure(submitDailyReport(ctx(), { employee: org.agents[0], calls, sentAt: sh('2026-12-03 18:00:00') }));
      expect(bad.example).toBe('日报 通话 120');
    }
    expect(await failure(addCustomerRecords(ctx(), { agent: org.salespeople[0], records: [rec('华为', '13800000000')], sentAt: sh('2026-12-03 10:00:00') }))).toBeInstanceOf(ForbiddenError);
  });

  test('H-3 valid calls come from complete records only; A/B candidates are the complete A and B records', async () => {
    const agent = org.agents[0];
    const added = await addCustomerRecords(ctx(), {
      agent,
      records: [rec('华为技术', '13800000000', 'A'), rec('中兴通讯', '13900000001'), rec('腾讯', '010-12345678', 'B', { headcount: ' ' }), rec('阿里', '13700000002', 'b')],
      sentAt: sh('2026-12-03 10:00:00'),
    });
    expect(added.validCalls).toBe(3);
    expect(added.records.map((r) => [r.row, r.status, r.complete, r.grade, r.phone])).toEqual([
      [1, 'created', true, 'A', '13800000000'], [2, 'created', true, 'C', '13900000001'], [3, 'created', false, 'B', '01012345678'], [4, 'created', true, 'B', '13700000002'],
    ]);
    expect(added.records[2].missing).toEqual(['人数']);
    const report = await submitDailyReport(ctx(), { employee: agent, calls: 150, sentAt: sh('2026-12-03 18:00:00') });
    expect(report.validCalls).toBe(3);
    expect(report.candidates.map((c) => [c.id, c.company, c.grade, c.qualified])).toEqual([
      [added.records[0].id, '华为技术', 'A', false], [added.records[3].id, '阿里', 'B', false],
    ]);
    expect(await validCallsBetween(db().manager, agent.id, '2026-12-01', '2026-12-31')).toBe(3);
  });

  test('H-3 the same phone the same day completes the record in place and never counts twice', async () => {
    const agent = org.agents[0];
    const first = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000', 'A', { itStatus: '' })], sentAt: sh('2026-12-03 10:00:00') });
    expect(first.records[0]).toMatchObject({ status: 'created', complete: false, missing: ['信息化现状'] });
    expect(first.validCalls).toBe(0);
    const again = await addCustomerRecords(ctx(), { agent, records: [{ company: '', contact: '', titlePhone: '13800000000', headcount: '', itStatus: '用友' }], sentAt: sh('2026-12-03 11:00:00') });
    expect(again.records[0]).toMatchObject({ id: first.records[0].id, status: 'updated', complete: true, missing: [], grade: 'A' });
    expect(again.validCalls).toBe(1);
    const corrected = await addCustomerRecords(ctx(), { agent, records: [rec('华为技术', '13800000000', 'B')], sentAt: sh('2026-12-03 12:00:00') });
    expect(corrected.records[0]).toMatchObject({ id: first.records[0].id, status: 'updated', grade: 'B' });
    const resent = await addCustomerRecords(ctx(), { agent, records: [rec('华为技术', '13800000000', 'B')], sentAt: sh('2026-12-03 12:30:00') });
    expect(resent.records[0]).toMatchObject({ status: 'unchanged', complete: true });
    const rows = await db().getRepository(CustomerRecord).findBy({ agentId: agent.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ company: '华为技术', titlePhone: 'IT经理 13800000000', itStatus: '已上ERP', grade: 'B', complete: true, sentAt: sh('2026-12-03 12:00:00') });
  });

  test('H-3 the same phone on another day is another call; another agent’s same phone is theirs', async () => {
    const [agent, other] = org.agents;
    const day1 = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000')], sentAt: sh('2026-12-03 10:00:00') });
    const day2 = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000')], sentAt: sh('2026-12-04 10:00:00') });
    await addCustomerRecords(ctx(), { agent: other, records: [rec('华为', '13800000000')], sentAt: sh('2026-12-03 10:00:00') });
    expect(day2.records[0].status).toBe('created');
    expect(day2.records[0].id).not.toBe(day1.records[0].id);
    expect(day2.workDate).toBe('2026-12-04');
    expect(await validCallsBetween(db().manager, agent.id, '2026-12-03', '2026-12-04')).toBe(2);
    expect(await validCallsBetween(db().manager, agent.id, '2026-12-04', '2026-12-04')).toBe(1);
  });

  test('H-3 an incomplete record is stored and lists the missing fields in Chinese; without a phone it is a new record each time', async () => {
    const agent = org.agents[0];
    const r = await addCustomerRecords(ctx(), {
      agent,
      records: [
        { company: '华为', contact: '', titlePhone: 'IT经理', headcount: '200', itStatus: '' },
        { company: '华为', contact: '张', titlePhone: '', headcount: '', itStatus: '已上ERP' },
        { company: '华为', contact: '', titlePhone: 'IT经理', headcount: '200', itStatus: '' },
      ],
      sentAt: sh('2026-12-03 10:00:00'),
    });
    expect(r.records.map((x) => [x.status, x.complete, x.phone, x.missing])).toEqual([
      ['created', false, null, ['联系人', '信息化现状', '电话号码']],
      ['created', false, null, ['部门职务电话', '人数']],
      ['created', false, null, ['联系人', '信息化现状', '电话号码']],
    ]);
    expect(new Set(r.records.map((x) => x.id)).size).toBe(3);
    expect(r.validCalls).toBe(0);
  });

  test('H-3 one unusable row refuses the whole message, naming the row; nothing is stored', async () => {
    const agent = org.agents[0];
    const sentAt = sh('2026-12-03 10:00:00');
    const cases: Array<[RecordFields, string]> = [
      [{ company: ' ', contact: '', titlePhone: '', headcount: '', itStatus: '' }, '是空的'],
      [{ company: '', contact: '张', titlePhone: 'IT经理', headcount: '200', itStatus: '已上ERP' }, '既没有客户名称也没有电话号码'],
      [rec('华为', '13900000009', 'D'), '等级只能写 A、B 或 C'],
    ];
    for (const [bad, why] of cases) {
      const e = await failure(addCustomerRecords(ctx(), { agent, records: [rec('中兴', '13800000000'), bad, rec('腾讯', '13700000000')], sentAt }));
      expect(e.message).toContain('第 2 条');
      expect(e.message).toContain(why);
      expect(e.example).toContain('客户 ');
    }
    expect(await count(agent.id)).toBe(0);
  });

  test('H-4 a qualified record cannot be changed by a resend; the message stores nothing', async () => {
    const agent = org.agents[0];
    const r = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000', 'A')], sentAt: sh('2026-12-03 10:00:00') });
    await qualifyLead(ctx(), { actor: org.salespeople[0], recordId: r.records[0].id, note: '已拜访 档案完整 已签字', at: sh('2026-12-03 15:00:00') });
    const e = await failure(addCustomerRecords(ctx(), { agent, records: [rec('小米', '13600000000'), rec('华为', '13800000000', 'C')], sentAt: sh('2026-12-03 16:00:00') }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toContain(`第 2 条：C${r.records[0].id} 已经确认`);
    expect(await count(agent.id)).toBe(1);
    const same = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000', 'A')], sentAt: sh('2026-12-03 16:30:00') });
    expect(same.records[0].status).toBe('unchanged');
  });

  test('H-3 ten concurrent messages with the same phone, agent and day end as exactly one record', async () => {
    const agent = org.agents[0];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000', 'A', { headcount: String(100 + i) })], sentAt: new Date(sh('2026-12-03 10:00:00').getTime() + i * 1000) }),
      ),
    );
    const rows = await db().getRepository(CustomerRecord).findBy({ agentId: agent.id });
    expect(rows).toHaveLength(1);
    expect(results.filter((r) => r.records[0].status === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => r.records[0].id))).toEqual(new Set([rows[0].id]));
    // The newest message wins, whatever order the transactions committed in.
    expect(rows[0]).toMatchObject({ headcount: '109', sentAt: new Date(sh('2026-12-03 10:00:00').getTime() + 9000) });
    expect(await validCallsBetween(db().manager, agent.id, '2026-12-03', '2026-12-03')).toBe(1);
  });

  test('H-2 concurrent 日报 of one agent and day end as one report', async () => {
    const agent = org.agents[1];
    await Promise.all(Array.from({ length: 6 }, (_, i) => submitDailyReport(ctx(), { employee: agent, calls: 10 + i, sentAt: new Date(sh('2026-12-03 18:00:00').getTime() + i * 1000) })));
    const rows = await db().getRepository(DailyReport).findBy({ employeeId: agent.id });
    expect(rows.map((r) => r.calls)).toEqual([15]);
  });
});
