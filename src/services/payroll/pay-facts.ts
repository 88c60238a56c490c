import { LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { Employee, LeaveRequest, PointEntry } from '../../db/entities';
import { sumFen } from '../../db/fen';
import { monthRange } from '../../domain/dates';
import { leaveCover, type Half } from '../../domain/leave-halves';
import type { PayFacts } from '../../domain/payslip';
import { baseFenOf } from '../attendance';
import { collectedBetween, qualifiedLeadsBetween, validCallsBetween } from '../reports';
import type { ServiceContext } from '../service-context';

/** The dates of `month` an employee was employed, or null when not at all. */
export function employedRange(e: Pick<Employee, 'startDate' | 'endDate'>, month: string): { from: string; to: string } | null {
  const { first, last } = monthRange(month);
  const from = e.startDate && e.startDate > first ? e.startDate : first;
  const to = e.endDate && e.endDate < last ? e.endDate : last;
  return from <= to ? { from, to } : null;
}

/** Half days of approved personal leave on the workdays from `from` to `to`. */
async function personalLeaveHalfDays(em: EntityManager, ctx: ServiceContext, employeeId: number, from: string, to: string): Promise<number> {
  const spans = (
    await em.find(LeaveRequest, { where: { employeeId, kind: 'personal', status: 'approved', startDate: LessThanOrEqual(to), endDate: MoreThanOrEqual(from) } })
  ).map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half }));
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
export async function gatherPayFacts(em: EntityManager, ctx: ServiceContext, employee: Employee, month: string): Promise<PayFacts | null> {
  const employed = employedRange(employee, month);
  if (!employed) return null;
  const { first, last } = monthRange(month);
  const ledger = await em
    .createQueryBuilder(PointEntry, 'p')
    .select('COALESCE(SUM(p.points), 0)', 'points')
    .addSelect('COALESCE(SUM(p.fine_fen), 0)', 'fines')
    .where('p.employee_id = :id AND p.month = :month', { id: employee.id, month })
    .getRawOne<{ points: unknown; fines: unknown }>();
  const leads = await qualifiedLeadsBetween(em, employee.id, first, last, ctx.policy.timezone);
  return {
    monthlyBaseFen: baseFenOf(ctx, employee),
    monthWorkdays: ctx.calendar.workdays(first, last).length,
    employedWorkdays: ctx.calendar.workdays(employed.from, employed.to).length,
    personalLeaveHalfDays: await personalLeaveHalfDays(em, ctx, employee.id, employed.from, employed.to),
    validCalls: await validCallsBetween(em, employee.id, first, last),
    aLeads: leads.A,
    bLeads: leads.B,
    collectedFen: await collectedBetween(em, employee.id, month, month),
    pointsTotal: Number(ledger?.points ?? 0),
    // SUM of a BIGINT is a DECIMAL on MySQL: read as fen, refused past 2^53.
    finesFen: sumFen(ledger?.fines),
  };
}
