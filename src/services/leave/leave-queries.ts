import type { Employee, LeaveRequest } from '../../db/entities';
import { approvedLeaveBetween, findLeaveRequest } from '../../db/stores/leave-store';
import { employee, findEmployee } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import { monthOf, monthRange } from '../../domain/dates';
import { leaveCover, type Half } from '../../domain/leave-halves';
import { monthStatement } from '../ledger/statement';
import { requestRecipients } from '../approvals/deciders';
import type { ServiceContext } from '../service-context';

/**
 * Who receives `requester`'s leave card on `today` (H-14): the team's supervisor for agents and
 * salespeople (the admins when the team has none) and that supervisor's active delegates, the
 * admins for supervisors and admins; never the requester (approvals/deciders.ts).
 */
export async function leaveDeciders(ctx: ServiceContext, requester: Employee, today: string): Promise<Employee[]> {
  return requestRecipients(ctx, requester, { letter: 'L' }, today);
}

/** A request by id, with its requester and decider. */
export async function leaveWithPeople(ctx: ServiceContext, id: number): Promise<{ request: LeaveRequest; requester: Employee; decider: Employee | null } | null> {
  const tx = currentManager(ctx.ds);
  const request = await findLeaveRequest(tx, id);
  if (!request) return null;
  const requester = await employee(tx, request.employeeId);
  const decider = request.decidedBy ? await findEmployee(tx, request.decidedBy) : null;
  return { request, requester, decider };
}

/** The requester's month so far, for the approval card: score and approved leave days (half days count ½). */
export async function leaveMonthSoFar(ctx: ServiceContext, who: Employee, date: string): Promise<{ score: number; approvedDays: number }> {
  const month = monthOf(date);
  const { first, last } = monthRange(month);
  const approved = await approvedLeaveBetween(currentManager(ctx.ds), who.id, first, last);
  const spans = approved.map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half }));
  const halves = ctx.calendar.workdays(first, last).reduce((n, d) => {
    const c = leaveCover(spans, d);
    return n + (c === 'full' ? 2 : c === 'none' ? 0 : 1);
  }, 0);
  return { score: (await monthStatement(ctx, who.id, month)).score, approvedDays: halves / 2 };
}
