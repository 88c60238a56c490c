import { PassThrough, type Writable } from 'node:stream';
import { PAYROLL_COLUMNS, type PayrollRow, type PayrollSink } from './payroll-export';

const MONEY = new Set(['base', 'call_pay', 'lead_bonus', 'collected', 'commission', 'score_bonus', 'fines', 'total']);

/** An .xlsx being written: rows go in a page at a time, `end` finishes the file. */
export interface PayrollXlsxWriter {
  write: PayrollSink;
  end(): Promise<void>;
}

/**
 * Starts the payroll as an .xlsx workbook on `out`: the same columns as the CSV, amounts as
 * numbers with two decimals, a bold header. exceljs' streaming writer: each row is written out
 * when added, so memory stays flat however many employees there are (a workbook built in
 * memory took 366 MB of RSS for 10,000 rows). Strings are written inline, not through a
 * shared-strings table, which would hold every distinct name and number until the end (20 MB
 * at 10,000 rows); an empty text (no team) is a blank cell.
 */
export async function openPayrollXlsx(out: Writable, month: string): Promise<PayrollXlsxWriter> {
  // Loaded on first use: exceljs and its zip stack cost every replica ~20 MB of RSS otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(`工资 ${month}`);
  ws.columns = PAYROLL_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'name' || c === 'team' ? 12 : 11, style: MONEY.has(c) ? { numFmt: '0.00' } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    async write(rows: PayrollRow[]) {
      for (const r of rows) ws.addRow(PAYROLL_COLUMNS.map((c) => (MONEY.has(c) ? Number(r[c]) : r[c] === '' ? null : r[c]))).commit();
      // Let the zip stream drain what this page produced before the next page is read.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async end() {
      await wb.commit();
    },
  };
}

/** The payroll as an .xlsx file in memory (small months, tests): the streaming writer into a buffer. */
export async function payrollXlsx(rows: PayrollRow[], month: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const xlsx = await openPayrollXlsx(out, month);
  await xlsx.write(rows);
  await xlsx.end();
  await done;
  return Buffer.concat(chunks);
}
