import { In, IsNull } from 'typeorm';
import { addDays, zonedInstant, type WorkDate } from '../../domain/dates';
import { Collection, CustomerRecord, DailyReport, WeeklySummary } from '../entities';
import { sumFen } from '../fen';
import { Bound, insertOne, selectWhere } from '../lean-queries';
import { lockedRow } from '../locks';
import type { Tx } from './tx';

/**
 * What agents report: customer records (客户, H-3) and what is counted from them (valid calls,
 * H-3; qualified A/B leads, H-4), daily call reports (日报, H-2), weekly summaries (周报, H-7)
 * and payments collected (回款, H-8). Each count is one grouped query over any number of
 * agents, so a team, the company or a month end counts everyone in one statement.
 */

// ---- customer records ----

/** COUNT comes back as a string on some drivers. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Qualified leads by grade. */
export interface LeadCounts {
  A: number;
  B: number;
}

/**
 * Valid calls (H-3) of each agent in `agentIds`: their complete records with a work date from
 * `from` to `to`, both included. Agents without any are absent from the map. This is the one
 * valid-calls query: the 日报 and 客户 replies, 团队, the ranking and the pay slip all count here.
 */
export async function validCallsByAgent(tx: Tx, agentIds: number[], from: WorkDate, to: WorkDate): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await tx
    .createQueryBuilder(CustomerRecord, 'r')
    .select('r.agentId', 'agentId')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId IN (:...agentIds) AND r.complete = :complete', { agentIds, complete: true })
    .andWhere('r.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('r.agentId')
    .getRawMany<{ agentId: unknown; n: unknown }>();
  return new Map(rows.map((r) => [num(r.agentId), num(r.n)]));
}

/** Valid calls (H-3) of one agent from `from` to `to`, both included ({@link validCallsByAgent}). */
export async function validCallsBetween(tx: Tx, agentId: number, from: WorkDate, to: WorkDate): Promise<number> {
  return (await validCallsByAgent(tx, [agentId], from, to)).get(agentId) ?? 0;
}

/**
 * Qualified A and B leads (H-4) of each agent in `agentIds` whose qualification falls on a date
 * from `from` to `to` (both included) in `timeZone`: a lead counts in the month or week it was
 * qualified ("Money and months"), whatever day it was called. The dates become instants
 * [from 00:00, the day after `to` 00:00) in the zone, compared with the UTC qualifiedAt.
 * Agents without any are absent from the map.
 */
export async function qualifiedLeadsByAgent(tx: Tx, agentIds: number[], from: WorkDate, to: WorkDate, timeZone: string): Promise<Map<number, LeadCounts>> {
  if (agentIds.length === 0) return new Map();
  const start = zonedInstant(from, 0, timeZone);
  const end = zonedInstant(addDays(to, 1), 0, timeZone);
  const rows = await tx
    .createQueryBuilder(CustomerRecord, 'r')
    .select('r.agentId', 'agentId')
    .addSelect('r.grade', 'grade')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId IN (:...agentIds) AND r.complete = :complete', { agentIds, complete: true })
    .andWhere("r.grade IN ('A', 'B')")
    .andWhere('r.qualifiedAt >= :start AND r.qualifiedAt < :end', { start, end })
    .groupBy('r.agentId')
    .addGroupBy('r.grade')
    .getRawMany<{ agentId: unknown; grade: string; n: unknown }>();
  const counts = new Map<number, LeadCounts>();
  for (const r of rows) {
    if (r.grade !== 'A' && r.grade !== 'B') continue;
    const id = num(r.agentId);
    const c = counts.get(id) ?? { A: 0, B: 0 };
    c[r.grade] = num(r.n);
    counts.set(id, c);
  }
  return counts;
}

/** Qualified A and B leads (H-4) of one agent ({@link qualifiedLeadsByAgent}). */
export async function qualifiedLeadsBetween(tx: Tx, agentId: number, from: WorkDate, to: WorkDate, timeZone: string): Promise<LeadCounts> {
  return (await qualifiedLeadsByAgent(tx, [agentId], from, to, timeZone)).get(agentId) ?? { A: 0, B: 0 };
}

/** The id of an agent's record of `date` known by `phone`, or null. */
export async function recordIdByPhone(tx: Tx, agentId: number, date: WorkDate, phone: string): Promise<number | null> {
  const found = await tx.findOne(CustomerRecord, { where: { agentId, workDate: date, phone }, select: { id: true } });
  return found?.id ?? null;
}

/** Stores a new record; returns its id (the C id users see), nothing read back. */
export function insertCustomerRecord(tx: Tx, record: Omit<CustomerRecord, 'id'>): Promise<number> {
  return insertOne(tx, CustomerRecord, record);
}

/** A record by id, or null. */
export function findCustomerRecord(tx: Tx, id: number): Promise<CustomerRecord | null> {
  return tx.findOneBy(CustomerRecord, { id });
}

/** A record by id; throws when there is none. */
export function customerRecord(tx: Tx, id: number): Promise<CustomerRecord> {
  return tx.findOneByOrFail(CustomerRecord, { id });
}

/** A record read past this transaction's snapshot and locked (lockedRow), to merge a resend into or to see who qualified it. */
export function lockCustomerRecord(tx: Tx, id: number): Promise<CustomerRecord> {
  return lockedRow(tx, CustomerRecord, id);
}

/** Changes a record's fields. */
export async function updateCustomerRecord(tx: Tx, id: number, values: Partial<Omit<CustomerRecord, 'id'>>): Promise<void> {
  await tx.update(CustomerRecord, { id }, values);
}

/**
 * Qualifies a record that is not qualified yet, in one conditional statement: false when it
 * already was (a concurrent 确认 won).
 */
export async function qualifyRecord(
  tx: Tx,
  id: number,
  qualification: Pick<CustomerRecord, 'qualifiedBy' | 'visitedBy' | 'qualifiedAt' | 'qualificationNote' | 'updatedAt'>,
): Promise<boolean> {
  return (await tx.update(CustomerRecord, { id, qualifiedAt: IsNull() }, qualification)).affected === 1;
}

/** An agent's records of one day, by id. */
export function recordsOfAgentOn(tx: Tx, agentId: number, date: WorkDate): Promise<CustomerRecord[]> {
  return tx.find(CustomerRecord, { where: { agentId, workDate: date }, order: { id: 'ASC' } });
}

/** An agent's complete records of one day graded in `grades`, by id. */
export async function completeRecordsGraded(tx: Tx, agentId: number, date: WorkDate, grades: string[]): Promise<CustomerRecord[]> {
  if (grades.length === 0) return [];
  return tx.find(CustomerRecord, { where: { agentId, workDate: date, complete: true, grade: In(grades) }, order: { id: 'ASC' } });
}

// ---- daily reports ----

/** The id of an employee's 日报 of `date`, or null. */
export async function dailyReportId(tx: Tx, employeeId: number, date: WorkDate): Promise<number | null> {
  const found = await tx.findOne(DailyReport, { where: { employeeId, workDate: date }, select: { id: true } });
  return found?.id ?? null;
}

/** Stores a new 日报; returns it with its id. */
export function insertDailyReport(tx: Tx, report: Omit<DailyReport, 'id'>): Promise<DailyReport> {
  return tx.save(tx.create(DailyReport, report));
}

/** A 日报 read past this transaction's snapshot and locked (lockedRow), to replace it. */
export function lockDailyReport(tx: Tx, id: number): Promise<DailyReport> {
  return lockedRow(tx, DailyReport, id);
}

/** Writes a changed 日报 back; returns it. */
export function saveDailyReport(tx: Tx, report: DailyReport): Promise<DailyReport> {
  return tx.save(report);
}

/** The 日报 of a day of every employee in `employeeIds`. */
export function dailyReportsOfEmployeesOn(tx: Tx, employeeIds: number[], date: WorkDate): Promise<DailyReport[]> {
  return tx.find(DailyReport, { where: { employeeId: In(employeeIds), workDate: date } });
}

// ---- weekly summaries ----

/** The 周报 of the week starting `monday` of every employee in `employeeIds` (at most one each), in id order. */
export async function weeklySummariesOf(tx: Tx, employeeIds: number[], monday: WorkDate): Promise<WeeklySummary[]> {
  return employeeIds.length ? selectWhere(tx, WeeklySummary, { employeeId: Bound.oneOf(employeeIds), week: monday }) : [];
}

/** The id of an employee's 周报 of the week starting `monday`, or null. */
export async function weeklySummaryId(tx: Tx, employeeId: number, monday: WorkDate): Promise<number | null> {
  const found = await tx.findOne(WeeklySummary, { where: { employeeId, week: monday }, select: { id: true } });
  return found?.id ?? null;
}

/** Stores a new 周报; returns it with its id. */
export function insertWeeklySummary(tx: Tx, summary: Omit<WeeklySummary, 'id'>): Promise<WeeklySummary> {
  return tx.save(tx.create(WeeklySummary, summary));
}

/** A 周报 read past this transaction's snapshot and locked (lockedRow), to replace its text. */
export function lockWeeklySummary(tx: Tx, id: number): Promise<WeeklySummary> {
  return lockedRow(tx, WeeklySummary, id);
}

/** Writes a changed 周报 back; returns it. */
export function saveWeeklySummary(tx: Tx, summary: WeeklySummary): Promise<WeeklySummary> {
  return tx.save(summary);
}

// ---- collections ----

/** Stores a collection or its reversal; returns it with its id (the R id users see). */
export function insertCollection(tx: Tx, collection: Omit<Collection, 'id'>): Promise<Collection> {
  return tx.save(tx.create(Collection, collection));
}

/** A collection by id, or null. */
export function findCollection(tx: Tx, id: number): Promise<Collection | null> {
  return tx.findOneBy(Collection, { id });
}

/** The reversal of collection `id`, or null when it stands. */
export function findCollectionReversalOf(tx: Tx, id: number): Promise<Collection | null> {
  return tx.findOneBy(Collection, { reversesId: id });
}

/**
 * Payments collected (回款, H-8) for each agent in `agentIds` in the months `fromMonth` to
 * `toMonth` ('YYYY-MM', both included), net of reversals, in fen. Agents without any are absent.
 */
export async function collectedByAgent(tx: Tx, agentIds: number[], fromMonth: string, toMonth: string): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await tx
    .createQueryBuilder(Collection, 'c')
    .select('c.agentId', 'agentId')
    .addSelect('SUM(c.amountFen)', 'fen')
    .where('c.agentId IN (:...agentIds)', { agentIds })
    .andWhere('c.month BETWEEN :fromMonth AND :toMonth', { fromMonth, toMonth })
    .groupBy('c.agentId')
    .getRawMany<{ agentId: unknown; fen: unknown }>();
  // SUM of a BIGINT is a DECIMAL on MySQL: a string or an unsafe number past 2^53, refused.
  return new Map(rows.map((r) => [num(r.agentId), sumFen(r.fen)]));
}

/** Payments collected (回款, H-8) for one agent ({@link collectedByAgent}). */
export async function collectedBetween(tx: Tx, agentId: number, fromMonth: string, toMonth: string): Promise<number> {
  return (await collectedByAgent(tx, [agentId], fromMonth, toMonth)).get(agentId) ?? 0;
}
