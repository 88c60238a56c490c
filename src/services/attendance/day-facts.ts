import type { Employee, LeaveRequest } from '../../db/entities';
import { checkinsOfEmployeesOn, punchesOfEmployeesOn, type PunchFact } from '../../db/stores/attendance-store';
import { approvedLeaveOfEmployeesOn } from '../../db/stores/leave-store';
import type { Tx } from '../../db/stores/tx';
import { zonedMinute } from '../../domain/dates';
import type { DayFacts } from '../../domain/day-judgement';
import { leaveCover, type Half, type LeaveCover } from '../../domain/leave-halves';
import type { ServiceContext } from '../service-context';

/** Why a day is not judged for someone, in the users' words; undefined when it is judged. */
export function notJudgedReason(ctx: ServiceContext, employee: Employee, date: string): string | undefined {
  if (!ctx.policy.judgedRoles.includes(employee.role)) return '该角色不参与考勤判定';
  if (employee.startDate && date < employee.startDate) return '入职日期之前';
  if (employee.endDate && date > employee.endDate) return '离职日期之后';
  const day = ctx.calendar.day(date);
  if (!day.workday) return day.kind === 'holiday' ? `${day.name ?? '节假日'}休息` : '周末休息';
  return undefined;
}

/** The employee's monthly base in fen: their own, else the policy's. */
export function baseFenOf(ctx: ServiceContext, employee: Employee): number {
  return employee.baseSalaryFen ?? ctx.policy.pay.baseSalaryFen;
}

/** `rows` grouped by employee. */
export function byEmployee<R extends { employeeId: number }>(rows: R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    const list = out.get(r.employeeId);
    if (list) list.push(r);
    else out.set(r.employeeId, [r]);
  }
  return out;
}

/** What `leave` (approved requests of one employee) covers of `date`. */
export function leaveCoverOf(leave: LeaveRequest[] | undefined, date: string): LeaveCover {
  return leaveCover(
    (leave ?? []).map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half })),
    date,
  );
}

/**
 * Everything the rules need about the day of each of `employees`, read inside the caller's
 * transaction in one grouped statement per kind of fact (punches, leave, check-ins), by
 * employee id; `punches` when the caller has just read them in this transaction (a clock-in).
 */
export async function loadDayFacts(tx: Tx, ctx: ServiceContext, employees: Employee[], date: string, punches?: Map<number, PunchFact[]>): Promise<Map<number, DayFacts>> {
  const tz = ctx.policy.timezone;
  const ids = employees.map((e) => e.id);
  const punched = punches && ids.every((id) => punches.has(id)) ? punches : byEmployee(await punchesOfEmployeesOn(tx, ids, date));
  const leave = byEmployee(await approvedLeaveOfEmployeesOn(tx, ids, date));
  const checkins = new Map((await checkinsOfEmployeesOn(tx, ids, date)).map((c) => [c.employeeId, c]));
  const facts = new Map<number, DayFacts>();
  for (const employee of employees) {
    const mine = punched.get(employee.id) ?? [];
    const minutes = (kind: string) => mine.filter((p) => p.kind === kind).map((p) => zonedMinute(p.at, tz).minute);
    const checkin = checkins.get(employee.id);
    facts.set(employee.id, {
      ins: minutes('in'),
      outs: minutes('out'),
      leave: leaveCoverOf(leave.get(employee.id), date),
      checkin: checkin ? zonedMinute(checkin.at, tz).minute : null,
      baseFen: baseFenOf(ctx, employee),
    });
  }
  return facts;
}
