import { PassThrough, type Writable } from 'node:stream';
import { PAYROLL_COLUMNS, type PayrollRow, type PayrollSink } from './payroll-export';
import { payrollFlags, type PayrollFlagRule } from './payroll-flags';

type Column = (typeof PAYROLL_COLUMNS)[number];

/** The xlsx's Chinese column names, one per CSV column (the CSV keeps its contract's names). */
export const PAYROLL_LABELS: Record<Column, string> = {
  employee_no: '工号', name: '姓名', team: '团队', month: '月份', base: '底薪', valid_calls: '有效通话', call_pay: '通话提成',
  a_leads: 'A类客户', b_leads: 'B类客户', lead_bonus: '客户奖金', collected: '回款', commission: '回款提成', score: '积分',
  score_bonus: '积分奖惩', fines: '罚款', total: '应发合计',
};
/** The last column: what the close summary flags on the row (合计为负 …). */
export const FLAGS_LABEL = '标记';
/** The totals row's first cell. */
export const TOTALS_LABEL = '合计';

const MONEY = new Set<Column>(['base', 'call_pay', 'lead_bonus', 'collected', 'commission', 'score_bonus', 'fines', 'total']);
/** Summed in the totals row besides the money: the counts (the score is not summed). */
const COUNTS = new Set<Column>(['valid_calls', 'a_leads', 'b_leads']);

/**
 * Characters of content a column is sized for, beyond its label: names and teams of up to 8
 * Chinese characters, counts of up to 8 digits. (A width of exactly 9, exceljs' default, is not
 * written at all: every column here is at least 10.)
 */
const CONTENT_WIDTH: Record<Exclude<Column, 'base' | 'call_pay' | 'lead_bonus' | 'collected' | 'commission' | 'score_bonus' | 'fines' | 'total'> | 'flags', number> = {
  employee_no: 8, name: 16, team: 16, month: 8, valid_calls: 8, a_leads: 8, b_leads: 8, score: 8, flags: 24,
};
/** Money up to 8 digits with two decimals and a sign. */
const MONEY_WIDTH = 12;

/** How wide a text shows: a Chinese character takes two columns of a spreadsheet. */
const displayWidth = (text: string): number => [...text].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

/** A column's width: its label or its content, whichever is wider, plus a margin. */
function widthOf(key: Column | 'flags'): number {
  const label = key === 'flags' ? FLAGS_LABEL : PAYROLL_LABELS[key];
  const content = key in CONTENT_WIDTH ? CONTENT_WIDTH[key as keyof typeof CONTENT_WIDTH] : MONEY_WIDTH;
  return Math.max(displayWidth(label), content) + 2;
}

/** The xlsx's columns in order: key, Chinese header and width. */
export const PAYROLL_XLSX_COLUMNS = [...PAYROLL_COLUMNS, 'flags' as const].map((key) => ({
  key, header: key === 'flags' ? FLAGS_LABEL : PAYROLL_LABELS[key], width: widthOf(key),
}));

/** An .xlsx being written: rows go in a page at a time, `end` writes the totals row and finishes the file. */
export interface PayrollXlsxWriter {
  write: PayrollSink;
  end(): Promise<void>;
  /** What has been written so far: rows, and rows flagged per flag. */
  summary(): PayrollXlsxSummary;
}

/** What a written payroll holds: its rows and how many carry each flag. */
export interface PayrollXlsxSummary {
  rows: number;
  flagged: Record<string, number>;
}

/** Options of {@link openPayrollXlsx}. */
export interface PayrollXlsxOptions {
  /** The rules that flag a row; {@link payrollFlags} (the close summary's) by default. */
  flags?: readonly PayrollFlagRule[];
}

/**
 * Starts the payroll as an .xlsx workbook on `out`: the CSV's columns under Chinese names, each
 * sized to its name and content, amounts as numbers with two decimals, a bold frozen header, a
 * 标记 column with the flags of the close summary, and a bold totals row at the end (amounts
 * and counts summed in fen, exactly). exceljs' streaming writer: each row is written out when
 * added, so memory stays flat however many employees there are (a workbook built in memory took
 * 366 MB of RSS for 10,000 rows). Strings are written inline, not through a shared-strings
 * table, which would hold every distinct name and number until the end (20 MB at 10,000 rows);
 * an empty text (no team, no flag) is a blank cell.
 */
export async function openPayrollXlsx(out: Writable, month: string, opts: PayrollXlsxOptions = {}): Promise<PayrollXlsxWriter> {
  // Loaded on first use: exceljs and its zip stack cost every replica ~20 MB of RSS otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const rules = opts.flags ?? payrollFlags();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(`工资 ${month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PAYROLL_XLSX_COLUMNS.map((c) => ({ ...c, style: c.key !== 'flags' && MONEY.has(c.key) ? { numFmt: '0.00' } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const sums = new Map<Column, number>();
  const summary: PayrollXlsxSummary = { rows: 0, flagged: {} };
  return {
    async write(rows: PayrollRow[]) {
      for (const r of rows) {
        const flags = rules.flatMap((rule) => rule.flag(r) ?? []);
        for (const f of flags) summary.flagged[f] = (summary.flagged[f] ?? 0) + 1;
        summary.rows += 1;
        for (const c of PAYROLL_COLUMNS) {
          if (MONEY.has(c)) sums.set(c, (sums.get(c) ?? 0) + Math.round(Number(r[c]) * 100));
          else if (COUNTS.has(c)) sums.set(c, (sums.get(c) ?? 0) + Number(r[c]));
        }
        const cells = PAYROLL_COLUMNS.map((c) => (MONEY.has(c) ? Number(r[c]) : r[c] === '' ? null : r[c]));
        ws.addRow([...cells, flags.length ? flags.join('、') : null]).commit();
      }
      // Let the zip stream drain what this page produced before the next page is read.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async end() {
      const totals = PAYROLL_COLUMNS.map((c, i) => (i === 0 ? TOTALS_LABEL : MONEY.has(c) ? (sums.get(c) ?? 0) / 100 : COUNTS.has(c) ? (sums.get(c) ?? 0) : null));
      const flagged = Object.entries(summary.flagged).map(([f, n]) => `${f} ${n} 人`);
      const row = ws.addRow([...totals, flagged.length ? flagged.join('、') : null]);
      row.font = { bold: true };
      row.commit();
      await wb.commit();
    },
    summary: () => ({ rows: summary.rows, flagged: { ...summary.flagged } }),
  };
}

/** The payroll as an .xlsx file in memory (a chat export, tests): the streaming writer into a buffer. */
export async function payrollXlsx(rows: PayrollRow[], month: string, opts: PayrollXlsxOptions = {}): Promise<Buffer> {
  return (await payrollXlsxWithSummary(rows, month, opts)).content;
}

/** {@link payrollXlsx} with the summary of what it holds. */
export async function payrollXlsxWithSummary(rows: PayrollRow[], month: string, opts: PayrollXlsxOptions = {}): Promise<{ content: Buffer; summary: PayrollXlsxSummary }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const xlsx = await openPayrollXlsx(out, month, opts);
  await xlsx.write(rows);
  await xlsx.end();
  await done;
  return { content: Buffer.concat(chunks), summary: xlsx.summary() };
}
