/**
 * The month-end benchmark's bulk builder (test/bench/month-end-bulk.ts) writes the rows the
 * services write for the same messages: a small month of the plan is written both ways, into
 * two databases of the same kind, and every fact table, then the ledger, attendance days,
 * payslips, notices and the payroll CSV after the same closes, must be equal. So the
 * benchmark's figures are the figures of a month people could really have sent (H-2, H-3,
 * H-4, H-8, H-11, H-12, H-13, H-14).
 */
import type { DataSource } from 'typeorm';
import { payrollCsv, payrollRows } from '../../../src/services/payroll';
import type { ServiceContext } from '../../../src/services/service-context';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { zonedInstant } from '../../../src/domain/dates';
import { bulkWriteMonth, writeOrg } from '../../bench/month-end-bulk';
import { BENCH_MONTH, benchMondays, benchWorkdays, planOrg } from '../../bench/month-end-plan';
import { serviceWriteMonth } from '../../bench/month-end-services';
import { dbKinds, dropWorkerDatabase, openTestDataSource } from '../../helpers/test-db';
import { serviceContext, testJobDeps } from '../../helpers/service-context';

const EMPLOYEES = 42;
const TEAM_SIZE = 10;
const SEED = 2;

type Row = Record<string, unknown>;

async function rows(ds: DataSource, table: string, order: string): Promise<Row[]> {
  return ds.query(`SELECT * FROM ${table} ORDER BY ${order}`);
}

/** Rows without their id; dates and JSON as text, so both drivers' shapes compare. */
function plain(r: Row, drop: string[] = ['id']): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) if (!drop.includes(k)) out[k] = v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v;
  return out;
}

/** The ledger with ids replaced by what they stand for (a manual entry's source is a random UUID). */
async function ledger(ds: DataSource): Promise<Row[]> {
  const all = await rows(ds, 'point_entries', 'id');
  const key = new Map(all.map((e) => [e.id, `${e.employee_id}/${e.code}/${e.source_type === 'manual' ? 'manual' : e.source_id}/${e.generation}`]));
  return all
    .map((e) => ({ ...plain(e, ['id', 'reverses_id', 'source_id']), source: e.source_type === 'manual' ? 'manual' : e.source_id, reverses: e.reverses_id === null ? null : key.get(e.reverses_id) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const sorted = (list: Row[]) => list.map((r) => plain(r)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The closes the benchmark runs, through the jobs. */
async function closeEverything(ctx: ServiceContext): Promise<void> {
  const deps = testJobDeps(ctx);
  const tz = ctx.policy.timezone;
  for (const d of benchWorkdays(ctx.calendar)) await runJob(deps, findJob('close-day')!, d, { now: zonedInstant(d, 23 * 60 + 50, tz) });
  for (const m of benchMondays()) await runJob(deps, findJob('weekly-summary-check')!, m, { now: zonedInstant(ctx.calendar.lastWorkdayOfWeek(m)!, 23 * 60 + 55, tz) });
  await runJob(deps, findJob('close-month')!, BENCH_MONTH, { now: zonedInstant('2026-12-01', 2 * 60, tz) });
}

const FACT_TABLES: Array<[string, string]> = [
  ['leave_requests', 'id'], ['punches', 'id'], ['meeting_checkins', 'id'], ['customer_records', 'id'], ['daily_reports', 'id'], ['collections', 'id'], ['weekly_summaries', 'id'],
];

for (const kind of dbKinds()) {
  describe(`the month-end bench's bulk month equals the same month sent through the services [${kind}]`, () => {
    const bulk: { ds?: DataSource } = {};
    const real: { ds?: DataSource } = {};
    const org = planOrg(EMPLOYEES, SEED, TEAM_SIZE);

    beforeAll(async () => {
      // One database at a time on MySQL (the worker has one): the services' month first, read, then the bulk one.
      real.ds = await openTestDataSource(kind);
    }, 120_000);

    afterAll(async () => {
      for (const x of [bulk, real]) if (x.ds?.isInitialized) await x.ds.destroy();
      if (kind === 'mysql') await dropWorkerDatabase();
    });

    it('same facts, same ledger, same payslips and notices, same CSV', async () => {
      const ctxReal = serviceContext(real.ds!);
      await serviceWriteMonth(ctxReal, org, SEED);
      const snapshot = async (ds: DataSource) => {
        const facts: Record<string, Row[]> = {};
        for (const [t, o] of FACT_TABLES) facts[t] = (await rows(ds, t, o)).map((r) => plain(r, []));
        return { facts, ledger: await ledger(ds), audit: sorted(await rows(ds, 'audit_log', 'id')) };
      };
      const before = await snapshot(real.ds!);
      await closeEverything(ctxReal);
      const after = {
        ledger: await ledger(real.ds!),
        days: sorted(await rows(real.ds!, 'attendance_days', 'id')),
        payslips: sorted(await rows(real.ds!, 'payslips', 'id')),
        notices: (await rows(real.ds!, 'outbox', 'id')).map((r) => r.dedup_key).sort(),
        csv: payrollCsv((await payrollRows(ctxReal, BENCH_MONTH, { now: new Date('2026-12-02T00:00:00Z'), actor: 'test' })).rows),
      };
      await real.ds!.destroy();

      bulk.ds = await openTestDataSource(kind);
      const ctxBulk = serviceContext(bulk.ds);
      await writeOrg(bulk.ds, org);
      await bulkWriteMonth(bulk.ds, ctxBulk, org, SEED);
      expect(await snapshot(bulk.ds)).toEqual(before);
      await closeEverything(ctxBulk);
      expect(await ledger(bulk.ds)).toEqual(after.ledger);
      expect(sorted(await rows(bulk.ds, 'attendance_days', 'id'))).toEqual(after.days);
      expect(sorted(await rows(bulk.ds, 'payslips', 'id'))).toEqual(after.payslips);
      expect((await rows(bulk.ds, 'outbox', 'id')).map((r) => r.dedup_key).sort()).toEqual(after.notices);
      expect(payrollCsv((await payrollRows(ctxBulk, BENCH_MONTH, { now: new Date('2026-12-02T00:00:00Z'), actor: 'test' })).rows)).toBe(after.csv);

      // The month has each kind of fact the benchmark means to measure (else the comparison proves little).
      const codes = new Set(after.ledger.map((e) => String(e.code)));
      for (const code of ['late', 'late-half', 'early', 'missing-out', 'absent-day', 'meeting-late', 'meeting-absent', 'summary-missing', 'misconduct:值日', 'award']) {
        expect([code, codes.has(code)]).toEqual([code, true]);
      }
      const leave = before.facts.leave_requests;
      expect(leave.some((l) => l.status === 'approved' && l.start_half === 'am' && l.end_half === 'am')).toBe(true);
      expect(leave.some((l) => l.status === 'approved' && l.start_half === 'pm')).toBe(true);
      expect(leave.some((l) => l.status === 'rejected')).toBe(true);
      expect(before.facts.customer_records.some((r) => r.qualified_at !== null)).toBe(true);
      expect(before.facts.collections.some((c) => c.reverses_id !== null)).toBe(true);
      expect(after.payslips.length).toBeGreaterThan(EMPLOYEES - 3);
    }, 600_000);
  });
}
