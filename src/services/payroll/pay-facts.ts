import type { Employee } from '../../db/entities';
import { approvedLeaveBetween } from '../../db/stores/leave-store';
import { monthTotals } from '../../db/stores/ledger-store';
import { collectedBetween, qualifiedLeadsBetween, validCallsBetween } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { monthRange } from '../../domain/dates';
import { leaveCover, type Half } from '../../domain/leave-halves';
import type { PayFacts } from '../../domain/payslip';
import { baseFenOf } from '../attendance';
import type { ServiceContext } from '../service-context';

/** The dates of `month` an employee was employed, or null when not at all. */
export function employedRange(e: Pick<Employee, 'startDate' | 'endDate'>, month: string): { from: string; to: string } | null {
  const { first, last } = monthRange(month);
  const from = e.startDate && e.startDate > first ? e.startDate : first;
  const to = e.endDate && e.endDate < last ? e.endDate : last;
  return from <= to ? { from, to } : null;
}

/** Half days of approved personal leave on the workdays from `from` to `to`. */
async function personalLeaveHalfDays(tx: Tx, ctx: ServiceContext, employeeId: number, from: string, to: string): Promise<number> {
  const spans = (await approvedLeaveBetween(tx, employeeId, from, to, 'personal')).map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half }));
  if (!spans.length) return 0;
  return ctx.calendar.workdays(from, to).reduce((n, d) => {
    const c = leaveCover(spans, d);
    return n + (c === 'full' ? 2 : c === 'none' ? 0 : 1);
  }, 0);
}

/**
 * The month's facts for one employee's pay slip (H-8), as the handbook dates them: valid calls
 * by the record's day, leads by the day they were qualified, collections by the month
 * recorded, ledger entries by the month of their fact. Null when not employed that month.
 */
export async function gatherPayFacts(tx: Tx, ctx: ServiceContext, employee: Employee, month: string): Promise<PayFacts | null> {
  const employed = employedRange(employee, month);
  if (!employed) return null;
  const { first, last } = monthRange(month);
  const ledger = await monthTotals(tx, employee.id, month);
  const leads = await qualifiedLeadsBetween(tx, employee.id, first, last, ctx.policy.timezone);
  return {
    monthlyBaseFen: baseFenOf(ctx, employee),
    monthWorkdays: ctx.calendar.workdays(first, last).length,
    employedWorkdays: ctx.calendar.workdays(employed.from, employed.to).length,
    personalLeaveHalfDays: await personalLeaveHalfDays(tx, ctx, employee.id, employed.from, employed.to),
    validCalls: await validCallsBetween(tx, employee.id, first, last),
    aLeads: leads.A,
    bLeads: leads.B,
    collectedFen: await collectedBetween(tx, employee.id, month, month),
    pointsTotal: ledger.points,
    finesFen: ledger.finesFen,
  };
}
