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
