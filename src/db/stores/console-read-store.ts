import { Between, In, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import {
  Appeal, ApprovalReminder, AttendanceDay, CustomerRecord, DailyReport, LeaveRequest, MonthClose, Payslip, Punch,
} from '../entities';
import type { Tx } from './tx';

/**
 * The console's reads (docs/console.md, "Pages"): each a set at a time, grouped or filtered
 * by an index, never one statement per employee.
 */

/** COUNT and SUM come back as strings on some drivers; SUM over no rows is NULL. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** What the month table counts of the judged days of one employee. */
export interface DayCounts {
  /** Days judged 'ok' or 'incidents' (came to work). */
  worked: number;
  /** Days judged 'absent-half': half a day worked. */
  halfAbsent: number;
  /** Days judged 'absent-day'. */
  absent: number;
  /**
   * Days judged late (incidents with minutes late); a day so late it became half or whole day
   * absent is counted there, not here (as the 团队 chart counts, lateAndAbsentByDay).
   */
  late: number;
}

/** The judged days of `employeeIds` dated `from` … `to`, counted per employee in one grouped statement (uq_attendance_day). */
export async function dayCountsByEmployee(tx: Tx, employeeIds: number[], from: string, to: string): Promise<Map<number, DayCounts>> {
  if (!employeeIds.length) return new Map();
  const rows = await tx
    .createQueryBuilder(AttendanceDay, 'a')
    .select('a.employeeId', 'employeeId')
    .addSelect('a.status', 'status')
    .addSelect('COUNT(*)', 'n')
    .addSelect("SUM(CASE WHEN a.status = 'incidents' AND a.lateMinutes > 0 THEN 1 ELSE 0 END)", 'late')
    .where('a.employeeId IN (:...ids)', { ids: employeeIds })
    .andWhere('a.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('a.employeeId')
    .addGroupBy('a.status')
    .getRawMany<{ employeeId: unknown; status: string; n: unknown; late: unknown }>();
  const out = new Map<number, DayCounts>();
  for (const r of rows) {
    const id = num(r.employeeId);
    const c = out.get(id) ?? { worked: 0, halfAbsent: 0, absent: 0, late: 0 };
    if (r.status === 'ok' || r.status === 'incidents') c.worked += num(r.n);
    else if (r.status === 'absent-half') c.halfAbsent += num(r.n);
    else if (r.status === 'absent-day') c.absent += num(r.n);
    c.late += num(r.late);
    out.set(id, c);
  }
  return out;
}

/** The published revision number of each employee's latest slip of `month` (a run a crash interrupted publishes nothing), by employee id. */
export async function latestRevisionNumbers(tx: Tx, month: string): Promise<Map<number, number>> {
  const open = new Set((await tx.find(MonthClose, { where: { month, finishedAt: IsNull() }, select: { id: true } })).map((c) => c.id));
  const slips = await tx.find(Payslip, { where: { month }, select: { employeeId: true, revision: true, closeId: true } });
  const out = new Map<number, number>();
  for (const s of slips) {
    if (s.closeId !== null && open.has(s.closeId)) continue;
    if ((out.get(s.employeeId) ?? 0) < s.revision) out.set(s.employeeId, s.revision);
  }
  return out;
}

/** One employee's judged days dated `from` … `to`. */
export function attendanceDaysBetween(tx: Tx, employeeId: number, from: string, to: string): Promise<AttendanceDay[]> {
  return tx.find(AttendanceDay, { where: { employeeId, workDate: Between(from, to) }, order: { workDate: 'ASC' } });
}

/** One employee's punches dated `from` … `to`, in time order (ix_punch_day). */
export function punchesBetween(tx: Tx, employeeId: number, from: string, to: string): Promise<Punch[]> {
  return tx.find(Punch, { where: { employeeId, workDate: Between(from, to) }, order: { at: 'ASC', id: 'ASC' } });
}

/** One employee's call reports dated `from` … `to`. */
export function dailyReportsBetween(tx: Tx, employeeId: number, from: string, to: string): Promise<DailyReport[]> {
  return tx.find(DailyReport, { where: { employeeId, workDate: Between(from, to) }, order: { workDate: 'ASC' } });
}

/** One agent's customer records dated `from` … `to`. */
export function customerRecordsBetween(tx: Tx, agentId: number, from: string, to: string): Promise<CustomerRecord[]> {
  return tx.find(CustomerRecord, { where: { agentId, workDate: Between(from, to) }, order: { workDate: 'ASC', id: 'ASC' } });
}

/** One employee's leave requests (any status) touching `from` … `to`. */
export function leaveTouching(tx: Tx, employeeId: number, from: string, to: string): Promise<LeaveRequest[]> {
  return tx.find(LeaveRequest, { where: { employeeId, startDate: LessThanOrEqual(to), endDate: MoreThanOrEqual(from) }, order: { startDate: 'ASC', id: 'ASC' } });
}

/** Every appeal of the entries `entryIds`, oldest first. */
export function appealsOfEntries(tx: Tx, entryIds: number[]): Promise<Appeal[]> {
  if (!entryIds.length) return Promise.resolve([]);
  return tx.find(Appeal, { where: { entryId: In(entryIds) }, order: { id: 'ASC' } });
}

/** The reminders sent for the requests `keys` (letter and id), oldest first. */
export async function remindersOf(tx: Tx, keys: Array<{ letter: string; id: number }>): Promise<ApprovalReminder[]> {
  if (!keys.length) return [];
  const letters = [...new Set(keys.map((k) => k.letter))];
  const wanted = new Set(keys.map((k) => `${k.letter}${k.id}`));
  const rows = await tx.find(ApprovalReminder, { where: { requestKind: In(letters), requestId: In(keys.map((k) => k.id)) }, order: { sentAt: 'ASC', id: 'ASC' } });
  return rows.filter((r) => wanted.has(`${r.requestKind}${r.requestId}`));
}
