import type { Employee } from '../../db/entities';
import { checkinOn, punchesOn, type PunchFact } from '../../db/stores/attendance-store';
import { approvedLeaveOn } from '../../db/stores/leave-store';
import type { Tx } from '../../db/stores/tx';
import { zonedMinute } from '../../domain/dates';
import type { DayFacts } from '../../domain/day-judgement';
import { leaveCover, type Half } from '../../domain/leave-halves';
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

/**
 * Everything the rules need about one employee's day, read inside the caller's transaction;
 * `punches` when the caller has just read them in this transaction.
 */
export async function loadDayFacts(tx: Tx, ctx: ServiceContext, employee: Employee, date: string, punches?: PunchFact[]): Promise<DayFacts> {
  const tz = ctx.policy.timezone;
  punches ??= await punchesOn(tx, employee.id, date);
  const leave = await approvedLeaveOn(tx, employee.id, date);
  const checkin = await checkinOn(tx, employee.id, date);
  const minutes = (kind: string) => punches.filter((p) => p.kind === kind).map((p) => zonedMinute(p.at, tz).minute);
  return {
    ins: minutes('in'),
    outs: minutes('out'),
    leave: leaveCover(
      leave.map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half })),
      date,
    ),
    checkin: checkin ? zonedMinute(checkin.at, tz).minute : null,
    baseFen: baseFenOf(ctx, employee),
  };
}
