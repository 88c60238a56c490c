import { ForbiddenError, UserError } from '../../../src/core/errors';
import { WeeklySummary } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { addCustomerRecords, qualifyLead, recordCollection, submitWeeklySummary } from '../../../src/services/reports';
import { collectedBetween, qualifiedLeadsBetween, validCallsBetween } from '../../../src/db/stores/report-store';
import { createTeam, TeamFixture } from '../../helpers/org-fixture';
import { CALENDAR, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

const rec = (company: string, phone: string, grade: string): RecordFields => ({
  company, contact: '张经理', titlePhone: `IT经理 ${phone}`, headcount: '200', itStatus: '已上ERP', grade,
});

async function failure(work: Promise<unknown>): Promise<UserError> {
  const e = await work.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describeEachDb('reports: weekly summaries, collections and counts', (db) => {
  const ctx = () => serviceContext(db());
  let one: TeamFixture;
  let two: TeamFixture;
  beforeEach(async () => {
    one = await createTeam(db(), { supervisor: '王强', agents: ['张伟'], salespeople: ['刘洋'], admins: ['赵敏'] });
    two = await createTeam(db(), { supervisor: '孙丽', agents: ['周杰'] });
  });

  test('H-13 the National Day week of 2026 ends on the make-up Saturday: due 18:00 on 2026-10-10', async () => {
    expect(CALENDAR.day('2026-10-09').workday).toBe(true);
    expect(CALENDAR.day('2026-10-10')).toMatchObject({ kind: 'makeup', workday: true });
    const friday = await submitWeeklySummary(ctx(), { employee: one.agents[0], text: '本周拨打 600', sentAt: sh('2026-10-09 19:30:00') });
    expect(friday).toMatchObject({ week: '2026-10-05', lastWorkday: '2026-10-10', deadline: sh('2026-10-10 18:00:00'), onTime: true, replaced: false });
    const edge = await submitWeeklySummary(ctx(), { employee: one.supervisor!, text: '本组周总结', sentAt: sh('2026-10-10 18:00:59') });
    expect(edge.onTime).toBe(true);
    const late = await submitWeeklySummary(ctx(), { employee: one.salespeople[0], text: '拜访 5 家', sentAt: sh('2026-10-10 18:01:00') });
    expect(late).toMatchObject({ week: '2026-10-05', onTime: false, keptEarlierStamp: false });
    const sunday = await submitWeeklySummary(ctx(), { employee: two.agents[0], text: '补交', sentAt: sh('2026-10-11 09:00:00') });
    expect(sunday).toMatchObject({ week: '2026-10-05', onTime: false });
    expect(await db().getRepository(WeeklySummary).countBy({ week: '2026-10-05' })).toBe(4);
  });

  test('H-13 in an ordinary week Friday 18:01 is late; admins may file one too', async () => {
    const r = await submitWeeklySummary(ctx(), { employee: one.agents[0], text: '本周拨打 500', sentAt: sh('2026-12-04 18:01:00') });
    expect(r).toMatchObject({ week: '2026-11-30', lastWorkday: '2026-12-04', onTime: false });
    const admin = await submitWeeklySummary(ctx(), { employee: one.admins[0], text: '本周结算', sentAt: sh('2026-12-04 10:00:00') });
    expect(admin.onTime).toBe(true);
  });

  test('H-13 a late replacement replaces the text but keeps the on-time stamp, and says so', async () => {
    const agent = one.agents[0];
    const first = await submitWeeklySummary(ctx(), { employee: agent, text: '初稿', sentAt: sh('2026-10-09 17:00:00') });
    const second = await submitWeeklySummary(ctx(), { employee: agent, text: ' 定稿：本周拨打 600，A 类 2 个 ', sentAt: sh('2026-10-10 20:00:00') });
    expect(second).toMatchObject({ replaced: true, onTime: true, keptEarlierStamp: true });
    expect(second.summary).toMatchObject({ id: first.summary.id, text: '定稿：本周拨打 600，A 类 2 个', sentAt: sh('2026-10-09 17:00:00'), updatedAt: sh('2026-10-10 20:00:00') });
    const rows = await db().getRepository(WeeklySummary).findBy({ employeeId: agent.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].sentAt).toEqual(sh('2026-10-09 17:00:00'));
  });

  test('H-7 an empty weekly summary is refused with an example', async () => {
    const e = await failure(submitWeeklySummary(ctx(), { employee: one.agents[0], text: '  ', sentAt: sh('2026-12-03 10:00:00') }));
    expect(e.example).toMatch(/^周报 /);
  });

  test('H-8 collections: the team supervisor or an admin records them; an agent or another team’s supervisor is refused', async () => {
    const agent = one.agents[0];
    for (const actor of [agent, two.supervisor!, one.salespeople[0]]) {
      expect(await failure(recordCollection(ctx(), { actor, agent, amountFen: 5200000, customer: '华为技术', at: sh('2026-12-03 10:00:00') }))).toBeInstanceOf(ForbiddenError);
    }
    const row = await recordCollection(ctx(), { actor: one.supervisor!, agent, amountFen: 5200000, customer: ' 华为技术 ', at: sh('2026-12-03 10:00:00') });
    expect(row).toMatchObject({ agentId: agent.id, amountFen: 5200000, customer: '华为技术', recordedOn: '2026-12-03', month: '2026-12', recordedBy: one.supervisor!.id });
    await recordCollection(ctx(), { actor: one.admins[0], agent, amountFen: 88888, customer: '中兴', at: sh('2026-12-05 10:00:00') });
    for (const amountFen of [0, -100, 12.5]) {
      expect((await failure(recordCollection(ctx(), { actor: one.supervisor!, agent, amountFen, customer: '华为', at: sh('2026-12-03 10:00:00') }))).code).toBe('collection.amount');
    }
    expect((await failure(recordCollection(ctx(), { actor: one.supervisor!, agent: one.salespeople[0], amountFen: 100, customer: '华为', at: sh('2026-12-03 10:00:00') }))).code).toBe('collection.not-agent');
    expect(await collectedBetween(db().manager, agent.id, '2026-12', '2026-12')).toBe(5288888);
  });

  test('H-8 a collection counts in the month of its Shanghai date: 2026-11-30T16:30Z is December', async () => {
    const agent = one.agents[0];
    const dec = await recordCollection(ctx(), { actor: one.supervisor!, agent, amountFen: 10000, customer: '华为', at: new Date('2026-11-30T16:30:00Z') });
    expect(dec).toMatchObject({ recordedOn: '2026-12-01', month: '2026-12' });
    await recordCollection(ctx(), { actor: one.supervisor!, agent, amountFen: 300, customer: '中兴', at: new Date('2026-11-30T15:59:59.999Z') });
    expect(await collectedBetween(db().manager, agent.id, '2026-11', '2026-11')).toBe(300);
    expect(await collectedBetween(db().manager, agent.id, '2026-12', '2026-12')).toBe(10000);
    expect(await collectedBetween(db().manager, agent.id, '2026-10', '2026-12')).toBe(10300);
    expect(await collectedBetween(db().manager, agent.id, '2027-01', '2027-01')).toBe(0);
  });

  test('H-4 H-8 a lead counts in the Shanghai month it was qualified; valid calls by their work date', async () => {
    const agent = one.agents[0];
    const sales = one.salespeople[0];
    const tz = ctx().policy.timezone;
    const nov = await addCustomerRecords(ctx(), { agent, records: [rec('华为', '13800000000', 'A'), rec('中兴', '13800000001', 'B'), rec('腾讯', '13800000002', 'A')], sentAt: sh('2026-11-30 10:00:00') });
    const dec = await addCustomerRecords(ctx(), { agent, records: [rec('阿里', '13800000003', 'B')], sentAt: new Date('2026-11-30T16:30:00Z') });
    expect(dec.workDate).toBe('2026-12-01');
    const [a1, b1, a2] = nov.records.map((r) => r.id);
    await qualifyLead(ctx(), { actor: sales, recordId: a1, note: '已拜访 档案完整 已签字', at: new Date('2026-11-30T15:59:59.999Z') });
    await qualifyLead(ctx(), { actor: sales, recordId: b1, note: '已拜访 档案完整 已签字', at: new Date('2026-11-30T16:30:00Z') });
    await qualifyLead(ctx(), { actor: sales, recordId: a2, note: '已拜访 档案完整 已签字', at: new Date('2026-12-31T15:59:00Z') });
    await qualifyLead(ctx(), { actor: sales, recordId: dec.records[0].id, note: '已拜访 档案完整 已签字', at: new Date('2026-12-31T16:00:00Z') });
    expect(await qualifiedLeadsBetween(db().manager, agent.id, '2026-11-01', '2026-11-30', tz)).toEqual({ A: 1, B: 0 });
    expect(await qualifiedLeadsBetween(db().manager, agent.id, '2026-12-01', '2026-12-31', tz)).toEqual({ A: 1, B: 1 });
    expect(await qualifiedLeadsBetween(db().manager, agent.id, '2027-01-01', '2027-01-31', tz)).toEqual({ A: 0, B: 1 });
    expect(await qualifiedLeadsBetween(db().manager, agent.id, '2026-11-30', '2026-12-06', tz)).toEqual({ A: 1, B: 1 });
    expect(await validCallsBetween(db().manager, agent.id, '2026-11-01', '2026-11-30')).toBe(3);
    expect(await validCallsBetween(db().manager, agent.id, '2026-12-01', '2026-12-31')).toBe(1);
    expect(await qualifiedLeadsBetween(db().manager, two.agents[0].id, '2026-11-01', '2026-12-31', tz)).toEqual({ A: 0, B: 0 });
  });
});
