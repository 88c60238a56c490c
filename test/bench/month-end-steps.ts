/**
 * One step of the month-end benchmark, run in its own process (so its peak RSS is its own):
 * the real jobs through runJob (close-day per workday, the weekly check per week, close-month
 * and its forced re-run) or the real `bot payroll export` (CSV, xlsx). Counts every statement
 * the step sends (the DataSource's logger sees each query a runner runs, BEGIN and COMMIT
 * included) and, on SQLite, every statement prepared (a miss of the runner's statement cache).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { runPayrollExport } from '../../src/cli-payroll';
import { loadCalendar } from '../../src/config/calendar-loader';
import { loadPolicy } from '../../src/config/policy-loader';
import { ManualClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import { createDataSource, isSqlite } from '../../src/db/data-source';
import { zonedInstant } from '../../src/domain/dates';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import type { ServiceContext } from '../../src/services/service-context';
import { jobDeps } from '../../src/wiring/jobs';
import { mysqldCpuMs } from './month-end-server';
import { BENCH_MONTH, benchMondays, benchWorkdays } from './month-end-plan';

export type StepName = 'close-day' | 'day-digest' | 'weekly-check' | 'close-month' | 'close-month-force' | 'export-csv' | 'export-xlsx';
export const STEPS: StepName[] = ['close-day', 'day-digest', 'weekly-check', 'close-month', 'close-month-force', 'export-csv', 'export-xlsx'];

/** The figures of one run (one day, one week, one close, one export). */
export interface RunFigures {
  slot: string;
  wallMs: number;
  cpuMs: number;
  /** CPU the local MariaDB server spent meanwhile (null when it cannot be read). */
  dbCpuMs: number | null;
  statements: number;
  /** SQLite: statements prepared (cache misses); null on MySQL. */
  prepares: number | null;
  outcome: string;
}

/** What a step's process reports. */
export interface StepReport {
  step: StepName;
  runs: RunFigures[];
  /** RSS when the step started (after opening the database) and the process's peak, in bytes. */
  rssStart: number;
  rssPeak: number;
  /** Exports: the file's size and sha256 (CSV: compare across databases). */
  file?: { bytes: number; sha256: string };
}

interface Counters {
  statements: number;
  prepares: number;
}

/** Counts statements through the DataSource's logger and, on SQLite, prepares on the connection. */
function instrument(ds: DataSource): Counters {
  const c: Counters = { statements: 0, prepares: 0 };
  const logger = ds.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (...args: Parameters<typeof logQuery>) => {
    c.statements++;
    return logQuery(...args);
  };
  if (isSqlite(ds)) {
    const db = (ds.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
    const prepare = db.prepare.bind(db);
    // BENCH_PREPARED_LOG=FILE: every statement prepared, one per line (which ones miss the cache).
    const log = process.env.BENCH_PREPARED_LOG;
    db.prepare = (sql: string) => {
      c.prepares++;
      if (log) appendFileSync(log, `${sql.replace(/\s+/g, ' ')}\n`);
      return prepare(sql);
    };
  }
  return c;
}

async function measure(c: Counters, ds: DataSource, slot: string, work: () => Promise<string>): Promise<RunFigures> {
  const s0 = c.statements;
  const p0 = c.prepares;
  const cpu0 = process.cpuUsage();
  const db0 = mysqldCpuMs();
  const t0 = performance.now();
  const outcome = await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const db1 = mysqldCpuMs();
  return {
    slot, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, dbCpuMs: !isSqlite(ds) && db0 !== null && db1 !== null ? db1 - db0 : null,
    statements: c.statements - s0, prepares: isSqlite(ds) ? c.prepares - p0 : null, outcome,
  };
}

/** Runs `step` against the built month in `url`; `outDir` receives the exports; `days`: close-day's dates (default every workday). */
export async function runStep(step: StepName, url: string, outDir: string, days?: string[]): Promise<StepReport> {
  const policy = loadPolicy(path.join(process.cwd(), 'config/policy.yaml'));
  const ds = createDataSource(url);
  await ds.initialize();
  const logger = createLogger({ level: 'silent' });
  const ctx: ServiceContext = { ds, policy, calendar: loadCalendar(policy.calendar.overridesFile), logger };
  const clock = new ManualClock(new Date());
  const deps = jobDeps(ctx, ['feishu'], clock, logger);
  const c = instrument(ds);
  const tz = policy.timezone;
  const runs: RunFigures[] = [];
  const rssStart = process.memoryUsage().rss;
  const job = async (name: string, slot: string, now: Date, force = false) => {
    clock.set(now);
    const r = await runJob(deps, findJob(name)!, slot, { now, force });
    return r.ran ? r.outcome : r.reason;
  };
  let file: StepReport['file'];
  try {
    if (step === 'close-day') {
      for (const date of days ?? benchWorkdays(ctx.calendar)) runs.push(await measure(c, ds, date, () => job('close-day', date, zonedInstant(date, 23 * 60 + 50, tz))));
    } else if (step === 'day-digest') {
      // Issue 16: after each close-day, the digest of that day (its notices to the 'feishu' outbox).
      for (const date of days ?? benchWorkdays(ctx.calendar)) runs.push(await measure(c, ds, date, () => job('day-digest', date, zonedInstant(date, policy.schedule.dayDigest, tz))));
    } else if (step === 'weekly-check') {
      for (const monday of benchMondays()) {
        const last = ctx.calendar.lastWorkdayOfWeek(monday) as string;
        runs.push(await measure(c, ds, monday, () => job('weekly-summary-check', monday, zonedInstant(last, 23 * 60 + 55, tz))));
      }
    } else if (step === 'close-month' || step === 'close-month-force') {
      const force = step === 'close-month-force';
      const now = zonedInstant('2026-12-01', force ? 3 * 60 : 2 * 60, tz);
      runs.push(await measure(c, ds, BENCH_MONTH, () => job('close-month', BENCH_MONTH, now, force)));
    } else {
      const format = step === 'export-csv' ? 'csv' : 'xlsx';
      const out = path.join(outDir, `payroll-${BENCH_MONTH}.${format}`);
      const messages: string[] = [];
      runs.push(await measure(c, ds, BENCH_MONTH, async () => {
        const code = await runPayrollExport(ctx, { month: BENCH_MONTH, format, out, now: zonedInstant('2026-12-01', 9 * 60, tz) }, { write: () => undefined, err: (t) => messages.push(t) });
        return `exit ${code}: ${messages.join(' ')}`;
      }));
      file = { bytes: statSync(out).size, sha256: createHash('sha256').update(readFileSync(out)).digest('hex').slice(0, 16) };
    }
  } finally {
    await ds.destroy();
  }
  return { step, runs, rssStart, rssPeak: peakRss(), file };
}

/**
 * This process's peak RSS in bytes: VmHWM, the high-water mark of its own address space.
 * (getrusage's maxrss is no good in a forked child: Linux carries the parent's RSS at the fork
 * over the exec into it.)
 */
function peakRss(): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return kb ? Number(kb[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}
