import type { Employee, LeaveRequest } from '../../db/entities';
import { approvedLeaveOfEmployeesBetween } from '../../db/stores/leave-store';
import { monthTotalsByEmployee } from '../../db/stores/ledger-store';
import { collectedByAgent, qualifiedLeadsByAgent, validCallsByAgent } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { monthRange, type WorkDate } from '../../domain/dates';
import { leaveCover, type Half, type LeaveSpan } from '../../domain/leave-halves';
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

/** Half days of approved personal leave `spans` on `workdays`. */
function personalLeaveHalfDays(spans: LeaveSpan[], workdays: WorkDate[]): number {
  if (!spans.length) return 0;
  return workdays.reduce((n, d) => {
    const c = leaveCover(spans, d);
    return n + (c === 'full' ? 2 : c === 'none' ? 0 : 1);
  }, 0);
}

/** The approved personal leave of each employee, as spans. */
function personalSpans(leave: LeaveRequest[]): Map<number, LeaveSpan[]> {
  const spans = new Map<number, LeaveSpan[]>();
  for (const l of leave) {
    if (l.kind !== 'personal') continue;
    const list = spans.get(l.employeeId) ?? [];
    list.push({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half });
    spans.set(l.employeeId, list);
  }
  return spans;
}

/**
 * The month's facts for the pay slips of `employees` (H-8), by employee id, as the handbook
 * dates them: valid calls by the record's day, leads by the day they were qualified,
 * collections by the month recorded, ledger entries by the month of their fact. Each kind of
 * fact is one grouped query for all of them; the month's workdays are computed once. Those not
 * employed that month are absent.
 */
export async function gatherMonthPayFacts(tx: Tx, ctx: ServiceContext, employees: Employee[], month: string): Promise<Map<number, PayFacts>> {
  const employed = employees.flatMap((e) => {
    const range = employedRange(e, month);
    return range ? [{ e, range }] : [];
  });
  if (!employed.length) return new Map();
  const { first, last } = monthRange(month);
  const ids = employed.map(({ e }) => e.id);
  const ledger = await monthTotalsByEmployee(tx, ids, month);
  const leads = await qualifiedLeadsByAgent(tx, ids, first, last, ctx.policy.timezone);
  const leave = personalSpans(await approvedLeaveOfEmployeesBetween(tx, ids, first, last));
  const calls = await validCallsByAgent(tx, ids, first, last);
  const collected = await collectedByAgent(tx, ids, month, month);
  const monthWorkdays = ctx.calendar.workdays(first, last);
  const facts = new Map<number, PayFacts>();
  for (const { e, range } of employed) {
    const workdays = monthWorkdays.filter((d) => d >= range.from && d <= range.to);
    facts.set(e.id, {
      monthlyBaseFen: baseFenOf(ctx, e),
      monthWorkdays: monthWorkdays.length,
      employedWorkdays: workdays.length,
      personalLeaveHalfDays: personalLeaveHalfDays(leave.get(e.id) ?? [], workdays),
      validCalls: calls.get(e.id) ?? 0,
      aLeads: leads.get(e.id)?.A ?? 0,
      bLeads: leads.get(e.id)?.B ?? 0,
      collectedFen: collected.get(e.id) ?? 0,
      pointsTotal: ledger.get(e.id)?.points ?? 0,
      finesFen: ledger.get(e.id)?.finesFen ?? 0,
    });
  }
  return facts;
}

/** The month's facts for one employee's pay slip ({@link gatherMonthPayFacts}); null when not employed that month. */
export async function gatherPayFacts(tx: Tx, ctx: ServiceContext, employee: Employee, month: string): Promise<PayFacts | null> {
  return (await gatherMonthPayFacts(tx, ctx, [employee], month)).get(employee.id) ?? null;
}
