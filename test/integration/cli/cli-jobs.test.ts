/**
 * `bot job run` and `bot payroll export` (docs/architecture.md contracts: CLI, job slots): in-process
 * runCli on a temporary SQLite file with a pinned clock, the organisation of
 * test/fixtures/org/good.yaml (E001 王强 supervisor, base 1500; E002 张伟, E003 李娜 (base
 * 1000.10), E004 刘洋 agents; E005 陈静 salesperson; E900 赵敏 admin). Also: five concurrent
 * claims of one (job, slot) run it exactly once, on every database.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { runCli } from '../../../src/cli';
import { createDataSource } from '../../../src/db/data-source';
import { JobRun, Payslip, PointEntry } from '../../../src/db/entities';
import { findJob, type JobSpec } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { PAYROLL_COLUMNS, PAYROLL_LABELS } from '../../../src/services/payroll';
import { makeTeam, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

const POLICY = path.join(__dirname, '../../../config/policy.yaml');
const ORG = path.join(__dirname, '../../fixtures/org/good.yaml');

interface CliRun {
  code: number;
  out: string;
  err: string;
  /** What `write` received (the CSV on stdout). */
  written: string;
}

function job(name: string): JobSpec {
  const j = findJob(name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

/** The ledger as comparable rows. */
async function ledger(ds: DataSource) {
  const rows = await ds.getRepository(PointEntry).find({ order: { id: 'ASC' } });
  return rows.map((e) => ({ id: e.id, employeeId: e.employeeId, workDate: e.workDate, code: e.code, points: e.points, fineFen: e.fineFen, reversesId: e.reversesId }));
}

describe('bot job run / payroll export (docs/architecture.md contracts: CLI)', () => {
  let dir: string;
  let env: Record<string, string>;
  let ds: DataSource | undefined;

  /** Runs the CLI in-process at the Shanghai wall time `at`. */
  async function cli(args: string[], at: string): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const written: string[] = [];
    const code = await runCli(args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      write: (d) => written.push(d),
      env: { LOG_LEVEL: 'silent', POLICY_FILE: POLICY, ...env },
      now: () => sh(at),
    });
    return { code, out: out.join('\n'), err: err.join('\n'), written: written.join('') };
  }

  /** A DataSource on the CLI's SQLite file, for looking at what a command did. */
  async function db(): Promise<DataSource> {
    if (!ds) {
      ds = createDataSource(env.DATABASE_URL);
      await ds.initialize();
    }
    return ds;
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bot-cli-jobs-'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'bot.sqlite')}` };
    expect((await cli(['migrate'], '2026-11-01 00:00:00')).code).toBe(0);
    expect((await cli(['org', 'import', ORG], '2026-11-01 00:00:00')).code).toBe(0);
  });
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    ds = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  test('close-day twice: the second says it already ran, exits 0 and changes nothing; --force re-runs and converges', async () => {
    const first = await cli(['job', 'run', 'close-day', '--date', '2026-12-03'], '2026-12-03 23:50:00');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe('close-day 2026-12-03: 2026-12-03: judged 5, 5 incidents, 5 entries added, 0 reversed');
    // Nobody punched: five whole days absent (H-11), each fined on its own base (H-9):
    // 1500 yuan → round(150000 × 3 / 21.75) = 20690; 1000.10 → round(100010 × 3 / 21.75) = 13794; 1000 → 13793.
    const after = await ledger(await db());
    const byNo = new Map((await (await db()).query('SELECT id, no FROM employees')).map((r: { id: number; no: string }) => [r.id, r.no]));
    expect(after.map((e) => [byNo.get(e.employeeId), e.workDate, e.code, e.points, e.fineFen]).sort()).toEqual([
      ['E001', '2026-12-03', 'absent-day', -10, 20690],
      ['E002', '2026-12-03', 'absent-day', -10, 13793],
      ['E003', '2026-12-03', 'absent-day', -10, 13794],
      ['E004', '2026-12-03', 'absent-day', -10, 13793],
      ['E005', '2026-12-03', 'absent-day', -10, 13793],
    ]);

    const second = await cli(['job', 'run', 'close-day', '--date', '2026-12-03'], '2026-12-04 00:10:00');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^close-day 2026-12-03 already ran \(.+, 2026-12-03T15:50:00\.000Z\): 2026-12-03: judged 5, 5 incidents, 5 entries added, 0 reversed\nNothing done; use --force to run it again\.$/);
    expect(await ledger(await db())).toEqual(after);

    const forced = await cli(['job', 'run', 'close-day', '--date', '2026-12-03', '--force'], '2026-12-04 00:20:00');
    expect(forced).toMatchObject({ code: 0, err: '' });
    expect(forced.out).toBe('close-day 2026-12-03: 2026-12-03: judged 5, 5 incidents, 0 entries added, 0 reversed');
    expect(await ledger(await db())).toEqual(after);
    const runs = await (await db()).getRepository(JobRun).findBy({ job: 'close-day' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ slot: '2026-12-03', status: 'done', runs: 2, startedAt: sh('2026-12-04 00:20:00') });
  });

  test('weekly-summary-check takes the week containing the date (its Monday is the slot)', async () => {
    const r = await cli(['job', 'run', 'weekly-summary-check', '--date', '2026-12-03'], '2026-12-04 23:55:00');
    expect(r.code).toBe(0);
    expect(r.out).toBe('weekly-summary-check 2026-11-30: week of 2026-11-30: deadline 2026-12-04, 5 missing, 5 added, 0 reversed');
    expect(await (await db()).getRepository(JobRun).findOneByOrFail({ job: 'weekly-summary-check' })).toMatchObject({ slot: '2026-11-30', status: 'done' });
  });

  test('an unknown job name exits 2 and lists the jobs', async () => {
    const r = await cli(['job', 'run', 'frobnicate'], '2026-12-03 23:50:00');
    expect(r.code).toBe(2);
    expect(r.err).toBe('bot: unknown job "frobnicate"; jobs: close-day, weekly-summary-check, close-month, meeting-reminder, report-nudge, weekly-ranking, approval-reminder, day-digest, delegation-handover, welcome');
    expect(r.out).toBe('');
    expect(await (await db()).getRepository(JobRun).count()).toBe(0);
  });

  test.each(['2026-13-01', '2026-02-30', '2026-12-3', 'tomorrow', ''])('--date %j is not a date: exit 2, nothing run', async (date) => {
    const r = await cli(['job', 'run', 'close-day', '--date', date], '2026-12-03 23:50:00');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`bot: --date must be a date YYYY-MM-DD, got "${date}"`);
    expect(await (await db()).getRepository(JobRun).count()).toBe(0);
    expect(await (await db()).getRepository(PointEntry).count()).toBe(0);
  });

  test.each([
    [['job', 'run', 'close-day', '--month', 'x'], /--month is not an option of job/],
    [['job', 'run', 'close-day', '--format', 'csv'], /--format is not an option of job/],
    [['payroll', 'export', '--month', '2026-10', '--date', '2026-10-01'], /--date is not an option of payroll/],
    [['job', 'run', 'close-day', '--bogus'], /Unknown option '--bogus'/],
    [['job', 'run'], /job run needs exactly one job NAME/],
    [['job', 'run', 'close-day', 'close-month'], /job run needs exactly one job NAME/],
    [['payroll', 'export', 'extra', '--month', '2026-10'], /payroll export takes options only/],
  ])('%j is a usage error: exit 2 with the usage', async (args, message) => {
    const r = await cli(args, '2026-12-03 23:50:00');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/\n\nUsage: bot <command>/);
    expect(r.out).toBe('');
    expect(await (await db()).getRepository(JobRun).count()).toBe(0);
  });

  test('close-month without --date closes the last ended month at the clock given; a second run says so', async () => {
    const r = await cli(['job', 'run', 'close-month'], '2026-11-01 02:00:00');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('close-month 2026-10: 2026-10: 6 payslips');
    expect(await (await db()).getRepository(Payslip).countBy({ month: '2026-10' })).toBe(6);
    expect(await (await db()).getRepository(Payslip).count()).toBe(6);

    // On the last day of November the last ended month is still October.
    const again = await cli(['job', 'run', 'close-month'], '2026-11-30 23:59:00');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^close-month 2026-10 already ran .*2026-10: 6 payslips\nNothing done; use --force to run it again\.$/);
    const forced = await cli(['job', 'run', 'close-month', '--force'], '2026-11-30 23:59:00');
    expect(forced).toMatchObject({ code: 0, out: 'close-month 2026-10: 2026-10: re-closed, 0 payslips changed' });
    expect(await (await db()).getRepository(Payslip).count()).toBe(6);

    // Just after midnight on 12-01 it is November.
    const nov = await cli(['job', 'run', 'close-month'], '2026-12-01 00:30:00');
    expect(nov).toMatchObject({ code: 0, out: 'close-month 2026-11: 2026-11: 6 payslips' });
  });

  test('close-month for a month not yet ended exits 1 with the message, stores nothing, and may run once it has ended', async () => {
    const r = await cli(['job', 'run', 'close-month', '--date', '2026-11-15'], '2026-11-20 10:00:00');
    expect(r.code).toBe(1);
    expect(r.err).toBe('close-month 2026-11: 2026-11 还没有结束，不能结算。');
    expect(r.out).toBe('');
    expect(await (await db()).getRepository(Payslip).count()).toBe(0);
    expect(await (await db()).getRepository(JobRun).findOneByOrFail({ job: 'close-month', slot: '2026-11' })).toMatchObject({ status: 'failed', outcome: '2026-11 还没有结束，不能结算。' });

    const later = await cli(['job', 'run', 'close-month', '--date', '2026-11-15'], '2026-12-01 02:00:00');
    expect(later).toMatchObject({ code: 0, out: 'close-month 2026-11: 2026-11: 6 payslips' });
    expect(await (await db()).getRepository(JobRun).findOneByOrFail({ job: 'close-month', slot: '2026-11' })).toMatchObject({ status: 'done', runs: 2 });
  });

  test('payroll export before the close exits 1; --draft prints the CSV to stdout with a DRAFT note on stderr', async () => {
    const refused = await cli(['payroll', 'export', '--month', '2026-10'], '2026-11-01 01:00:00');
    expect(refused.code).toBe(1);
    // The CLI writes English on both streams (README, CLI): the refusal says what to do.
    expect(refused.err).toMatch(/^bot: 2026-10 is not closed, so it has no payroll yet: close it first .*--draft/);
    expect(refused.written).toBe('');
    expect(refused.out).toBe('');

    const draft = await cli(['payroll', 'export', '--month', '2026-10', '--draft'], '2026-11-01 01:00:00');
    expect(draft.code).toBe(0);
    expect(draft.err).toBe('DRAFT: the month is not closed; the figures may still change.');
    expect(draft.out).toBe('');
    expect(draft.written.startsWith(`\uFEFF${PAYROLL_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows: string[][] = parse(draft.written, { bom: true });
    // No day was closed: every score is 100; bases are each one's own (1500, 1000.10) or the policy's.
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[12], r[15]])).toEqual([
      ['E001', '王强', '一组', '1500.00', '100', '1500.00'],
      ['E002', '张伟', '一组', '1000.00', '100', '1000.00'],
      ['E003', '李娜', '一组', '1000.10', '100', '1000.10'],
      ['E004', '刘洋', '一组', '1000.00', '100', '1000.00'],
      ['E005', '陈静', '一组', '1000.00', '100', '1000.00'],
      ['E900', '赵敏', '', '1000.00', '100', '1000.00'],
    ]);
    expect(await (await db()).getRepository(Payslip).count()).toBe(0);

    // Closed: the same command prints the stored pay slips, without the DRAFT note.
    expect((await cli(['job', 'run', 'close-month'], '2026-11-01 02:00:00')).code).toBe(0);
    const closed = await cli(['payroll', 'export', '--month', '2026-10'], '2026-11-01 09:00:00');
    expect(closed).toMatchObject({ code: 0, err: '', out: '' });
    expect(closed.written).toBe(draft.written);
  });

  test('payroll export: xlsx needs --out (exit 2); with --out it writes the file; a bad month or format exits 2', async () => {
    expect((await cli(['job', 'run', 'close-month'], '2026-11-01 02:00:00')).code).toBe(0);
    const noOut = await cli(['payroll', 'export', '--month', '2026-10', '--format', 'xlsx'], '2026-11-02 09:00:00');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/^bot: xlsx needs --out FILE\nUsage: bot payroll export/);
    expect(noOut.written).toBe('');

    const file = path.join(dir, 'payroll-2026-10.xlsx');
    const xlsx = await cli(['payroll', 'export', '--month', '2026-10', '--format', 'xlsx', '--out', file], '2026-11-02 09:00:00');
    expect(xlsx).toMatchObject({ code: 0, written: '', out: '' });
    expect(xlsx.err).toBe(`${file}: 6 rows`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    // The xlsx has the Chinese column names, a 标记 column and a totals row; the CSV keeps the contract's names.
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...PAYROLL_COLUMNS.map((c) => PAYROLL_LABELS[c]), '标记']);
    expect(ws.rowCount).toBe(8);
    expect(ws.getRow(8).getCell(1).value).toBe('合计');
    expect(ws.getRow(2).getCell(1).value).toBe('E001');
    expect(ws.getRow(2).getCell(PAYROLL_COLUMNS.indexOf('total') + 1).value).toBe(1500);
    expect(ws.getRow(4).getCell(PAYROLL_COLUMNS.indexOf('base') + 1).value).toBe(1000.1);

    const csvFile = path.join(dir, 'payroll-2026-10.csv');
    const csv = await cli(['payroll', 'export', '--month', '2026-10', '--out', csvFile], '2026-11-02 09:00:00');
    expect(csv).toMatchObject({ code: 0, written: '', err: `${csvFile}: 6 rows` });
    expect(existsSync(csvFile)).toBe(true);
    expect(statSync(csvFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(csvFile).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(csvFile, 'utf8')).toMatch(/^\uFEFFemployee_no,name,team,month,base,/);

    for (const args of [
      ['payroll', 'export'],
      ['payroll', 'export', '--month', '2026-13'],
      ['payroll', 'export', '--month', '202610'],
      ['payroll', 'export', '--month', '2026-10', '--format', 'pdf'],
    ]) {
      const r = await cli(args, '2026-11-02 09:00:00');
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toMatch(/Usage: bot payroll export --month YYYY-MM/);
    }
    // Two successful exports, two audit rows (H-20); refusals log nothing.
    expect(Number((await (await db()).query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payroll.export'`))[0].n)).toBe(2);
  });
});

describeEachDb('job claims: one run per (job, slot) across concurrent starters', (db) => {
  test('five concurrent runJob of close-day for one day: exactly one runs, the ledger has each absence once', async () => {
    const ctx = serviceContext(db());
    const { people } = await makeTeam(db(), [
      { name: '甲', role: 'supervisor' },
      { name: '乙', role: 'agent' },
      { name: '丙', role: 'agent' },
    ]);
    const now = sh('2026-12-03 23:50:00');
    const results = await Promise.all(Array.from({ length: 5 }, () => runJob(testJobDeps(ctx), job('close-day'), '2026-12-03', { now })));
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ran)) expect(r).toMatchObject({ ran: false, slot: '2026-12-03', reason: expect.stringMatching(/^close-day 2026-12-03 already (running|ran) /) });
    const runs = await db().getRepository(JobRun).findBy({ job: 'close-day', slot: '2026-12-03' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'done', runs: 1 });
    const ids = Object.values(people).map((e) => e.id);
    const entries = (await db().getRepository(PointEntry).findBy({ workDate: '2026-12-03' })).filter((e) => ids.includes(e.employeeId));
    expect(entries.map((e) => [e.employeeId, e.code, e.points, e.fineFen]).sort()).toEqual(ids.map((id) => [id, 'absent-day', -10, 13793]).sort());
  });

  test('five concurrent starters of a counting job: its body runs once', async () => {
    let calls = 0;
    const counting: JobSpec = {
      name: 'counting-test',
      slotOf: (d) => d,
      defaultSlot: () => '2026-12-03',
      async run() {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'counted';
      },
    };
    const ctx = serviceContext(db());
    const now = sh('2026-12-03 23:50:00');
    const results = await Promise.all(Array.from({ length: 5 }, () => runJob(testJobDeps(ctx), counting, '2026-12-03', { now })));
    expect(results.filter((r) => r.ran)).toEqual([{ ran: true, slot: '2026-12-03', outcome: 'counted', sends: false }]);
    expect(calls).toBe(1);
    // A later starter with the period done is told so, and the body still ran once.
    expect(await runJob(testJobDeps(ctx), counting, '2026-12-03', { now })).toMatchObject({ ran: false, reason: expect.stringMatching(/already ran .*: counted$/) });
    expect(calls).toBe(1);
  });
});
