import { IsNull } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../../src/core/errors';
import { AuditEntry, CustomerRecord } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { addCustomerRecords, listRecords, QUALIFY_ACTION, qualifyLead } from '../../../src/services/reports';
import { createTeam, TeamFixture } from '../../helpers/org-fixture';
import { serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

const rec = (company: string, phone: string, grade: string, over: Partial<RecordFields> = {}): RecordFields => ({
  company, contact: '张经理', titlePhone: `IT经理 ${phone}`, headcount: '200', itStatus: '已上ERP', grade, ...over,
});

async function failure(work: Promise<unknown>): Promise<UserError> {
  const e = await work.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describeEachDb('reports: qualification and visibility', (db) => {
  const ctx = () => serviceContext(db());
  let one: TeamFixture;
  let two: TeamFixture;
  /** Record ids of 张伟 on 2026-12-03: A complete, C complete, A incomplete, B complete. */
  let ids: { a: number; c: number; incomplete: number; b: number };
  const at = sh('2026-12-03 18:20:00');

  beforeEach(async () => {
    one = await createTeam(db(), { supervisor: '王强', agents: ['张伟', '李娜'], salespeople: ['刘洋', '陈静'], admins: ['赵敏'] });
    two = await createTeam(db(), { supervisor: '孙丽', agents: ['周杰'], salespeople: ['吴磊'] });
    const added = await addCustomerRecords(ctx(), {
      agent: one.agents[0],
      records: [rec('华为', '13800000000', 'A'), rec('中兴', '13912345678', 'C'), rec('腾讯', '13700000000', 'A', { itStatus: '' }), rec('阿里', '010-12345678', 'B')],
      sentAt: sh('2026-12-03 10:00:00'),
    });
    const [a, c, incomplete, b] = added.records.map((r) => r.id);
    ids = { a, c, incomplete, b };
  });

  test('H-4 a C record or an incomplete A record cannot be qualified; the rule is quoted', async () => {
    const sales = one.salespeople[0];
    for (const recordId of [ids.c, ids.incomplete]) {
      const e = await failure(qualifyLead(ctx(), { actor: sales, recordId, note: '已拜访 档案完整 已签字', at }));
      expect(e.constructor).toBe(UserError);
      expect(e.message).toContain('H-4');
      expect(e.message).toContain(`C${recordId} 不能确认`);
    }
    expect((await failure(qualifyLead(ctx(), { actor: sales, recordId: 999999, note: '已拜访 档案完整 已签字', at }))).constructor).toBe(NotFoundError);
    expect(await db().getRepository(CustomerRecord).countBy({ agentId: one.agents[0].id, qualifiedAt: IsNull() })).toBe(4);
  });

  test('H-4 refused for an agent, for another team’s salesperson and for another team’s supervisor', async () => {
    for (const actor of [one.agents[0], one.agents[1], two.salespeople[0], two.supervisor!]) {
      expect(await failure(qualifyLead(ctx(), { actor, recordId: ids.a, note: '已拜访 档案完整 已签字', at }))).toBeInstanceOf(ForbiddenError);
    }
    const row = await db().getRepository(CustomerRecord).findOneByOrFail({ id: ids.a });
    expect(row.qualifiedAt).toBeNull();
  });

  test('H-4 a salesperson qualifies as themselves, with an audit row', async () => {
    const sales = one.salespeople[0];
    const row = await qualifyLead(ctx(), { actor: sales, recordId: ids.a, note: ' 已拜访 档案完整 已签字 ', at });
    expect(row).toMatchObject({ qualifiedBy: sales.id, visitedBy: sales.id, qualifiedAt: at, qualificationNote: '已拜访 档案完整 已签字' });
    const audit = await db().getRepository(AuditEntry).findOneByOrFail({ action: QUALIFY_ACTION, subjectId: String(ids.a) });
    expect(audit).toMatchObject({ actorId: sales.id, subjectType: 'customer_record', at });
    expect(audit.details).toMatchObject({ grade: 'A', visitedBy: sales.id });
    const other = await failure(qualifyLead(ctx(), { actor: sales, recordId: ids.b, visitedBy: one.salespeople[1], note: '已拜访 档案完整 已签字', at }));
    expect(other).toBeInstanceOf(ForbiddenError);
  });

  test('H-4 the supervisor enters it for a salesperson of the team; an admin may too', async () => {
    const sup = one.supervisor!;
    expect((await failure(qualifyLead(ctx(), { actor: sup, recordId: ids.a, note: '已拜访 档案完整 已签字', at }))).code).toBe('lead.visitor-missing');
    expect((await failure(qualifyLead(ctx(), { actor: sup, recordId: ids.a, visitedBy: two.salespeople[0], note: '已拜访 档案完整 已签字', at }))).code).toBe('lead.visitor-team');
    expect((await failure(qualifyLead(ctx(), { actor: sup, recordId: ids.a, visitedBy: one.agents[1], note: '已拜访 档案完整 已签字', at }))).code).toBe('lead.visitor-team');
    const row = await qualifyLead(ctx(), { actor: sup, recordId: ids.a, visitedBy: one.salespeople[1], note: '已拜访 档案完整 已签字', at });
    expect(row).toMatchObject({ qualifiedBy: sup.id, visitedBy: one.salespeople[1].id, qualifiedAt: at });
    const byAdmin = await qualifyLead(ctx(), { actor: one.admins[0], recordId: ids.b, visitedBy: one.salespeople[0], note: '已拜访 档案完整 已签字', at });
    expect(byAdmin).toMatchObject({ qualifiedBy: one.admins[0].id, visitedBy: one.salespeople[0].id });
  });

  test('H-4 qualifying twice is a conflict that says who and when', async () => {
    await qualifyLead(ctx(), { actor: one.salespeople[0], recordId: ids.a, note: '已拜访 档案完整 已签字', at });
    const e = await failure(qualifyLead(ctx(), { actor: one.supervisor!, recordId: ids.a, visitedBy: one.salespeople[1], note: '已拜访 档案完整 已签字', at: sh('2026-12-04 09:00:00') }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toContain('12月3日 18:20');
    expect(e.message).toContain('刘洋');
    expect(await db().getRepository(AuditEntry).countBy({ action: QUALIFY_ACTION, subjectId: String(ids.a) })).toBe(1);
  });

  test('H-4 two qualifications at once: one wins, the other is told who did it', async () => {
    const results = await Promise.allSettled([
      qualifyLead(ctx(), { actor: one.salespeople[0], recordId: ids.b, note: '已拜访 档案完整 已签字', at }),
      qualifyLead(ctx(), { actor: one.salespeople[1], recordId: ids.b, note: '已拜访 档案完整 已签字', at }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect(lost.reason.message).toMatch(/由 (刘洋|陈静) 确认/);
  });

  test('H-20 phones are shown to the agent, the supervisor, admins, and for A/B leads the team’s salespeople; masked for anyone else', async () => {
    const agent = one.agents[0];
    const list = async (viewer: typeof agent) => listRecords(ctx(), { viewer, agent, date: '2026-12-03' });
    for (const viewer of [agent, one.supervisor!, one.admins[0]]) {
      const rows = await list(viewer);
      expect(rows.map((r) => r.masked)).toEqual([false, false, false, false]);
      expect(rows[0]).toMatchObject({ phone: '13800000000', titlePhone: 'IT经理 13800000000', company: '华为' });
    }
    const sales = await list(one.salespeople[0]);
    expect(sales.map((r) => [r.grade, r.masked, r.phone])).toEqual([
      ['A', false, '13800000000'], ['C', true, '139****5678'], ['A', false, '13700000000'], ['B', false, '01012345678'],
    ]);
    expect(sales[1].titlePhone).toBe('IT经理 139****5678');
    for (const viewer of [one.agents[1], two.salespeople[0], two.supervisor!]) {
      const rows = await list(viewer);
      expect(rows.every((r) => r.masked)).toBe(true);
      expect(rows.map((r) => r.phone)).toEqual(['138****0000', '139****5678', '137****0000', '010****5678']);
      expect(rows[3].titlePhone).toBe('IT经理 010*****5678');
      expect(rows.map((r) => r.company)).toEqual(['华为', '中兴', '腾讯', '阿里']);
    }
  });
});
