import type { Employee } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { employeesByIds, teamsByIds } from '../../db/stores/org-store';
import { inTransaction } from '../../db/transaction';
import { UserError } from '../../core/errors';
import { formatYuan } from '../../domain/money';
import type { PayslipFigures } from '../../domain/payslip';
import type { ServiceContext } from '../service-context';
import { draftPayslips, isMonthClosed, latestPayslips } from './month-close-service';

/** The payroll columns of docs/architecture.md, in order. */
export const PAYROLL_COLUMNS = [
  'employee_no', 'name', 'team', 'month', 'base', 'valid_calls', 'call_pay', 'a_leads', 'b_leads', 'lead_bonus',
  'collected', 'commission', 'score', 'score_bonus', 'fines', 'total',
] as const;

/** One row of the payroll file: amounts in yuan with two decimals, counts as integers. */
export type PayrollRow = Record<(typeof PAYROLL_COLUMNS)[number], string | number>;

function row(no: string, name: string, team: string, month: string, f: PayslipFigures): PayrollRow {
  return {
    employee_no: no, name, team, month,
    base: formatYuan(f.baseFen), valid_calls: f.validCalls, call_pay: formatYuan(f.callPayFen), a_leads: f.aLeads, b_leads: f.bLeads,
    lead_bonus: formatYuan(f.leadBonusFen), collected: formatYuan(f.collectedFen), commission: formatYuan(f.commissionFen), score: f.score,
    score_bonus: formatYuan(f.scoreBonusFen), fines: formatYuan(f.finesFen), total: formatYuan(f.totalFen),
  };
}

/**
 * The payroll of `month`, one row per employee employed in it, ordered by employee number:
 * the stored pay slips (latest revision) of a closed month; a month not yet closed is refused
 * unless `draft`, which computes without storing. Every export is logged (H-20).
 */
export async function payrollRows(ctx: ServiceContext, month: string, opts: { draft?: boolean; now: Date; actor: string }): Promise<{ rows: PayrollRow[]; draft: boolean }> {
  return inTransaction(ctx.ds, async (tx) => {
    const stored = await latestPayslips(tx, month);
    // A close a crash interrupted has stored some slips only: the month is not closed yet.
    const draft = !(await isMonthClosed(tx, month));
    if (draft && !opts.draft) {
      throw new UserError(`${month} 尚未结算，没有工资表。结算后再导出，或加 --draft 导出草稿（未结算的数字可能还会变）。`, undefined, 'payroll.not-closed');
    }
    const sheets: Array<{ employee: Employee; figures: PayslipFigures }> = draft
      ? await draftPayslips(tx, ctx, month)
      : (await employeesByIds(tx, [...stored.keys()])).map((employee) => ({
          employee,
          figures: stored.get(employee.id) as PayslipFigures,
        }));
    const teams = new Map((await teamsByIds(tx, [...new Set(sheets.map((d) => d.employee.teamId ?? 0))])).map((t) => [t.id, t.name]));
    const rows = sheets.map((d) => row(d.employee.no, d.employee.name, teams.get(d.employee.teamId ?? 0) ?? '', month, d.figures));
    await appendAudit(tx, { actorId: null, actor: opts.actor, action: 'payroll.export', subjectType: 'month', subjectId: month, details: { rows: rows.length, draft }, at: opts.now });
    return { rows, draft };
  });
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row and a UTF-8 BOM (so Excel shows the Chinese names). */
export function payrollCsv(rows: PayrollRow[]): string {
  const lines = [PAYROLL_COLUMNS.join(','), ...rows.map((r) => PAYROLL_COLUMNS.map((c) => csvField(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
