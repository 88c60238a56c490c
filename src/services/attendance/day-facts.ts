import type { EntityManager } from 'typeorm';
import { Bound, cachedSql, column, legacySqlNames as sqlNames, selectWhere } from '../../db/lean-queries';
import { AttendanceDay, Employee, LeaveRequest, MeetingCheckin, Punch } from '../../db/entities';
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

/** Approved leave spans of `employeeId` that touch `date`. */
export async function approvedLeaveOn(em: EntityManager, employeeId: number, date: string): Promise<LeaveRequest[]> {
  return selectWhere(em, LeaveRequest, { employeeId, status: 'approved', startDate: Bound.atMost(date), endDate: Bound.atLeast(date) });
}

/** A punch as the rules read it. */
export type PunchFact = Pick<Punch, 'kind' | 'at'>;

/** One employee's punches of a day, and whether the day's close has already judged it. */
export interface PunchDay {
  punches: PunchFact[];
  /** The close has run for this day (an attendance_days row exists): a new fact re-judges it. */
  closed: boolean;
}

/**
 * Reads {@link PunchDay} in one statement, the first read of every 打卡: the day's close
 * state joined with its punches (one row with null punch columns when there is none).
 */
export async function readPunchDay(em: EntityManager, employeeId: number, date: string): Promise<PunchDay> {
  const punch = em.dataSource.getMetadata(Punch);
  const sql = cachedSql(punch, 'punch-day', () => {
    const n = sqlNames(em);
    return (
      `SELECT d.closed AS closed, p.${n.column(Punch, 'kind')} AS kind, p.${n.column(Punch, 'at')} AS ${n.column(Punch, 'at')}` +
      ` FROM (SELECT COUNT(*) AS closed FROM ${n.table(AttendanceDay)} WHERE ${n.column(AttendanceDay, 'employeeId')} = ? AND ${n.column(AttendanceDay, 'workDate')} = ?) d` +
      ` LEFT JOIN ${n.table(Punch)} p ON p.${n.column(Punch, 'employeeId')} = ? AND p.${n.column(Punch, 'workDate')} = ?`
    );
  });
  const rows: Array<{ closed: number | string; kind: string | null; at: unknown }> = await em.query(sql, [employeeId, date, employeeId, date]);
  const at = column(punch, 'at');
  return {
    closed: Number(rows[0]?.closed ?? 0) > 0,
    punches: rows.filter((r) => r.kind !== null).map((r) => ({ kind: r.kind as string, at: em.dataSource.driver.prepareHydratedValue(r.at, at) as Date })),
  };
}

/**
 * Everything the rules need about one employee's day, read inside the caller's transaction;
 * `punches` when the caller has just read them in this transaction.
 */
export async function loadDayFacts(em: EntityManager, ctx: ServiceContext, employee: Employee, date: string, punches?: PunchFact[]): Promise<DayFacts> {
  const tz = ctx.policy.timezone;
  punches ??= await selectWhere(em, Punch, { employeeId: employee.id, workDate: date });
  const leave = await approvedLeaveOn(em, employee.id, date);
  const [checkin] = await selectWhere(em, MeetingCheckin, { employeeId: employee.id, workDate: date });
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
