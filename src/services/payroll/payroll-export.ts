import type { Employee } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { teamsByIds } from '../../db/stores/org-store';
import { payslipPage } from '../../db/stores/payroll-export-store';
import type { Tx } from '../../db/stores/tx';
import { inTransaction } from '../../db/transaction';
import { UserError } from '../../core/errors';
import { formatYuan } from '../../domain/money';
import type { PayslipFigures } from '../../domain/payslip';
import type { ServiceContext } from '../service-context';
import { draftPayslips, isMonthClosed } from './month-close-service';

/** The payroll columns of docs/architecture.md, in order. */
export const PAYROLL_COLUMNS = [
  'employee_no', 'name', 'team', 'month', 'base', 'valid_calls', 'call_pay', 'a_leads', 'b_leads', 'lead_bonus',
  'collected', 'commission', 'score', 'score_bonus', 'fines', 'total',
] as const;

/** One row of the payroll file: amounts in yuan with two decimals, counts as integers. */
export type PayrollRow = Record<(typeof PAYROLL_COLUMNS)[number], string | number>;

/** Where exported rows go, a page at a time, in order (a file being written, or an array). */
export type PayrollSink = (rows: PayrollRow[]) => Promise<void>;

/** Rows per page: the export holds one page of rows (and the writer's buffers) at a time. */
export const PAYROLL_PAGE = 1000;

function row(no: string, name: string, team: string, month: string, f: PayslipFigures): PayrollRow {
  return {
    employee_no: no, name, team, month,
    base: formatYuan(f.baseFen), valid_calls: f.validCalls, call_pay: formatYuan(f.callPayFen), a_leads: f.aLeads, b_leads: f.bLeads,
    lead_bonus: formatYuan(f.leadBonusFen), collected: formatYuan(f.collectedFen), commission: formatYuan(f.commissionFen), score: f.score,
    score_bonus: formatYuan(f.scoreBonusFen), fines: formatYuan(f.finesFen), total: formatYuan(f.totalFen),
  };
}

/** The stored slips (latest revision), a page at a time by employee number. */
async function storedRows(tx: Tx, month: string, sink: PayrollSink, pageSize: number): Promise<number> {
  let count = 0;
  for (let after = ''; ; ) {
    const page = await payslipPage(tx, month, after, pageSize);
    if (!page.length) return count;
    await sink(page.map((s) => row(s.no, s.name, s.team ?? '', month, s.figures)));
    count += page.length;
    after = page[page.length - 1].no;
  }
}

/** The drafts, computed now (nothing stored), by employee number. */
async function draftRows(tx: Tx, ctx: ServiceContext, month: string, sink: PayrollSink, pageSize: number, only?: (e: Employee) => boolean): Promise<number> {
  const drafts = await draftPayslips(tx, ctx, month, only);
  const teams = new Map((await teamsByIds(tx, [...new Set(drafts.map((d) => d.employee.teamId ?? 0))])).map((t) => [t.id, t.name]));
  for (let from = 0; from < drafts.length; from += pageSize) {
    await sink(drafts.slice(from, from + pageSize).map((d) => row(d.employee.no, d.employee.name, teams.get(d.employee.teamId ?? 0) ?? '', month, d.figures)));
  }
  return drafts.length;
}

/**
 * The payroll rows of `month` into `sink`, read in `tx`: the stored slips (latest published
 * revision) when `draft` is false, else the drafts computed now. The one source of the payroll
 * file and of the console's month table (no audit row: the caller decides whether it exports).
 * `only` limits the drafts to the employees it keeps (the stored slips are cheap to read whole;
 * the caller picks its rows from them).
 */
export function payrollRowsIn(tx: Tx, ctx: ServiceContext, month: string, draft: boolean, sink: PayrollSink, opts: { pageSize?: number; only?: (e: Employee) => boolean } = {}): Promise<number> {
  const pageSize = opts.pageSize ?? PAYROLL_PAGE;
  return draft ? draftRows(tx, ctx, month, sink, pageSize, opts.only) : storedRows(tx, month, sink, pageSize);
}

/**
 * Exports the payroll of `month` into `sink`, one row per employee employed in it, ordered by
 * employee number, a page (`pageSize`, default {@link PAYROLL_PAGE}) at a time: the stored pay slips (latest revision) of a closed month;
 * a month not yet closed is refused unless `draft`, which computes without storing. Read in one
 * transaction, so the pages are one consistent snapshot. Every export is logged (H-20).
 */
export async function exportPayroll(
  ctx: ServiceContext,
  month: string,
  opts: { draft?: boolean; now: Date; actor: string; actorId?: number; pageSize?: number },
  sink: PayrollSink,
): Promise<{ rows: number; draft: boolean }> {
  const pageSize = opts.pageSize ?? PAYROLL_PAGE;
  return inTransaction(ctx.ds, async (tx) => {
    // A close a crash interrupted has stored some slips only: the month is not closed yet.
    const draft = !(await isMonthClosed(tx, month));
    if (draft && !opts.draft) {
      throw new UserError(`${month} 尚未结算，没有工资表。结算后再导出，或加 --draft 导出草稿（未结算的数字可能还会变）。`, undefined, 'payroll.not-closed');
    }
    const rows = await payrollRowsIn(tx, ctx, month, draft, sink, { pageSize });
    await appendAudit(tx, { actorId: opts.actorId ?? null, actor: opts.actor, action: 'payroll.export', subjectType: 'month', subjectId: month, details: { rows, draft }, at: opts.now });
    return { rows, draft };
  });
}

/** {@link exportPayroll} into an array: the whole payroll in memory (small months, tests). */
export async function payrollRows(ctx: ServiceContext, month: string, opts: { draft?: boolean; now: Date; actor: string; actorId?: number }): Promise<{ rows: PayrollRow[]; draft: boolean }> {
  const rows: PayrollRow[] = [];
  const { draft } = await exportPayroll(ctx, month, opts, async (page) => {
    rows.push(...page);
  });
  return { rows, draft };
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The start of the CSV: a UTF-8 BOM (so Excel shows the Chinese names) and the header line. */
export function payrollCsvHeader(): string {
  return `\uFEFF${PAYROLL_COLUMNS.join(',')}\r\n`;
}

/** RFC 4180 lines of `rows`, each ended by CRLF: what follows the header, a page at a time. */
export function payrollCsvLines(rows: PayrollRow[]): string {
  return rows.map((r) => `${PAYROLL_COLUMNS.map((c) => csvField(r[c])).join(',')}\r\n`).join('');
}

/** RFC 4180 CSV with a header row and a UTF-8 BOM. */
export function payrollCsv(rows: PayrollRow[]): string {
  return payrollCsvHeader() + payrollCsvLines(rows);
}
