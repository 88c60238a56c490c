import type { Employee, Payslip } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { allEmployees, employee as employeeById, employeeRoster } from '../../db/stores/org-store';
import { hasPayslips, insertPayslip, payslipsOfMonth } from '../../db/stores/payroll-store';
import { savepoint, type Tx } from '../../db/stores/tx';
import { inTransaction } from '../../db/transaction';
import { forEachEmployee, type EmployeeFailure } from '../employee-batch';
import { UserError } from '../../core/errors';
import { monthRange, zonedInstant } from '../../domain/dates';
import { computePayslip, type PayslipFigures } from '../../domain/payslip';
import type { ServiceContext } from '../service-context';
import { gatherPayFacts } from './pay-facts';
import { changedFields, payslipItems } from './payslip-items';

/** One employee's computed pay slip for a month. */
export interface PayslipDraft {
  employee: Employee;
  figures: PayslipFigures;
}

/** How a re-close changed one employee's pay slip. */
export interface PayslipChange {
  employee: Employee;
  before: PayslipFigures;
  after: PayslipFigures;
  fields: string[];
}

/** What closing a month did. */
export interface CloseMonthResult {
  month: string;
  /** The month was closed before and this run did nothing (no --force). */
  alreadyClosed: boolean;
  created: number;
  /** The employees whose pay slip this run wrote (everyone employed on a first close; the changed ones on a re-close). */
  written: Employee[];
  changes: PayslipChange[];
  /** Employees whose slip could not be computed or stored: recorded, and the others closed. */
  failures: EmployeeFailure[];
}

/** Computes every pay slip of `month` from the facts now in the database (nothing stored). */
export async function draftPayslips(tx: Tx, ctx: ServiceContext, month: string): Promise<PayslipDraft[]> {
  const employees = await allEmployees(tx);
  const drafts: PayslipDraft[] = [];
  for (const employee of employees) {
    const facts = await gatherPayFacts(tx, ctx, employee, month);
    if (facts) drafts.push({ employee, figures: computePayslip(facts, ctx.policy) });
  }
  return drafts;
}

/** The latest stored revision of each employee's pay slip for `month`, by employee id. */
export async function latestPayslips(tx: Tx, month: string): Promise<Map<number, Payslip>> {
  const all = await payslipsOfMonth(tx, month);
  return new Map(all.map((p) => [p.employeeId, p]));
}

/** True once `month` has been closed. */
export function isMonthClosed(tx: Tx, month: string): Promise<boolean> {
  return hasPayslips(tx, month);
}

/** What a re-close would change: facts that arrived after the month was closed. */
export async function pendingChanges(ctx: ServiceContext, month: string): Promise<PayslipChange[]> {
  return inTransaction(ctx.ds, async (tx) => diff(await draftPayslips(tx, ctx, month), await latestPayslips(tx, month)));
}

function diff(drafts: PayslipDraft[], stored: Map<number, Payslip>): PayslipChange[] {
  const changes: PayslipChange[] = [];
  for (const d of drafts) {
    const before = stored.get(d.employee.id);
    const fields = before ? changedFields(before, d.figures) : ['new'];
    if (fields.length) changes.push({ employee: d.employee, before: before ?? d.figures, after: d.figures, fields });
  }
  return changes;
}

/**
 * Closes a month (H-8, H-10): one pay slip per employee employed in it, in fen, stored. A
 * closed month changes only with `force` (an admin's re-close), which writes the next revision
 * of each pay slip that changed and says what changed; without it nothing is written. Each
 * employee is computed and stored under a savepoint: one whose slip fails (a value that cannot
 * be stored, a corrupt row) is recorded in `failures` and the audit log, and the others close.
 */
export async function closeMonth(
  ctx: ServiceContext,
  month: string,
  opts: { now: Date; force?: boolean; actor?: string },
): Promise<CloseMonthResult> {
  const { last } = monthRange(month);
  if (opts.now < zonedInstant(last, 24 * 60, ctx.policy.timezone)) {
    throw new UserError(`${month} 还没有结束，不能结算。`, undefined, 'payroll.month-open');
  }
  return inTransaction(ctx.ds, async (tx) => {
    const stored = await latestPayslips(tx, month);
    if (stored.size > 0 && !opts.force) return { month, alreadyClosed: true, created: 0, written: [], changes: [], failures: [] };
    const reclose = stored.size > 0;
    const written: Employee[] = [];
    const changes: PayslipChange[] = [];
    const { failures } = await forEachEmployee(ctx, 'close-month', await employeeRoster(tx), (ref) =>
      // A savepoint: a failed insert leaves nothing of this employee, and the transaction goes on.
      savepoint(tx, async (sp) => {
        const employee = await employeeById(sp, ref.id);
        const facts = await gatherPayFacts(sp, ctx, employee, month);
        if (!facts) return;
        const figures = computePayslip(facts, ctx.policy);
        const before = stored.get(employee.id);
        const fields = before ? changedFields(before, figures) : ['new'];
        if (reclose && !fields.length) return;
        await insertPayslip(sp, {
          employeeId: employee.id, month, revision: (before?.revision ?? 0) + 1, ...figures, items: payslipItems(figures, ctx.policy), createdAt: opts.now,
        });
        written.push(employee);
        if (reclose) changes.push({ employee, before: before ?? figures, after: figures, fields });
      }),
    );
    for (const f of failures) {
      await appendAudit(tx, {
        actorId: null, actor: opts.actor ?? 'system', action: 'payroll.close-failed', subjectType: 'employee', subjectId: String(f.employeeId),
        details: { month, no: f.no, reason: f.reason }, at: opts.now,
      });
    }
    await appendAudit(tx, {
      actorId: null, actor: opts.actor ?? 'system', action: reclose ? 'payroll.reclose' : 'payroll.close', subjectType: 'month', subjectId: month,
      details: { written: written.length, changed: changes.map((c) => ({ no: c.employee.no, fields: c.fields })), failed: failures.map((f) => f.no) }, at: opts.now,
    });
    return { month, alreadyClosed: false, created: written.length, written, changes, failures };
  });
}
