/**
 * The payroll file (docs/architecture.md contracts: Payroll CSV columns; H-8, H-10, H-20): the CSV byte
 * for byte where it matters (BOM, header, RFC 4180 quoting, yuan with two decimals, signed score
 * bonus, positive fines, total), one row per employee employed in the month ordered by
 * employee_no, refused before the close unless a draft, xlsx with the same values (streamed a
 * page at a time, cell for cell the workbook built in memory), and an audit row for every export.
 *
 * November 2026: 21 workdays (11-02..06, 09..13, 16..20, 23..27, 30), asserted below.
 *   P001 "Smith, John" agent, 一组, 北区: 3 complete records (3 × 0.50 = 1.50), one A qualified
 *        (100.00), collected 888888 fen (1% = 8888.88 → 88.89), award +21 → 121 → +200.00.
 *        total = 1000.00 + 1.50 + 100.00 + 88.89 + 200.00 − 0 = 1390.39
 *   P002 王"小"明 agent: 私人电话 × 2 → 80 (not below 80: 0.00), fines 200.00 → total 800.00
 *   P003 张三 agent: 私人电话 × 3 → 70 → −200.00, fines 300.00 → total 1000 − 200 − 300 = 500.00
 *   P004 老周 agent, left 2026-10-31: no row.  P005 新人 agent, starts 2026-12-01: no row.
 *   P006 王强 supervisor, base 1500 yuan: 1500.00
 *   P007 半月 agent, 二组, starts 11-16: 11 workdays → round(100000 × 11 / 21.75) = round(50574.71) = 50575 → 505.75
 *   P008 离职 agent, 二组, leaves 11-10: 7 workdays → round(100000 × 7 / 21.75) = round(32183.91) = 32184 → 321.84
 *   P009 刘洋 salesperson: 1000.00.  P010 赵敏 admin, no team: team is empty, 1000.00.
 * No close-day runs here, so the ledger holds only the supervisor's entries.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { UserError } from '../../../src/core/errors';
import { AuditEntry, Employee, Payslip, Team } from '../../../src/db/entities';
import type { Role } from '../../../src/domain/roles';
import { addManualEntry } from '../../../src/services/ledger';
import { runPayrollExport } from '../../../src/cli-payroll';
import {
  closeMonth, exportPayroll, PAYROLL_COLUMNS, PAYROLL_LABELS, PAYROLL_XLSX_COLUMNS, payrollCsv, payrollRows, payrollXlsx, pendingChanges, type PayrollRow,
} from '../../../src/services/payroll';
import { addCustomerRecords, qualifyLead, recordCollection } from '../../../src/services/reports';
import { CALENDAR, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

const STAMP = new Date('2026-01-01T00:00:00Z');
const HEADER = 'employee_no,name,team,month,base,valid_calls,call_pay,a_leads,b_leads,lead_bonus,collected,commission,score,score_bonus,fines,total';

/** The hand-worked rows of the header, as the CSV's fields. */
const EXPECTED_ROWS: string[][] = [
  ['P001', 'Smith, John', '一组, 北区', '2026-11', '1000.00', '3', '1.50', '1', '0', '100.00', '8888.88', '88.89', '121', '200.00', '0.00', '1390.39'],
  ['P002', '王"小"明', '一组, 北区', '2026-11', '1000.00', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '80', '0.00', '200.00', '800.00'],
  ['P003', '张三', '一组, 北区', '2026-11', '1000.00', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '70', '-200.00', '300.00', '500.00'],
  ['P006', '王强', '一组, 北区', '2026-11', '1500.00', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '100', '0.00', '0.00', '1500.00'],
  ['P007', '半月', '二组', '2026-11', '505.75', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '100', '0.00', '0.00', '505.75'],
  ['P008', '离职', '二组', '2026-11', '321.84', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '100', '0.00', '0.00', '321.84'],
  ['P009', '刘洋', '一组, 北区', '2026-11', '1000.00', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '100', '0.00', '0.00', '1000.00'],
  ['P010', '赵敏', '', '2026-11', '1000.00', '0', '0.00', '0', '0', '0.00', '0.00', '0.00', '100', '0.00', '0.00', '1000.00'],
];

/** Yuan with two decimals as integer fen, without floating point: '-200.00' → -20000. */
function fen(yuan: string): number {
  expect(yuan).toMatch(/^-?\d+\.\d{2}$/);
  return Number(yuan.replace('.', ''));
}

type People = Record<string, Employee>;

async function createOrg(ds: DataSource): Promise<People> {
  const teams = ds.getRepository(Team);
  const north = await teams.save({ name: '一组, 北区', supervisorId: null, chats: null, createdAt: STAMP, updatedAt: STAMP });
  const two = await teams.save({ name: '二组', supervisorId: null, chats: null, createdAt: STAMP, updatedAt: STAMP });
  const people: People = {};
  const make = async (no: string, name: string, role: Role, teamId: number | null, extra: Partial<Employee> = {}) => {
    people[no] = await ds.getRepository(Employee).save({
      no, name, role, teamId, baseSalaryFen: null, startDate: null, endDate: null, createdAt: STAMP, updatedAt: STAMP, ...extra,
    });
  };
  // Out of order on purpose: the file is ordered by employee_no, not by creation.
  await make('P010', '赵敏', 'admin', null);
  await make('P003', '张三', 'agent', north.id);
  await make('P008', '离职', 'agent', two.id, { endDate: '2026-11-10' });
  await make('P001', 'Smith, John', 'agent', north.id);
  await make('P005', '新人', 'agent', north.id, { startDate: '2026-12-01' });
  await make('P006', '王强', 'supervisor', north.id, { baseSalaryFen: 150000 });
  await make('P002', '王"小"明', 'agent', north.id);
  await make('P004', '老周', 'agent', north.id, { endDate: '2026-10-31' });
  await make('P009', '刘洋', 'salesperson', north.id);
  await make('P007', '半月', 'agent', two.id, { startDate: '2026-11-16' });
  await teams.update({ id: north.id }, { supervisorId: people.P006.id });
  return people;
}

async function novemberFacts(ds: DataSource, p: People): Promise<void> {
  const ctx = serviceContext(ds);
  const rec = (company: string, phone: string, grade: string) => ({ company, contact: '李总', titlePhone: `总经理 ${phone}`, headcount: '80', itStatus: '用Excel', grade });
  const { records } = await addCustomerRecords(ctx, {
    agent: p.P001, records: [rec('甲公司', '13600000001', 'A'), rec('乙公司', '13600000002', 'C'), rec('丙公司', '010-88886666', 'B')], sentAt: sh('2026-11-03 10:00:00'),
  });
  await qualifyLead(ctx, { actor: p.P009, recordId: records[0].id, note: '已拜访 档案完整 已签字', at: sh('2026-11-05 15:00:00') });
  await recordCollection(ctx, { actor: p.P006, agent: p.P001, amountFen: 888888, customer: '甲公司', at: sh('2026-11-20 10:00:00') });
  await addManualEntry(ctx, { actor: p.P006, target: p.P001, input: { kind: 'award', points: 21, reason: '月度之星' }, at: sh('2026-11-27 17:30:00') });
  for (const [target, days] of [['P002', ['11-04', '11-11']], ['P003', ['11-04', '11-11', '11-18']]] as const) {
    for (const d of days) await addManualEntry(ctx, { actor: p.P006, target: p[target], input: { kind: 'misconduct', name: '私人电话' }, at: sh(`2026-${d} 11:00:00`) });
  }
}

describeEachDb('payroll export (docs/architecture.md: Payroll CSV columns; H-8, H-10, H-20)', (db) => {
  const ctx = () => serviceContext(db());
  let p: People;
  let dir: string;

  beforeAll(async () => {
    p = await createOrg(db());
    await novemberFacts(db(), p);
    dir = mkdtempSync(path.join(tmpdir(), 'payroll-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('November 2026 has the workdays the expected bases assume', () => {
    expect(CALENDAR.workdays('2026-11-01', '2026-11-30')).toHaveLength(21);
    expect(CALENDAR.workdays('2026-11-16', '2026-11-30')).toHaveLength(11);
    expect(CALENDAR.workdays('2026-11-01', '2026-11-10')).toHaveLength(7);
  });

  test('a month not closed is refused with a message and writes no audit row; a draft computes without storing', async () => {
    const audits = await db().getRepository(AuditEntry).countBy({ action: 'payroll.export' });
    const refused = await payrollRows(ctx(), '2026-11', { now: sh('2026-11-30 20:00:00'), actor: 'test' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'payroll.not-closed' });
    expect((refused as Error).message).toMatch(/2026-11 尚未结算.*--draft/);
    expect(await db().getRepository(AuditEntry).countBy({ action: 'payroll.export' })).toBe(audits);

    const draft = await payrollRows(ctx(), '2026-11', { draft: true, now: sh('2026-11-30 20:00:00'), actor: 'test' });
    expect(draft.draft).toBe(true);
    expect(draft.rows.map((r) => PAYROLL_COLUMNS.map((c) => String(r[c])))).toEqual(EXPECTED_ROWS);
    expect(await db().getRepository(Payslip).countBy({ month: '2026-11' })).toBe(0);
    const logged = await db().getRepository(AuditEntry).find({ where: { action: 'payroll.export' }, order: { id: 'ASC' } });
    expect(logged).toHaveLength(audits + 1);
    expect(logged[logged.length - 1]).toMatchObject({ actor: 'test', subjectType: 'month', subjectId: '2026-11', details: { rows: 8, draft: true }, at: sh('2026-11-30 20:00:00') });
  });

  test('after the close: the CSV has a BOM, the header in order, RFC 4180 quoting, yuan with two decimals, and one row per employee by number', async () => {
    const closed = await closeMonth(ctx(), '2026-11', { now: sh('2026-12-01 02:00:00') });
    expect(closed).toMatchObject({ alreadyClosed: false, created: 8 });
    const { rows, draft } = await payrollRows(ctx(), '2026-11', { now: sh('2026-12-01 09:00:00'), actor: 'cli' });
    expect(draft).toBe(false);
    const csv = payrollCsv(rows);

    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(HEADER);
    expect(lines[0]).toBe(PAYROLL_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 8);
    // Quoting: a field with a comma or a quote is quoted, quotes doubled; others are bare.
    expect(lines[1]).toBe('P001,"Smith, John","一组, 北区",2026-11,1000.00,3,1.50,1,0,100.00,8888.88,88.89,121,200.00,0.00,1390.39');
    expect(lines[2]).toBe('P002,"王""小""明","一组, 北区",2026-11,1000.00,0,0.00,0,0,0.00,0.00,0.00,80,0.00,200.00,800.00');
    expect(lines[8]).toBe('P010,赵敏,,2026-11,1000.00,0,0.00,0,0,0.00,0.00,0.00,100,0.00,0.00,1000.00');

    const parsed: string[][] = parse(csv, { bom: true, relax_column_count: false });
    expect(parsed[0]).toEqual([...PAYROLL_COLUMNS]);
    expect(parsed.slice(1)).toEqual(EXPECTED_ROWS);
    // No row for the one who left before November or the one who starts in December.
    expect(parsed.map((r) => r[0])).not.toEqual(expect.arrayContaining(['P004']));
    expect(parsed.map((r) => r[0])).not.toEqual(expect.arrayContaining(['P005']));
    const col = (name: string) => PAYROLL_COLUMNS.indexOf(name as (typeof PAYROLL_COLUMNS)[number]);
    for (const r of parsed.slice(1)) {
      expect(fen(r[col('fines')])).toBeGreaterThanOrEqual(0);
      expect(['200.00', '0.00', '-200.00']).toContain(r[col('score_bonus')]);
      const sum = fen(r[col('base')]) + fen(r[col('call_pay')]) + fen(r[col('lead_bonus')]) + fen(r[col('commission')]) + fen(r[col('score_bonus')]) - fen(r[col('fines')]);
      expect([r[0], fen(r[col('total')])]).toEqual([r[0], sum]);
    }
    const audit = await db().getRepository(AuditEntry).find({ where: { action: 'payroll.export', subjectId: '2026-11' }, order: { id: 'DESC' }, take: 1 });
    expect(audit[0]).toMatchObject({ actor: 'cli', details: { rows: 8, draft: false }, at: sh('2026-12-01 09:00:00') });
  });

  test('the export reads the stored pay slips: a late fact changes it only after a forced re-close', async () => {
    await addManualEntry(ctx(), { actor: p.P006, target: p.P002, input: { kind: 'award', points: 5, reason: '补记：客户表扬' }, at: sh('2026-12-02 10:00:00'), workDate: '2026-11-30' });
    const stale = await payrollRows(ctx(), '2026-11', { now: sh('2026-12-02 11:00:00'), actor: 'cli' });
    expect(stale.rows.find((r) => r.employee_no === 'P002')).toMatchObject({ score: 80, total: '800.00' });
    expect((await pendingChanges(ctx(), '2026-11')).map((c) => [c.employee.no, c.fields])).toEqual([['P002', ['score']]]);
    await closeMonth(ctx(), '2026-11', { now: sh('2026-12-02 12:00:00'), force: true });
    const fresh = await payrollRows(ctx(), '2026-11', { now: sh('2026-12-02 13:00:00'), actor: 'cli' });
    expect(fresh.rows).toHaveLength(8);
    expect(fresh.rows.find((r) => r.employee_no === 'P002')).toMatchObject({ score: 85, score_bonus: '0.00', fines: '200.00', total: '800.00' });
    // The same figures as the first close for everyone else.
    expect(fresh.rows.filter((r) => r.employee_no !== 'P002').map((r) => PAYROLL_COLUMNS.map((c) => String(r[c])))).toEqual(EXPECTED_ROWS.filter((r) => r[0] !== 'P002'));
  });

  test('xlsx read back with exceljs: Chinese column names, the same values (amounts as numbers with two decimals), a 标记 column, a bold totals row summed exactly', async () => {
    const { rows } = await payrollRows(ctx(), '2026-11', { now: sh('2026-12-03 09:00:00'), actor: 'cli' });
    const file = path.join(dir, 'payroll.xlsx');
    writeFileSync(file, await payrollXlsx(rows, '2026-11'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('工资 2026-11');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['工号', '姓名', '团队', '月份', '底薪', '有效通话', '通话提成', 'A类客户', 'B类客户', '客户奖金', '回款', '回款提成', '积分', '积分奖惩', '罚款', '应发合计', '标记']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(1 + rows.length + 1);
    const money = new Set(['base', 'call_pay', 'lead_bonus', 'collected', 'commission', 'score_bonus', 'fines', 'total']);
    rows.forEach((r, i) => {
      // A blank cell (no team, no flag) reads back as a hole in exceljs' values: it stands for ''.
      const got = Array.from({ length: PAYROLL_COLUMNS.length + 1 }, (_, j) => values(i + 2)[j] ?? '');
      const want = [...PAYROLL_COLUMNS.map((c) => (money.has(c) ? fen(String(r[c])) / 100 : r[c])), ''];
      expect(got).toEqual(want);
    });
    const smith = ws.getRow(2);
    expect(smith.getCell(PAYROLL_COLUMNS.indexOf('name') + 1).value).toBe('Smith, John');
    expect(smith.getCell(PAYROLL_COLUMNS.indexOf('total') + 1).value).toBe(1390.39);
    expect(smith.getCell(PAYROLL_COLUMNS.indexOf('total') + 1).numFmt).toBe('0.00');
    expect(ws.getRow(4).getCell(PAYROLL_COLUMNS.indexOf('score_bonus') + 1).value).toBe(-200);
    // The totals, worked by hand from the rows above: 1390.39 + 800 + 500 + 1500 + 505.75 + 321.84 + 1000 + 1000.
    const totals = ws.getRow(rows.length + 2);
    expect(totals.font?.bold).toBe(true);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(PAYROLL_COLUMNS.indexOf('total') + 1).value).toBe(7017.98);
    expect(totals.getCell(PAYROLL_COLUMNS.indexOf('fines') + 1).value).toBe(500);
    expect(totals.getCell(PAYROLL_COLUMNS.indexOf('score_bonus') + 1).value).toBe(0);
    expect(totals.getCell(PAYROLL_COLUMNS.indexOf('valid_calls') + 1).value).toBe(3);
    expect(totals.getCell(PAYROLL_COLUMNS.indexOf('score') + 1).value).toBeNull();
    // Columns are sized for their Chinese names and contents: no name is cut.
    // (a Chinese character shows two columns wide; money fits 8 digits, names 8 characters).
    expect(PAYROLL_XLSX_COLUMNS.map((_c, j) => ws.getColumn(j + 1).width)).toEqual([10, 18, 18, 10, 14, 10, 14, 10, 10, 14, 14, 14, 10, 14, 14, 14, 26]);
    expect(PAYROLL_LABELS.total).toBe('应发合计');
  });

  test('a negative total is flagged in the 标记 column and counted on the totals row (the close summary flag)', async () => {
    const { rows } = await payrollRows(ctx(), '2026-11', { now: sh('2026-12-03 09:00:00'), actor: 'cli' });
    const negative = rows.map((r) => (r.employee_no === 'P003' ? { ...r, fines: '1800.00', total: '-1000.00' } : r));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await payrollXlsx(negative, '2026-11')) as never);
    const ws = wb.worksheets[0];
    const flagColumn = PAYROLL_COLUMNS.length + 1;
    expect(ws.getRow(4).getCell(1).value).toBe('P003');
    expect(ws.getRow(4).getCell(flagColumn).value).toBe('合计为负');
    expect(ws.getRow(2).getCell(flagColumn).value).toBeNull();
    expect(ws.getRow(rows.length + 2).getCell(flagColumn).value).toBe('合计为负 1 人');
    expect(ws.getRow(rows.length + 2).getCell(PAYROLL_COLUMNS.indexOf('total') + 1).value).toBe(5517.98);
  });

  test('the CLI streams the xlsx a page at a time; read back, its cells, number formats, bold header, widths and sheet equal the workbook built in memory', async () => {
    const now = sh('2026-12-03 10:00:00');
    const { rows } = await payrollRows(ctx(), '2026-11', { now, actor: 'test' });
    const pages: PayrollRow[][] = [];
    await exportPayroll(ctx(), '2026-11', { now, actor: 'test', pageSize: 3 }, async (page) => {
      pages.push(page);
    });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(rows);

    // The reference: the whole workbook in memory, laid out as the export describes it
    // (Chinese names, widths, 标记, a bold totals row summed here from the rows).
    const money = new Set(['base', 'call_pay', 'lead_bonus', 'collected', 'commission', 'score_bonus', 'fines', 'total']);
    const built = new ExcelJS.Workbook();
    const sheet = built.addWorksheet('工资 2026-11');
    sheet.columns = PAYROLL_XLSX_COLUMNS.map((c) => ({ ...c, style: money.has(c.key) ? { numFmt: '0.00' } : {} }));
    for (const r of rows) sheet.addRow(Object.fromEntries(PAYROLL_COLUMNS.map((c) => [c, money.has(c) ? Number(r[c]) : r[c]])));
    const sum = (c: (typeof PAYROLL_COLUMNS)[number]) => rows.reduce((t, r) => t + (money.has(c) ? fen(String(r[c])) : Number(r[c])), 0);
    const totals = sheet.addRow(
      Object.fromEntries(PAYROLL_COLUMNS.map((c, i) => [c, i === 0 ? '合计' : money.has(c) ? sum(c) / 100 : ['valid_calls', 'a_leads', 'b_leads'].includes(c) ? sum(c) : null])),
    );
    totals.font = { bold: true };
    sheet.getRow(1).font = { bold: true };
    const referenceFile = path.join(dir, 'reference.xlsx');
    await built.xlsx.writeFile(referenceFile);

    const streamedFile = path.join(dir, 'streamed.xlsx');
    const messages: string[] = [];
    const code = await runPayrollExport(ctx(), { month: '2026-11', format: 'xlsx', out: streamedFile, now }, { write: () => undefined, err: (t) => messages.push(t) });
    expect([code, messages]).toEqual([0, [`${streamedFile}: 8 rows`]]);
    expect(statSync(streamedFile).mode & 0o777).toBe(0o600);

    const read = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return wb;
    };
    const [want, got] = [await read(referenceFile), await read(streamedFile)];
    expect(got.worksheets.map((w) => w.name)).toEqual(want.worksheets.map((w) => w.name));
    const [a, b] = [want.worksheets[0], got.worksheets[0]];
    expect(b.rowCount).toBe(a.rowCount);
    expect(b.rowCount).toBe(1 + rows.length + 1);
    const cells = (ws: ExcelJS.Worksheet) =>
      Array.from({ length: ws.rowCount }, (_, i) =>
        PAYROLL_XLSX_COLUMNS.map((_c, j) => {
          const cell = ws.getRow(i + 1).getCell(j + 1);
          // An empty text and a blank cell show alike in a spreadsheet: the streamed file writes no team as a blank cell.
          return [cell.value === '' ? null : cell.value, cell.numFmt ?? null, cell.font?.bold ?? false];
        }),
      );
    expect(cells(b)).toEqual(cells(a));
    expect(PAYROLL_XLSX_COLUMNS.map((_c, j) => b.getColumn(j + 1).width)).toEqual(PAYROLL_XLSX_COLUMNS.map((_c, j) => a.getColumn(j + 1).width));
    // The cells are the payroll's: a name with a comma, an empty team, a negative amount.
    expect(b.getRow(2).getCell(2).value).toBe('Smith, John');
    expect(b.getRow(rows.length + 1).getCell(3).value).toBeNull();
    expect(b.getRow(rows.length + 2).getCell(PAYROLL_COLUMNS.indexOf('total') + 1).value).toBe(7017.98);
    expect(b.getRow(4).getCell(PAYROLL_COLUMNS.indexOf('score_bonus') + 1).value).toBe(-200);

    // A refused export (a month not closed) leaves no file, and no half of one.
    const refusedFile = path.join(dir, 'refused.xlsx');
    const refused = await runPayrollExport(ctx(), { month: '2026-10', format: 'xlsx', out: refusedFile, now }, { write: () => undefined, err: (t) => messages.push(t) });
    expect([refused, messages[messages.length - 1]]).toEqual([1, expect.stringMatching(/^bot: 2026-10 is not closed, so it has no payroll yet: close it first .*--draft/)]);
    expect(readdirSync(dir).sort()).toEqual(['payroll.xlsx', 'reference.xlsx', 'streamed.xlsx']);
  });

  test('every export is an audit row (H-20): who, which month, how many rows, draft or not', async () => {
    const before = await db().getRepository(AuditEntry).countBy({ action: 'payroll.export', subjectId: '2026-11' });
    await payrollRows(ctx(), '2026-11', { now: sh('2026-12-04 09:00:00'), actor: 'cli' });
    await payrollRows(ctx(), '2026-11', { now: sh('2026-12-04 09:01:00'), actor: 'cli', draft: true });
    const rows = await db().getRepository(AuditEntry).find({ where: { action: 'payroll.export', subjectId: '2026-11' }, order: { id: 'ASC' } });
    expect(rows).toHaveLength(before + 2);
    // --draft on a closed month still exports the stored pay slips, and the log says so.
    expect(rows.slice(-2).map((r) => [r.actor, r.details, r.at])).toEqual([
      ['cli', { rows: 8, draft: false }, sh('2026-12-04 09:00:00')],
      ['cli', { rows: 8, draft: false }, sh('2026-12-04 09:01:00')],
    ]);
  });
});
