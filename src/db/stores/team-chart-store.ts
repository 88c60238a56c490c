import { AttendanceDay, CustomerRecord, PointEntry } from '../entities';
import type { Tx } from './tx';

/**
 * The console's team charts (团队): day-by-day figures of a set of employees over a span, each
 * one grouped query whatever the number of people and days, counted the way the ranking and
 * the pay slips count (valid calls: complete records by work date; points: the net of the
 * entries dated in the span; leads: by the instant they were qualified).
 */

/** COUNT and SUM come back as strings on some drivers. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Valid calls (H-3, complete records) of each agent on each work date from `from` to `to`; days without any are absent. */
export async function validCallsByAgentAndDay(tx: Tx, agentIds: number[], from: string, to: string): Promise<Array<{ agentId: number; date: string; calls: number }>> {
  if (agentIds.length === 0) return [];
  const rows = await tx
    .createQueryBuilder(CustomerRecord, 'r')
    .select('r.agentId', 'agentId')
    .addSelect('r.workDate', 'date')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId IN (:...agentIds) AND r.complete = :complete', { agentIds, complete: true })
    .andWhere('r.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('r.agentId')
    .addGroupBy('r.workDate')
    .getRawMany<{ agentId: unknown; date: unknown; n: unknown }>();
  return rows.map((r) => ({ agentId: num(r.agentId), date: String(r.date), calls: num(r.n) }));
}

/**
 * The instants at which A and B leads (H-4) of `agentIds` were qualified in [start, end): the
 * caller puts them on the dates of the company's zone (a SQL date of a UTC instant would be
 * UTC's).
 */
export async function qualifiedLeadInstants(tx: Tx, agentIds: number[], start: Date, end: Date): Promise<Array<{ agentId: number; at: Date }>> {
  if (agentIds.length === 0) return [];
  const rows = await tx
    .createQueryBuilder(CustomerRecord, 'r')
    .select(['r.id', 'r.agentId', 'r.qualifiedAt'])
    .where('r.agentId IN (:...agentIds) AND r.complete = :complete', { agentIds, complete: true })
    .andWhere("r.grade IN ('A', 'B')")
    .andWhere('r.qualifiedAt >= :start AND r.qualifiedAt < :end', { start, end })
    .getMany();
  return rows.filter((r) => r.qualifiedAt).map((r) => ({ agentId: r.agentId, at: r.qualifiedAt as Date }));
}

/** The net points of each employee on each work date from `from` to `to` (a reversal nets out its entry); days without entries are absent. */
export async function pointsByEmployeeAndDay(tx: Tx, employeeIds: number[], from: string, to: string): Promise<Array<{ employeeId: number; date: string; points: number }>> {
  if (employeeIds.length === 0) return [];
  const rows = await tx
    .createQueryBuilder(PointEntry, 'p')
    .select('p.employeeId', 'employeeId')
    .addSelect('p.workDate', 'date')
    .addSelect('SUM(p.points)', 'points')
    .where('p.employeeId IN (:...ids)', { ids: employeeIds })
    .andWhere('p.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('p.employeeId')
    .addGroupBy('p.workDate')
    .getRawMany<{ employeeId: unknown; date: unknown; points: unknown }>();
  return rows.map((r) => ({ employeeId: num(r.employeeId), date: String(r.date), points: num(r.points) }));
}

/**
 * Per judged date from `from` to `to`, how many of `employeeIds` were late (a day with incidents
 * and minutes late), absent half a day, or absent the whole day (attendance_days, as the day's
 * close judged them). Dates with none of them are absent.
 */
export async function lateAndAbsentByDay(tx: Tx, employeeIds: number[], from: string, to: string): Promise<Array<{ date: string; late: number; halfAbsent: number; absent: number }>> {
  if (employeeIds.length === 0) return [];
  const rows = await tx
    .createQueryBuilder(AttendanceDay, 'd')
    .select('d.workDate', 'date')
    .addSelect("SUM(CASE WHEN d.status = 'incidents' AND d.lateMinutes > 0 THEN 1 ELSE 0 END)", 'late')
    .addSelect("SUM(CASE WHEN d.status = 'absent-half' THEN 1 ELSE 0 END)", 'halfAbsent')
    .addSelect("SUM(CASE WHEN d.status = 'absent-day' THEN 1 ELSE 0 END)", 'absent')
    .where('d.employeeId IN (:...ids)', { ids: employeeIds })
    .andWhere('d.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('d.workDate')
    .getRawMany<{ date: unknown; late: unknown; halfAbsent: unknown; absent: unknown }>();
  return rows
    .map((r) => ({ date: String(r.date), late: num(r.late), halfAbsent: num(r.halfAbsent), absent: num(r.absent) }))
    .filter((r) => r.late + r.halfAbsent + r.absent > 0);
}
