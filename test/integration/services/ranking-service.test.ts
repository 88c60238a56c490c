import { NotFoundError } from '../../../src/core/errors';
import { CustomerRecord, Employee } from '../../../src/db/entities';
import { inTransaction } from '../../../src/db/transaction';
import type { RecordFields } from '../../../src/domain/customer-record';
import { addManualEntry, reverseEntry } from '../../../src/services/ledger';
import { weeklyRanking } from '../../../src/services/ranking';
import { addCustomerRecords, qualifyLead } from '../../../src/services/reports';
import { qualifiedLeadsBetween, validCallsBetween } from '../../../src/db/stores/report-store';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

let phoneSeq = 0;
const rec = (grade = 'C', over: Partial<RecordFields> = {}): RecordFields => ({
  company: `公司${++phoneSeq}`, contact: '张经理', titlePhone: `IT经理 139${String(phoneSeq).padStart(8, '0')}`, headcount: '200', itStatus: '已上ERP', grade, ...over,
});
let noSeq = 0;

describeEachDb('ranking: the weekly ranking (H-6)', (db) => {
  const ctx = () => serviceContext(db());

  /** `count` records of `agent` sent at `local` (Shanghai); `incomplete` of them lack the IT status. */
  const calls = async (agent: Employee, local: string, count: number, grades: string[] = [], incomplete = 0) => {
    const records = [
      ...Array.from({ length: count }, (_, i) => rec(grades[i] ?? 'C')),
      ...Array.from({ length: incomplete }, () => rec('A', { itStatus: '' })),
    ];
    const r = await addCustomerRecords(ctx(), { agent, records, sentAt: sh(local) });
    return r.records.map((x) => x.id);
  };

  /** A team whose agents get employee numbers `<prefix>-<n>` in the order given. */
  const team = async (agents: Array<[name: string, n: number, extra?: { startDate?: string; endDate?: string }]>) => {
    const prefix = `RK${++noSeq}`;
    const made = await makeTeam(db(), [
      { name: '主管', role: 'supervisor' },
      { name: '业务', role: 'salesperson' },
      ...agents.map(([name, , extra]) => ({ name, role: 'agent' as const, ...extra })),
    ]);
    for (const [name, n] of agents) {
      await db().getRepository(Employee).update({ id: made.people[name].id }, { no: `${prefix}-${n}` });
      made.people[name].no = `${prefix}-${n}`;
    }
    return { ...made, prefix };
  };

  test('H-6 ordered by valid calls, then A/B leads, then the week’s points, then employee number; with the change from last week', async () => {
    const { team: t, people: p, prefix } = await team([
      ['张三', 10], ['李四', 2], ['王五', 3], ['赵六', 1], ['钱七', 9],
      ['孙八', 5, { startDate: '2026-12-02' }], // joined this week: no place last week
      ['周九', 4, { endDate: '2026-11-27' }], // left before the week: not ranked
    ]);
    // This week (Mon 30 Nov – Sun 6 Dec).
    await calls(p['张三'], '2026-11-30 10:00:00', 3, [], 2); // 3 valid, 2 incomplete (not counted)
    const liA = await calls(p['李四'], '2026-12-01 10:00:00', 3, ['A']);
    const wangB = await calls(p['王五'], '2026-12-02 10:00:00', 2, ['B']);
    await calls(p['王五'], '2026-12-06 23:59:00', 1); // Sunday night: still this week
    await calls(p['赵六'], '2026-12-03 10:00:00', 2);
    await calls(p['钱七'], '2026-12-04 10:00:00', 3);
    await calls(p['钱七'], '2026-12-07 00:00:30', 4); // next Monday: not this week
    await calls(p['周九'], '2026-12-01 10:00:00', 9);
    // Last week: 赵六 led; an A lead of 张三 called last week but qualified this week counts this week.
    await calls(p['赵六'], '2026-11-25 10:00:00', 5);
    const zhangOld = await calls(p['张三'], '2026-11-29 23:59:00', 1, ['A']);
    await qualifyLead(ctx(), { actor: p['业务'], recordId: liA[0], note: '已拜访 档案完整 已签字', at: sh('2026-12-02 15:00:00') });
    await qualifyLead(ctx(), { actor: p['业务'], recordId: wangB[0], note: '已拜访 档案完整 已签字', at: sh('2026-12-06 23:59:00') });
    await qualifyLead(ctx(), { actor: p['业务'], recordId: zhangOld[0], note: '已拜访 档案完整 已签字', at: sh('2026-12-07 00:00:00') }); // next week's lead
    // Points: 李四 −2 this week, a −5 this week reversed, −10 last week (not this week's).
    const sup = p['主管'];
    await addManualEntry(ctx(), { actor: sup, target: p['李四'], input: { kind: 'deduct', points: 2, reason: '态度问题' }, at: sh('2026-12-02 11:00:00') });
    const reversed = await addManualEntry(ctx(), { actor: sup, target: p['李四'], input: { kind: 'misconduct', name: '值日' }, at: sh('2026-12-01 11:00:00') });
    await reverseEntry(ctx(), { actor: sup, entryId: reversed.id, reason: '误扣', at: sh('2026-12-08 09:00:00') });
    await addManualEntry(ctx(), { actor: sup, target: p['李四'], input: { kind: 'misconduct', name: '私人电话' }, at: sh('2026-11-27 11:00:00') });

    const r = await weeklyRanking(ctx(), { kind: 'team', teamId: t.id }, '2026-12-03');
    expect(r).toMatchObject({ monday: '2026-11-30', sunday: '2026-12-06', teamName: t.name, scope: { kind: 'team', teamId: t.id } });
    expect(r.rows.map((x) => [x.rank, x.name, x.no, x.validCalls, x.leadsA, x.leadsB, x.points, x.previousRank, x.change])).toEqual([
      [1, '王五', `${prefix}-3`, 3, 0, 1, 0, 3, 2], // 3 calls, 1 lead, 0 points
      [2, '李四', `${prefix}-2`, 3, 1, 0, -2, 6, 4], // 3 calls, 1 lead, −2 points
      [3, '钱七', `${prefix}-9`, 3, 0, 0, 0, 5, 2], // 3 calls, no lead, 0 points: number 9 …
      [4, '张三', `${prefix}-10`, 3, 0, 0, 0, 2, -2], // … before 10 (natural order)
      [5, '赵六', `${prefix}-1`, 2, 0, 0, 0, 1, -4], // led last week
      [6, '孙八', `${prefix}-5`, 0, 0, 0, 0, null, null], // joined this week
    ]);
    // The grouped queries count exactly what the per-agent report queries count.
    for (const row of r.rows) {
      expect(await validCallsBetween(db().manager, row.employeeId, '2026-11-30', '2026-12-06')).toBe(row.validCalls);
      expect(await qualifiedLeadsBetween(db().manager, row.employeeId, '2026-11-30', '2026-12-06', 'Asia/Shanghai')).toEqual({ A: row.leadsA, B: row.leadsB });
    }

    // The week before, asked by any of its dates: 赵六, 张三 by calls; then no calls: by points
    // (李四's −10 last), then by number. 周九 still worked then; 孙八 had not started.
    const last = await weeklyRanking(ctx(), { kind: 'team', teamId: t.id }, '2026-11-29');
    expect(last.monday).toBe('2026-11-23');
    expect(last.rows.map((x) => [x.rank, x.name, x.validCalls, x.points])).toEqual([
      [1, '赵六', 5, 0], [2, '张三', 1, 0], [3, '王五', 0, 0], [4, '周九', 0, 0], [5, '钱七', 0, 0], [6, '李四', 0, -10],
    ]);
  });

  test('the company ranking ranks every team’s agents together and names their teams', async () => {
    const a = await team([['甲一', 1], ['甲二', 2]]);
    const b = await team([['乙一', 1]]);
    // A week no other test writes to, so these agents lead it.
    await calls(a.people['甲二'], '2026-12-15 10:00:00', 4);
    await calls(b.people['乙一'], '2026-12-16 10:00:00', 6);
    await calls(a.people['甲一'], '2026-12-17 10:00:00', 1);
    const r = await weeklyRanking(ctx(), { kind: 'company' }, '2026-12-14');
    expect(r.teamName).toBeNull();
    expect(r.rows.slice(0, 3).map((x) => [x.rank, x.name, x.teamName, x.validCalls])).toEqual([
      [1, '乙一', b.team.name, 6], [2, '甲二', a.team.name, 4], [3, '甲一', a.team.name, 1],
    ]);
    expect(r.rows.map((x) => x.rank)).toEqual(r.rows.map((_, i) => i + 1));
    expect(r.rows.every((x) => x.name !== '主管' && x.name !== '业务')).toBe(true);
    const onlyA = await weeklyRanking(ctx(), { kind: 'team', teamId: a.team.id }, '2026-12-20');
    expect(onlyA.rows.map((x) => [x.rank, x.name])).toEqual([[1, '甲二'], [2, '甲一']]);
  });

  test('reads see the current transaction’s own writes', async () => {
    const { team: t, people: p } = await team([['丙一', 1], ['丙二', 2]]);
    await inTransaction(db(), async () => {
      await calls(p['丙二'], '2026-12-22 10:00:00', 2);
      const r = await weeklyRanking(ctx(), { kind: 'team', teamId: t.id }, '2026-12-22');
      expect(r.rows.map((x) => [x.name, x.validCalls])).toEqual([['丙二', 2], ['丙一', 0]]);
    });
    expect(await db().getRepository(CustomerRecord).countBy({ agentId: p['丙二'].id })).toBe(2);
  });

  test('an unknown team is refused; a team without agents has an empty ranking', async () => {
    await expect(weeklyRanking(ctx(), { kind: 'team', teamId: 987654 }, '2026-12-03')).rejects.toBeInstanceOf(NotFoundError);
    const { team: t } = await team([]);
    expect((await weeklyRanking(ctx(), { kind: 'team', teamId: t.id }, '2026-12-03')).rows).toEqual([]);
  });
});
