import type { DataSource, EntityManager } from 'typeorm';
import { Collection, CustomerRecord } from '../../db/entities';
import { addDays, WorkDate, zonedInstant } from '../../domain/dates';
import { sumFen } from '../../db/fen';

/** Either a DataSource or a transaction's EntityManager: the helpers below only read. */
export type Queryable = DataSource | EntityManager;

/** Qualified leads by grade. */
export interface LeadCounts {
  A: number;
  B: number;
}

/** A complete A/B record of the day, shown in the 日报 reply as a lead to be qualified. */
export interface LeadCandidate {
  id: number;
  company: string;
  grade: 'A' | 'B';
  qualified: boolean;
}

/** COUNT and SUM come back as numbers on both drivers; SUM over no rows is NULL. */
function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Valid calls (H-3): the agent's complete records with a work date from `from` to `to`, both included. */
export async function validCallsBetween(db: Queryable, agentId: number, from: WorkDate, to: WorkDate): Promise<number> {
  const row = await db
    .getRepository(CustomerRecord)
    .createQueryBuilder('r')
    .select('COUNT(*)', 'n')
    .where('r.agentId = :agentId AND r.complete = :complete', { agentId, complete: true })
    .andWhere('r.workDate BETWEEN :from AND :to', { from, to })
    .getRawOne<{ n: unknown }>();
  return num(row?.n);
}

/**
 * Qualified A and B leads (H-4) of an agent whose qualification falls on a date from `from` to
 * `to` (both included) in `timeZone`: a lead counts in the month or week it was qualified
 * ("Money and months"), whatever day it was called. The dates become instants
 * [from 00:00, the day after `to` 00:00) in the zone, compared with the UTC qualifiedAt.
 */
export async function qualifiedLeadsBetween(db: Queryable, agentId: number, from: WorkDate, to: WorkDate, timeZone: string): Promise<LeadCounts> {
  const start = zonedInstant(from, 0, timeZone);
  const end = zonedInstant(addDays(to, 1), 0, timeZone);
  const rows = await db
    .getRepository(CustomerRecord)
    .createQueryBuilder('r')
    .select('r.grade', 'grade')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId = :agentId AND r.complete = :complete', { agentId, complete: true })
    .andWhere("r.grade IN ('A', 'B')")
    .andWhere('r.qualifiedAt >= :start AND r.qualifiedAt < :end', { start, end })
    .groupBy('r.grade')
    .getRawMany<{ grade: string; n: unknown }>();
  const counts: LeadCounts = { A: 0, B: 0 };
  for (const r of rows) if (r.grade === 'A' || r.grade === 'B') counts[r.grade] = num(r.n);
  return counts;
}

/** Payments collected (回款, H-8) for an agent in the months `fromMonth` to `toMonth` ('YYYY-MM', both included), in fen. */
export async function collectedBetween(db: Queryable, agentId: number, fromMonth: string, toMonth: string): Promise<number> {
  const row = await db
    .getRepository(Collection)
    .createQueryBuilder('c')
    .select('SUM(c.amountFen)', 'fen')
    .where('c.agentId = :agentId', { agentId })
    .andWhere('c.month BETWEEN :fromMonth AND :toMonth', { fromMonth, toMonth })
    .getRawOne<{ fen: unknown }>();
  // SUM of a BIGINT is a DECIMAL on MySQL: a string or an unsafe number past 2^53, refused.
  return sumFen(row?.fen);
}

/** The complete records of one agent's day graded in `grades` (the policy's pay grades), by id. */
export async function leadCandidates(db: Queryable, agentId: number, workDate: WorkDate, grades: Array<'A' | 'B'>): Promise<LeadCandidate[]> {
  if (grades.length === 0) return [];
  const rows = await db
    .getRepository(CustomerRecord)
    .createQueryBuilder('r')
    .where('r.agentId = :agentId AND r.workDate = :workDate AND r.complete = :complete', { agentId, workDate, complete: true })
    .andWhere('r.grade IN (:...grades)', { grades })
    .orderBy('r.id', 'ASC')
    .getMany();
  return rows.map((r) => ({ id: r.id, company: r.company, grade: r.grade as 'A' | 'B', qualified: r.qualifiedAt !== null }));
}
