import { PAYROLL_COLUMNS, type PayrollRow } from './payroll-export';

const MONEY = new Set(['base', 'call_pay', 'lead_bonus', 'collected', 'commission', 'score_bonus', 'fines', 'total']);

/** The payroll as an .xlsx workbook: the same columns as the CSV, amounts as numbers with two decimals. */
export async function payrollXlsx(rows: PayrollRow[], month: string): Promise<Buffer> {
  // Loaded on first use: exceljs and its zip stack cost every replica ~20 MB of RSS otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`工资 ${month}`);
  ws.columns = PAYROLL_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'name' || c === 'team' ? 12 : 11, style: MONEY.has(c) ? { numFmt: '0.00' } : {} }));
  for (const r of rows) {
    ws.addRow(Object.fromEntries(PAYROLL_COLUMNS.map((c) => [c, MONEY.has(c) ? Number(r[c]) : r[c]])));
  }
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
