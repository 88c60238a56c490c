import { And, LessThan, MoreThanOrEqual, type FindOperator, type FindOptionsWhere } from 'typeorm';
import { AuditEntry } from '../entities';
import { insertOne } from '../lean-queries';
import type { Tx } from './tx';

/** The audit log (audit_log): who did what, when. Append-only. */

/** One audit row: an employee (`actorId`) or a labelled actor (`actor`: 'cli', 'system', 'demo') did `action` to a subject. */
export type AuditRecord = Omit<AuditEntry, 'id'>;

/** Appends a row to the audit log. */
export async function appendAudit(tx: Tx, entry: AuditRecord): Promise<void> {
  await insertOne(tx, AuditEntry, entry);
}

/** Filters of {@link auditPage}, all optional: who acted, the exact action, a range of instants. */
export interface AuditFilter {
  actorId?: number;
  action?: string;
  /** `from` inclusive, `until` exclusive. */
  from?: Date;
  until?: Date;
}

function atRange(from?: Date, until?: Date): FindOperator<Date> | undefined {
  if (from && until) return And(MoreThanOrEqual(from), LessThan(until));
  if (from) return MoreThanOrEqual(from);
  if (until) return LessThan(until);
  return undefined;
}

/**
 * One page of the audit log, newest first: `limit` rows after skipping `offset`, and whether
 * more follow (one extra row is read to tell).
 */
export async function auditPage(tx: Tx, filter: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditEntry[]; more: boolean }> {
  const at = atRange(filter.from, filter.until);
  const where: FindOptionsWhere<AuditEntry> = {
    ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(at ? { at } : {}),
  };
  const rows = await tx.find(AuditEntry, { where, order: { id: 'DESC' }, skip: offset, take: limit + 1 });
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** The distinct actions in the audit log (the page's action filter), alphabetically, at most 200. */
export async function auditActions(tx: Tx): Promise<string[]> {
  const rows: Array<{ action: string }> = await tx.createQueryBuilder(AuditEntry, 'a').select('DISTINCT a.action', 'action').orderBy('action', 'ASC').limit(200).getRawMany();
  return rows.map((r) => r.action);
}
