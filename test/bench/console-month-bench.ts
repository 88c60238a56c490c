/**
 * `npm run bench:console -- [--employees 1000] [--db mysql|sqlite] [--url mysql://…] [--runs 20] [--seed 1] [--no-analyze]`
 * (issue 18): builds November 2026 for N employees in a fresh database (the month-end bench's
 * organisation and month, month-end-plan.ts and month-end-bulk.ts, plus a judged day per
 * employee and workday), then times the console's 本月 page (monthPage.render, as the router
 * calls it, for an admin, every team) on the open month (drafts computed from the facts) and,
 * after closing the month, on the closed month (the stored slips). Prints the median and p95
 * of `--runs` renders after one warm-up, and the page's size. On MariaDB the tables are analysed
 * after the load first (a server's steady state; `--no-analyze` skips it). Target: under 300 ms. Figures are
 * printed, never asserted. The MariaDB database (default mysql://root@127.0.0.1:3306/bot_bench_run,
 * or BENCH_MYSQL_URL) is dropped and recreated.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { loadCalendar } from '../../src/config/calendar-loader';
import { loadPolicy } from '../../src/config/policy-loader';
import type { ConsoleDeps, Viewer } from '../../src/console/console-page';
import { monthPage } from '../../src/console/pages';
import type { ChartRenderer } from '../../src/core/chart';
import { AttendanceDay } from '../../src/db/entities';
import { zonedInstant } from '../../src/domain/dates';
import { closeMonth } from '../../src/services/payroll';
import type { ServiceContext } from '../../src/services/service-context';
import { bulkWriteMonth, writeOrg, type BuildCounts } from './month-end-bulk';
import { BENCH_MONTH, benchWorkdays, planOrg, type PlanOrg } from './month-end-plan';
import { freshMonthEndDatabase } from './month-end-server';
import { dbAndEmployees, optionOf } from './bench-args';

interface Args {
  employees: number;
  db: 'mysql' | 'sqlite';
  url: string;
  runs: number;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => optionOf(argv, name);
  const { db, employees } = dbAndEmployees(argv);
  const runs = Number(get('runs') ?? 20);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return { employees, db, runs, seed: Number(get('seed') ?? 1), url: get('url') ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/bot_bench_run' };
}

/** A judged day for everyone employed on each workday: mostly on time, some late, a few absent (deterministic). */
async function writeJudgedDays(ds: DataSource, ctx: ServiceContext, org: PlanOrg, counts: BuildCounts): Promise<void> {
  const days = benchWorkdays(ctx.calendar);
  const judgedAt = new Date('2026-12-01T00:00:00Z');
  let rows: Array<Omit<AttendanceDay, 'id'>> = [];
  const flush = async () => {
    if (rows.length) await ds.createQueryBuilder().insert().into(AttendanceDay).values(rows).updateEntity(false).execute();
    counts.attendance_days = (counts.attendance_days ?? 0) + rows.length;
    rows = [];
  };
  for (const p of org.people) {
    if (p.role === 'admin') continue;
    for (const [i, date] of days.entries()) {
      if ((p.startDate && date < p.startDate) || (p.endDate && date > p.endDate)) continue;
      const k = (p.id * 31 + i * 7) % 100;
      const status = k < 2 ? 'absent-day' : k < 4 ? 'absent-half' : k < 12 ? 'incidents' : 'ok';
      rows.push({ employeeId: p.id, workDate: date, status, lateMinutes: status === 'incidents' ? 1 + (k % 20) : 0, earlyMinutes: 0, provisional: false, judgedAt });
      if (rows.length >= 1000) await flush();
    }
  }
  await flush();
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

/** Renders the month page `runs` times after a warm-up; returns the times and the last page's size. */
async function timeRenders(deps: ConsoleDeps, viewer: Viewer, runs: number): Promise<{ times: number[]; bytes: number; rows: number; revisions: number }> {
  const req = { params: {}, query: new URLSearchParams({ month: BENCH_MONTH }) };
  let page = await monthPage.render(deps, viewer, req);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    page = await monthPage.render(deps, viewer, req);
    times.push(performance.now() - t0);
  }
  const rows = (page.body.text.match(/<tr data-no=/g) ?? []).length;
  if (rows < 2) throw new Error(`the page has ${rows} rows: ${page.body.text.slice(0, 300)}`);
  return { times, bytes: Buffer.byteLength(page.body.text), rows, revisions: (page.body.text.match(/第 \d+ 版/g) ?? []).length };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const policy = loadPolicy(path.join(process.cwd(), 'config/policy.yaml'));
  const started = performance.now();
  const { ds, dir } = await freshMonthEndDatabase(args.db, args.url);
  const ctx: ServiceContext = { ds, policy, calendar: loadCalendar(policy.calendar.overridesFile) };
  const org = planOrg(args.employees, args.seed);
  const counts: BuildCounts = {};
  await writeOrg(ds, org, counts);
  await bulkWriteMonth(ds, ctx, org, args.seed, counts);
  await writeJudgedDays(ds, ctx, org, counts);
  // A steady state: right after a bulk load MariaDB's index statistics are stale (InnoDB
  // refreshes them in the background), and the pay facts' grouped counts take twice as long.
  if (args.db === 'mysql' && !argv.includes('--no-analyze')) await ds.query('ANALYZE TABLE customer_records, attendance_days, point_entries, leave_requests, collections, employees');
  console.log(`console month bench: ${args.employees} employees (${org.teams.length} teams), ${BENCH_MONTH}, ${args.db}, ${args.runs} renders after a warm-up, seed ${args.seed}`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const admin = org.people.find((p) => p.role === 'admin');
  const viewer: Viewer = { employeeId: admin?.id ?? 1, name: admin?.name ?? 'admin', role: 'admin', teamId: null, sessionId: 0 };
  const deps = (now: Date): ConsoleDeps => ({ ctx, now: () => now, charts: {} as ChartRenderer });
  const lines = ['| month | renders | median | p95 | min | max | rows | page size |', '|---|---|---|---|---|---|---|---|'];
  const report = (label: string, r: { times: number[]; bytes: number; rows: number; revisions: number }) => {
    const s = stats(r.times);
    lines.push(`| ${label} | ${r.times.length} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.min)} | ${ms(s.max)} | ${r.rows} (${r.revisions} closed slips) | ${Math.round(r.bytes / 1024)} KB |`);
  };
  report('open (drafts)', await timeRenders(deps(zonedInstant('2026-11-30', 20 * 60, policy.timezone)), viewer, args.runs));
  const closeAt = zonedInstant('2026-12-01', 2 * 60, policy.timezone);
  const t0 = performance.now();
  const closed = await closeMonth(ctx, BENCH_MONTH, { now: closeAt });
  console.log(`closed ${BENCH_MONTH} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${closed.created} slips`);
  report('closed (stored slips)', await timeRenders(deps(zonedInstant('2026-12-02', 10 * 60, policy.timezone)), viewer, args.runs));
  console.log('');
  for (const line of lines) console.log(line);
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
