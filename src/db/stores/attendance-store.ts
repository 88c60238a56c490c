import { In } from 'typeorm';
import { AttendanceDay, MeetingCheckin, Punch } from '../entities';
import { Bound, column, insertMany, insertOne, selectWhere, Statement } from '../lean-queries';
import type { Tx } from './tx';

/**
 * Attendance: punches (打卡), meeting check-ins (签到) and the judged days (attendance_days).
 * The clock-in's reads and writes are built once and never read a row back (lean-queries).
 */

/** A punch as the rules read it. */
export type PunchFact = Pick<Punch, 'kind' | 'at'>;

/** One employee's punches of a day, and whether the day's close has already judged it. */
export interface PunchDay {
  punches: PunchFact[];
  /** The close has run for this day (an attendance_days row exists): a new fact re-judges it. */
  closed: boolean;
}

/** The day's close state joined with its punches: one row with null punch columns when there is none. */
const PUNCH_DAY = new Statement(
  (n) =>
    `SELECT d.closed AS closed, p.${n.column(Punch, 'kind')} AS kind, p.${n.column(Punch, 'at')} AS ${n.column(Punch, 'at')}` +
    ` FROM (SELECT COUNT(*) AS closed FROM ${n.table(AttendanceDay)} WHERE ${n.column(AttendanceDay, 'employeeId')} = ? AND ${n.column(AttendanceDay, 'workDate')} = ?) d` +
    ` LEFT JOIN ${n.table(Punch)} p ON p.${n.column(Punch, 'employeeId')} = ? AND p.${n.column(Punch, 'workDate')} = ?`,
);

/** Reads {@link PunchDay} in one statement: the first read of every 打卡. Punches in no particular order. */
export async function readPunchDay(tx: Tx, employeeId: number, date: string): Promise<PunchDay> {
  const rows = await PUNCH_DAY.run<{ closed: number | string; kind: string | null; at: unknown }>(tx, [employeeId, date, employeeId, date]);
  const at = column(tx.dataSource.getMetadata(Punch), 'at');
  return {
    closed: Number(rows[0]?.closed ?? 0) > 0,
    punches: rows.filter((r) => r.kind !== null).map((r) => ({ kind: r.kind as string, at: tx.dataSource.driver.prepareHydratedValue(r.at, at) as Date })),
  };
}

/** The punches of a day of every employee in `employeeIds`, in id order (one statement, built once per set size). */
export async function punchesOfEmployeesOn(tx: Tx, employeeIds: number[], date: string): Promise<Punch[]> {
  return employeeIds.length ? selectWhere(tx, Punch, { employeeId: Bound.oneOf(employeeIds), workDate: date }) : [];
}

/** Stores a punch; returns its id (one statement, nothing read back). */
export function insertPunch(tx: Tx, punch: Omit<Punch, 'id'>): Promise<number> {
  return insertOne(tx, Punch, punch);
}

/** The employee's meeting check-in of `date` (at most one: a unique key), or null. */
export async function checkinOn(tx: Tx, employeeId: number, date: string): Promise<MeetingCheckin | null> {
  const [checkin] = await selectWhere(tx, MeetingCheckin, { employeeId, workDate: date });
  return checkin ?? null;
}

/** The meeting check-ins of a day of every employee in `employeeIds` (at most one each), in id order. */
export async function checkinsOfEmployeesOn(tx: Tx, employeeIds: number[], date: string): Promise<MeetingCheckin[]> {
  return employeeIds.length ? selectWhere(tx, MeetingCheckin, { employeeId: Bound.oneOf(employeeIds), workDate: date }) : [];
}

/** Stores the day's first check-in; returns its id. */
export function insertCheckin(tx: Tx, checkin: Omit<MeetingCheckin, 'id'>): Promise<number> {
  return insertOne(tx, MeetingCheckin, checkin);
}

/** Moves a check-in to an earlier stamp (a redelivered earlier 签到). */
export async function moveCheckin(tx: Tx, id: number, to: Pick<MeetingCheckin, 'at' | 'sourceEvent'>): Promise<void> {
  await tx.update(MeetingCheckin, { id }, to);
}

/** True when the day's close has run for this employee (an attendance_days row exists). */
export async function isDayClosed(tx: Tx, employeeId: number, date: string): Promise<boolean> {
  return (await tx.countBy(AttendanceDay, { employeeId, workDate: date })) > 0;
}

/** A judged day as the close stores it. */
export type DayVerdictRow = Omit<AttendanceDay, 'id'>;

/**
 * Stores the judged days of one date: each row of `judged` replaces the row of its (employee,
 * day) or is inserted (one multi-row upsert); the existing rows of `notJudged` (employees whose
 * day is not judged any more) take `notJudgedRow`'s values, and none is created for them.
 */
export async function recordDayVerdicts(
  tx: Tx,
  judged: DayVerdictRow[],
  notJudged: { employeeIds: number[]; row: DayVerdictRow },
): Promise<void> {
  if (judged.length) await insertMany(tx, AttendanceDay, judged, ['employeeId', 'workDate']);
  const { employeeIds, row } = notJudged;
  if (employeeIds.length) {
    const { employeeId: _ignored, ...values } = row;
    await tx.update(AttendanceDay, { employeeId: In(employeeIds), workDate: row.workDate }, values);
  }
}

/** The judged days (attendance_days) of `date` of every employee in `employeeIds`, in id order. */
export async function verdictsOfEmployeesOn(tx: Tx, employeeIds: number[], date: string): Promise<AttendanceDay[]> {
  return employeeIds.length ? selectWhere(tx, AttendanceDay, { employeeId: Bound.oneOf(employeeIds), workDate: date }) : [];
}
