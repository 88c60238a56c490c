import { Between, In, IsNull, Not } from 'typeorm';
import type { WorkDate } from '../../domain/dates';
import { CustomerRecord } from '../entities';
import type { Tx } from './tx';

/**
 * The salespeople's side of customer records (H-4): the A/B leads still to visit and qualify,
 * and the records of one phone across agents (a possible duplicate lead).
 */

/** What is waiting: complete records of `grades` by `agentIds`, not yet qualified. */
function waiting(agentIds: number[], grades: string[]) {
  return { agentId: In(agentIds), qualifiedAt: IsNull(), complete: true, grade: In(grades) };
}

/**
 * The oldest `limit` unqualified complete leads of `grades` recorded by `agentIds` (work day,
 * then id), and how many there are in all. Read through ix_record_leads (agent, qualified_at,
 * complete, grade).
 */
export async function unqualifiedLeads(tx: Tx, agentIds: number[], grades: string[], limit: number): Promise<{ rows: CustomerRecord[]; total: number }> {
  if (!agentIds.length || !grades.length) return { rows: [], total: 0 };
  const where = waiting(agentIds, grades);
  // One after the other: a transaction's queries share one connection.
  const rows = await tx.find(CustomerRecord, { where, order: { workDate: 'ASC', id: 'ASC' }, take: limit });
  const total = rows.length < limit ? rows.length : await tx.count(CustomerRecord, { where });
  return { rows, total };
}

/**
 * The records of `phone` by agents other than `agentId` with a work day from `from` to `to`
 * (both included), oldest first, at most `limit`. Read through ix_record_phone_day.
 */
export function recordsOfPhoneByOthers(tx: Tx, phone: string, agentId: number, from: WorkDate, to: WorkDate, limit: number): Promise<CustomerRecord[]> {
  return tx.find(CustomerRecord, {
    where: { phone, workDate: Between(from, to), agentId: Not(agentId) },
    order: { workDate: 'ASC', id: 'ASC' },
    take: limit,
  });
}
