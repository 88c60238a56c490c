import { LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Employee, LeaveRequest, Team } from '../../db/entities';
import { currentManager } from '../../db/transaction';
import { monthOf, monthRange } from '../../domain/dates';
import { leaveCover, type Half } from '../../domain/leave-halves';
import { monthStatement } from '../ledger/statement';
import type { ServiceContext } from '../service-context';

/**
 * Who decides `requester`'s leave (H-14): the team's supervisor for agents and salespeople (the
 * admins when the team has none), the admins for supervisors and admins; never the requester.
 */
export async function leaveDeciders(ctx: ServiceContext, requester: Employee): Promise<Employee[]> {
  const em = currentManager(ctx.ds);
  if ((requester.role === 'agent' || requester.role === 'salesperson') && requester.teamId !== null) {
    const team = await em.findOneBy(Team, { id: requester.teamId });
    const supervisor = team?.supervisorId ? await em.findOneBy(Employee, { id: team.supervisorId }) : null;
    if (supervisor && supervisor.id !== requester.id) return [supervisor];
  }
  return (await em.find(Employee, { where: { role: 'admin' }, order: { no: 'ASC' } })).filter((a) => a.id !== requester.id);
}

/** A request by id, with its requester and decider. */
export async function leaveWithPeople(ctx: ServiceContext, id: number): Promise<{ request: LeaveRequest; requester: Employee; decider: Employee | null } | null> {
  const em = currentManager(ctx.ds);
  const request = await em.findOneBy(LeaveRequest, { id });
  if (!request) return null;
  const requester = await em.findOneByOrFail(Employee, { id: request.employeeId });
  const decider = request.decidedBy ? await em.findOneBy(Employee, { id: request.decidedBy }) : null;
  return { request, requester, decider };
}

/** The requester's month so far, for the approval card: score and approved leave days (half days count ½). */
export async function leaveMonthSoFar(ctx: ServiceContext, employee: Employee, date: string): Promise<{ score: number; approvedDays: number }> {
  const month = monthOf(date);
  const { first, last } = monthRange(month);
  const approved = await currentManager(ctx.ds).find(LeaveRequest, {
    where: { employeeId: employee.id, status: 'approved', startDate: LessThanOrEqual(last), endDate: MoreThanOrEqual(first) },
  });
  const spans = approved.map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half }));
  const halves = ctx.calendar.workdays(first, last).reduce((n, d) => {
    const c = leaveCover(spans, d);
    return n + (c === 'full' ? 2 : c === 'none' ? 0 : 1);
  }, 0);
  return { score: (await monthStatement(ctx, employee.id, month)).score, approvedDays: halves / 2 };
}
