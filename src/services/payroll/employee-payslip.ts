import type { Payslip } from '../../db/entities';
import type { PayslipItem } from '../../db/entities/payslip.entity';
import { openMonthChanges } from '../../db/stores/month-change-store';
import { findEmployee } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import { computePayslip, type PayslipFigures } from '../../domain/payslip';
import type { ServiceContext } from '../service-context';
import { isMonthClosed, publishedPayslip } from './month-close-service';
import { gatherPayFacts } from './pay-facts';
import { payslipItems } from './payslip-items';

/** One employee's pay slip of a month as the 工资 command shows it. */
export interface PayslipView {
  month: string;
  /** 'closed': the stored slip of a closed month; 'draft': computed now from the facts so far. */
  state: 'closed' | 'draft';
  /** The month has been closed (a draft of a closed month: this employee has no stored slip). */
  monthClosed: boolean;
  /** The stored revision; null for a draft. */
  revision: number | null;
  /** When the stored revision was written; null for a draft. */
  closedAt: Date | null;
  figures: PayslipFigures;
  items: PayslipItem[];
  /** Changes since the close that await a re-close (待重新结算): their day and what happened; [] when none. */
  pending: Array<{ date: string; what: string }>;
}

/**
 * The pay slip of `employeeId` for `month` (H-8): the latest published revision once the month
 * is closed (a re-close a crash interrupted publishes nothing until resumed), else a draft computed from the facts in the database now (read in the current
 * transaction, nothing stored). Null when the employee was not employed that month.
 */
export async function payslipOf(ctx: ServiceContext, employeeId: number, month: string): Promise<PayslipView | null> {
  const tx = currentManager(ctx.ds);
  const { monthClosed, slip } = await publishedPayslip(tx, employeeId, month);
  const pending = monthClosed ? (await openMonthChanges(tx, month, [employeeId])).map((c) => ({ date: c.workDate, what: c.what })) : [];
  if (slip) return { ...closedPayslipView(month, slip), pending };
  const employee = await findEmployee(tx, employeeId);
  const facts = employee ? await gatherPayFacts(tx, ctx, employee, month) : null;
  if (!facts) return null;
  const figures = computePayslip(facts, ctx.policy);
  return { month, state: 'draft', monthClosed, revision: null, closedAt: null, figures, items: payslipItems(figures, ctx.policy), pending };
}

/** The view of a stored revision of a closed month's slip: what 工资 shows and what the close sends. */
export function closedPayslipView(month: string, slip: Pick<Payslip, 'revision' | 'items' | 'createdAt'> & PayslipFigures): PayslipView {
  const figures: PayslipFigures = {
    baseFen: slip.baseFen, validCalls: slip.validCalls, callPayFen: slip.callPayFen, aLeads: slip.aLeads, bLeads: slip.bLeads,
    leadBonusFen: slip.leadBonusFen, collectedFen: slip.collectedFen, commissionFen: slip.commissionFen, score: slip.score,
    scoreBonusFen: slip.scoreBonusFen, finesFen: slip.finesFen, totalFen: slip.totalFen,
  };
  return { month, state: 'closed', monthClosed: true, revision: slip.revision, closedAt: slip.createdAt, figures, items: slip.items, pending: [] };
}

/** Whether `month` has been closed, read in the current transaction (a late fact then awaits a re-close). */
export async function monthIsClosed(ctx: ServiceContext, month: string): Promise<boolean> {
  return isMonthClosed(currentManager(ctx.ds), month);
}
