/**
 * `npm run bench:month-end -- --employees 10000 [--db mysql|sqlite] [--url mysql://…] [--seed 1] [--steps a,b] [--days d1,d2]`
 * (issue 15): builds November 2026 for N employees (month-end-plan.ts, written by
 * month-end-bulk.ts) in a fresh database, then runs, each step in its own process: close-day
 * for every workday, the weekly summary check for each week, close-month, a forced re-run of
 * close-month (nothing changes), and the payroll export as CSV and as xlsx, all through the real
 * jobs and CLI code (`--steps` runs some of them, in the order given: the exports need
 * close-month; `--days` closes only those days). Prints one row per step: wall and CPU time (the client's, and MariaDB's
 * own), statements, statements per employee, peak RSS of the step's process. Figures are
 * printed, never asserted. The MariaDB database (default
 * mysql://root@127.0.0.1:3306/bot_bench_run, or BENCH_MYSQL_URL) is dropped and recreated.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCalendar } from '../../src/config/calendar-loader';
import { loadPolicy } from '../../src/config/policy-loader';
import type { ServiceContext } from '../../src/services/service-context';
import { bulkWriteMonth, writeOrg, type BuildCounts } from './month-end-bulk';
import { BENCH_MONTH, benchWorkdays, planOrg } from './month-end-plan';
import { freshMonthEndDatabase, mysqldCpuMs } from './month-end-server';
import { runStep, STEPS, type RunFigures, type StepName, type StepReport } from './month-end-steps';
import { dbAndEmployees, optionOf } from './bench-args';

interface Args {
  employees: number;
  db: 'mysql' | 'sqlite';
  url: string;
  seed: number;
  steps: StepName[];
  /** close-day's dates (default: every workday of the month). */
  days?: string[];
  child?: { step: StepName; url: string; outDir: string };
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => optionOf(argv, name);
  const { db, employees } = dbAndEmployees(argv);
  const step = get('child') as StepName | undefined;
  const steps = (get('steps')?.split(',') ?? STEPS) as StepName[];
  const unknown = steps.find((x) => !STEPS.includes(x));
  if (unknown) throw new Error(`--steps: unknown step ${unknown}; steps: ${STEPS.join(',')}`);
  return {
    steps,
    days: get('days')?.split(','),
    employees, db, seed: Number(get('seed') ?? 1),
    url: get('url') ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/bot_bench_run',
    child: step ? { step, url: get('child-url') as string, outDir: get('out-dir') as string } : undefined,
  };
}

/** Runs one step in a child process of this same script and returns its report. */
function stepInChild(step: StepName, url: string, outDir: string, days?: string[]): Promise<StepReport> {
  return new Promise((resolve, reject) => {
    const args = ['--child', step, '--child-url', url, '--out-dir', outDir, ...(days ? ['--days', days.join(',')] : [])];
    const child = fork(__filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: StepReport | undefined;
    child.on('message', (m) => {
      report = m as StepReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`step ${step} exited with ${code}`))));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

function sum(runs: RunFigures[]): Omit<RunFigures, 'slot' | 'outcome'> {
  const add = (k: 'wallMs' | 'cpuMs' | 'statements') => runs.reduce((n, r) => n + r[k], 0);
  const nullable = (k: 'dbCpuMs' | 'prepares') => (runs.some((r) => r[k] === null) ? null : runs.reduce((n, r) => n + (r[k] ?? 0), 0));
  return { wallMs: add('wallMs'), cpuMs: add('cpuMs'), dbCpuMs: nullable('dbCpuMs'), statements: add('statements'), prepares: nullable('prepares') };
}

function row(label: string, f: Omit<RunFigures, 'slot' | 'outcome'>, employees: number, report: StepReport): string {
  const cells = [
    label, s(f.wallMs), s(f.cpuMs), f.dbCpuMs === null ? '–' : s(f.dbCpuMs), String(f.statements), (f.statements / employees).toFixed(2),
    f.prepares === null ? '–' : String(f.prepares), `${mb(report.rssPeak)} (start ${mb(report.rssStart)})`,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The table: one row per step; close-day and the weekly check as one representative run and the total. */
function table(reports: StepReport[], employees: number): string[] {
  const lines = [
    '| step | wall | node CPU | db CPU | statements | per employee | prepares | peak RSS |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    if (r.step === 'close-day') {
      const day = r.runs.find((x) => x.slot === '2026-11-18') ?? r.runs[0];
      lines.push(row(`close-day, one day (${day.slot})`, day, employees, r));
      if (r.runs.length > 1) lines.push(row(`close-day, all ${r.runs.length} workdays`, sum(r.runs), employees, r));
    } else if (r.step === 'day-digest') {
      const day = r.runs.find((x) => x.slot === '2026-11-18') ?? r.runs[0];
      lines.push(row(`day-digest, one day (${day.slot})`, day, employees, r));
      if (r.runs.length > 1) lines.push(row(`day-digest, all ${r.runs.length} workdays`, sum(r.runs), employees, r));
    } else if (r.step === 'weekly-check') {
      const week = r.runs.find((x) => x.slot === '2026-11-16') ?? r.runs[0];
      lines.push(row(`weekly check, one week (${week.slot})`, week, employees, r));
      lines.push(row(`weekly check, all ${r.runs.length} weeks`, sum(r.runs), employees, r));
    } else {
      const label = { 'close-month': 'close-month', 'close-month-force': 'close-month --force (nothing to change)', 'export-csv': 'payroll export csv', 'export-xlsx': 'payroll export xlsx' }[r.step];
      lines.push(row(label, r.runs[0], employees, r));
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const report = await runStep(args.child.step, args.child.url, args.child.outDir, args.days);
    if (process.send) await new Promise<void>((resolve) => process.send?.(report, () => resolve()));
    else console.log(JSON.stringify(report));
    return;
  }
  const policy = loadPolicy(path.join(process.cwd(), 'config/policy.yaml'));
  const started = performance.now();
  const { ds, url, dir } = await freshMonthEndDatabase(args.db, args.url);
  const ctx: ServiceContext = { ds, policy, calendar: loadCalendar(policy.calendar.overridesFile) };
  const org = planOrg(args.employees, args.seed);
  const counts: BuildCounts = {};
  await writeOrg(ds, org, counts);
  await bulkWriteMonth(ds, ctx, org, args.seed, counts);
  await ds.destroy();
  const buildMs = performance.now() - started;
  console.log(`month-end bench: ${args.employees} employees (${org.teams.length} teams), ${BENCH_MONTH} (${benchWorkdays(ctx.calendar).length} workdays), ${args.db}, seed ${args.seed}`);
  console.log(`built in ${s(buildMs)}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const load0 = loadavg();
  const reports: StepReport[] = [];
  for (const step of args.steps) {
    const r = await stepInChild(step, url, dir, args.days);
    reports.push(r);
    const outcomes = r.runs.length > 1 ? `${r.runs.length} runs, last: ${r.runs[r.runs.length - 1].outcome}` : r.runs[0].outcome;
    console.log(`  ${step}: ${outcomes.slice(0, 300)}${r.file ? ` [${r.file.bytes} bytes, sha256 ${r.file.sha256}]` : ''}`);
  }
  const load1 = loadavg();
  console.log('');
  for (const line of table(reports, args.employees)) console.log(line);
  console.log('');
  console.log(`load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}${args.db === 'mysql' ? `; db CPU: the local MariaDB server process (${mysqldCpuMs() === null ? 'not readable' : 'read from /proc'})` : ''}`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
