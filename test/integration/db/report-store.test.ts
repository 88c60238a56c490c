import { CustomerRecord } from '../../../src/db/entities';
import { qualifiedLeadsBetween, qualifiedLeadsByAgent, validCallsBetween, validCallsByAgent } from '../../../src/db/stores/report-store';
import { inTransaction } from '../../../src/db/transaction';
import { describeEachDb } from '../../helpers/test-db';

/**
 * The report store's counts (H-3 valid calls, H-4 qualified leads) against a hand-made set of
 * customer records, on SQLite and MySQL: the one valid-calls query that the 日报 and 客户
 * replies, 团队, the ranking and the pay slip all count with.
 */

let nextAgent = 5000;
/** An agent id no other test uses (there are no foreign keys). */
const fresh = () => ++nextAgent;

let nextPhone = 13800000000;

/** A record of `agentId` on `workDate`, complete or not, graded, qualified at `qualifiedAt` (UTC) or not. */
function record(agentId: number, workDate: string, complete: boolean, grade = 'C', qualifiedAt: string | null = null): Omit<CustomerRecord, 'id'> {
  const at = new Date(`${workDate}T02:00:00.000Z`);
  return {
    agentId, workDate, company: '华为技术', contact: complete ? '张经理' : '', titlePhone: `IT经理 ${++nextPhone}`, phone: String(nextPhone),
    headcount: '200', itStatus: '已上ERP', grade, complete, visitedBy: null, qualifiedBy: qualifiedAt ? 1 : null,
    qualifiedAt: qualifiedAt ? new Date(qualifiedAt) : null, qualificationNote: null, sentAt: at, createdAt: at, updatedAt: at,
  };
}

describeEachDb('report store: valid calls and qualified leads', (db) => {
  const tx = () => db().manager;

  test('valid calls: complete records only, per agent, both ends of the range included; agents without any are absent', async () => {
    const [a, b, c, none] = [fresh(), fresh(), fresh(), fresh()];
    await tx().insert(CustomerRecord, [
      record(a, '2026-11-30', true), // the day before the range
      record(a, '2026-12-01', true), // first day
      record(a, '2026-12-01', false), // incomplete: not a valid call
      record(a, '2026-12-15', true),
      record(a, '2026-12-31', true), // last day
      record(a, '2027-01-01', true), // the day after
      record(b, '2026-12-10', true, 'A'),
      record(b, '2026-12-10', false, 'A'),
      record(c, '2026-12-20', false),
    ]);
    const counts = await validCallsByAgent(tx(), [a, b, c, none], '2026-12-01', '2026-12-31');
    expect([...counts.entries()].sort(([x], [y]) => x - y)).toEqual([[a, 3], [b, 1]]);
    expect(await validCallsBetween(tx(), a, '2026-12-01', '2026-12-31')).toBe(3);
    expect(await validCallsBetween(tx(), a, '2026-11-30', '2027-01-01')).toBe(5);
    expect(await validCallsBetween(tx(), a, '2026-12-01', '2026-12-01')).toBe(1);
    expect(await validCallsBetween(tx(), c, '2026-12-01', '2026-12-31')).toBe(0);
    expect(await validCallsBetween(tx(), none, '2026-12-01', '2026-12-31')).toBe(0);
    // Only the agents asked for are counted, and no agent is no query.
    expect([...(await validCallsByAgent(tx(), [b], '2026-12-01', '2026-12-31')).entries()]).toEqual([[b, 1]]);
    expect((await validCallsByAgent(tx(), [], '2026-12-01', '2026-12-31')).size).toBe(0);
  });

  test('valid calls inside a transaction count its own uncommitted records', async () => {
    const agent = fresh();
    await inTransaction(db(), async (t) => {
      await t.insert(CustomerRecord, [record(agent, '2026-12-03', true), record(agent, '2026-12-03', true)]);
      expect(await validCallsBetween(t, agent, '2026-12-03', '2026-12-03')).toBe(2);
    });
  });

  test('qualified leads: complete A and B records, per agent and grade, by the qualification instant in the zone', async () => {
    const [a, b] = [fresh(), fresh()];
    const tz = 'Asia/Shanghai';
    await tx().insert(CustomerRecord, [
      record(a, '2026-11-20', true, 'A', '2026-11-30T15:59:59.999Z'), // 23:59:59.999 on 11-30 in Shanghai: November
      record(a, '2026-11-20', true, 'A', '2026-11-30T16:00:00.000Z'), // 00:00 on 12-01 in Shanghai: December
      record(a, '2026-12-02', true, 'B', '2026-12-31T15:59:59.000Z'),
      record(a, '2026-12-02', true, 'C', '2026-12-05T02:00:00.000Z'), // grade C never counts
      record(a, '2026-12-02', false, 'A', '2026-12-05T02:00:00.000Z'), // incomplete never counts
      record(a, '2026-12-02', true, 'A'), // not qualified
      record(b, '2026-12-09', true, 'B', '2026-12-10T01:00:00.000Z'),
      record(b, '2026-12-09', true, 'B', '2026-12-31T16:00:00.000Z'), // January in Shanghai
    ]);
    const december = await qualifiedLeadsByAgent(tx(), [a, b], '2026-12-01', '2026-12-31', tz);
    expect(december.get(a)).toEqual({ A: 1, B: 1 });
    expect(december.get(b)).toEqual({ A: 0, B: 1 });
    expect(await qualifiedLeadsBetween(tx(), a, '2026-11-01', '2026-11-30', tz)).toEqual({ A: 1, B: 0 });
    expect(await qualifiedLeadsBetween(tx(), b, '2027-01-01', '2027-01-31', tz)).toEqual({ A: 0, B: 1 });
    expect(await qualifiedLeadsBetween(tx(), fresh(), '2026-12-01', '2026-12-31', tz)).toEqual({ A: 0, B: 0 });
  });
});
