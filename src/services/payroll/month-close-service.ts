import type { EntityManager } from 'typeorm';
import { AuditEntry, Employee, Payslip } from '../../db/entities';
import { inTransaction } from '../../db/transaction';
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
  changes: PayslipChange[];
}

/** Computes every pay slip of `month` from the facts now in the database (nothing stored). */
export async function draftPayslips(em: EntityManager, ctx: ServiceContext, month: string): Promise<PayslipDraft[]> {
  const employees = await em.find(Employee, { order: { no: 'ASC' } });
  const drafts: PayslipDraft[] = [];
  for (const employee of employees) {
    const facts = await gatherPayFacts(em, ctx, employee, month);
    if (facts) drafts.push({ employee, figures: computePayslip(facts, ctx.policy) });
  }
  return drafts;
}

/** The latest stored revision of each employee's pay slip for `month`, by employee id. */
export async function latestPayslips(em: EntityManager, month: string): Promise<Map<number, Payslip>> {
  const all = await em.find(Payslip, { where: { month }, order: { revision: 'ASC' } });
  return new Map(all.map((p) => [p.employeeId, p]));
}

/** True once `month` has been closed. */
export async function isMonthClosed(em: EntityManager, month: string): Promise<boolean> {
  return (await em.countBy(Payslip, { month })) > 0;
}

/** What a re-close would change: facts that arrived after the month was closed. */
export async function pendingChanges(ctx: ServiceContext, month: string): Promise<PayslipChange[]> {
  return inTransaction(ctx.ds, async (em) => diff(await draftPayslips(em, ctx, month), await latestPayslips(em, month)));
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
 * of each pay slip that changed and says what changed; without it nothing is written.
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
  return inTransaction(ctx.ds, async (em) => {
    const stored = await latestPayslips(em, month);
    if (stored.size > 0 && !opts.force) return { month, alreadyClosed: true, created: 0, changes: [] };
    const drafts = await draftPayslips(em, ctx, month);
    const changes = stored.size > 0 ? diff(drafts, stored) : [];
    const toWrite = stored.size > 0 ? changes.map((c) => drafts.find((d) => d.employee.id === c.employee.id) as PayslipDraft) : drafts;
    for (const d of toWrite) {
      await em.insert(Payslip, {
        employeeId: d.employee.id,
        month,
        revision: (stored.get(d.employee.id)?.revision ?? 0) + 1,
        ...d.figures,
        items: payslipItems(d.figures, ctx.policy),
        createdAt: opts.now,
      });
    }
    await em.insert(AuditEntry, {
      actorId: null, actor: opts.actor ?? 'system', action: stored.size > 0 ? 'payroll.reclose' : 'payroll.close', subjectType: 'month', subjectId: month,
      details: { written: toWrite.length, changed: changes.map((c) => ({ no: c.employee.no, fields: c.fields })) }, at: opts.now,
    });
    return { month, alreadyClosed: false, created: toWrite.length, changes };
  });
}
