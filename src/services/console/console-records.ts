import { appendAudit, auditActions, auditPage, type AuditFilter } from '../../db/stores/audit-store';
import { employeesByIds, employeesNumbered } from '../../db/stores/org-store';
import { inTransaction } from '../../db/transaction';
import { closeSummaryFlags, isMonthClosed, payrollCsv, payrollRows, payrollXlsxWithSummary } from '../payroll';
import type { ServiceContext } from '../service-context';
import type { ConsoleViewer } from './console-viewer';

export type { AuditFilter } from '../../db/stores/audit-store';

/** An audit row as the audit page shows it: the actor's name resolved. */
export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  details: unknown;
}

/** The audit page's filters: who acted by employee number (工号), the exact action, a range of instants. */
export type AuditQuery = Omit<AuditFilter, 'actorId'> & { actorNo?: string };

/**
 * One page of the audit log (newest first) with the actors' names, whether more follow, and the
 * actions there are; an employee number nobody has finds nothing (`unknownActor`).
 */
export async function auditLogPage(ctx: ServiceContext, query: AuditQuery, offset: number, limit: number): Promise<{ rows: AuditRow[]; more: boolean; actions: string[]; unknownActor: boolean }> {
  return inTransaction(ctx.ds, async (tx) => {
    const { actorNo, ...filter } = query;
    const actions = await auditActions(tx);
    let actorId: number | undefined;
    if (actorNo) {
      const [actor] = await employeesNumbered(tx, actorNo);
      if (!actor) return { rows: [], more: false, actions, unknownActor: true };
      actorId = actor.id;
    }
    const page = await auditPage(tx, { ...filter, ...(actorId !== undefined ? { actorId } : {}) }, offset, limit);
    const ids = [...new Set(page.rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId])))];
    const names = new Map((await employeesByIds(tx, ids)).map((e) => [e.id, `${e.name}（${e.no}）`]));
    const rows = page.rows.map((r) => ({
      id: r.id, at: r.at, action: r.action, details: r.details,
      actor: r.actorId !== null ? (names.get(r.actorId) ?? `#${r.actorId}`) : (r.actor ?? ''),
      subject: [r.subjectType, r.subjectId].filter(Boolean).join(' '),
    }));
    return { rows, more: page.more, actions, unknownActor: false };
  });
}

/** Audits a console write (`console.command`): who, through which session, what they sent and what became of it. */
export async function auditConsoleCommand(ctx: ServiceContext, viewer: ConsoleViewer, text: string, outcome: string, now: Date): Promise<void> {
  await inTransaction(ctx.ds, (tx) =>
    appendAudit(tx, { actorId: viewer.employeeId, actor: null, action: 'console.command', subjectType: 'console_session', subjectId: String(viewer.sessionId), details: { text, sessionId: viewer.sessionId, outcome }, at: now }),
  );
}

/** A payroll file to download. */
export interface PayrollDownload {
  name: string;
  mediaType: string;
  content: Buffer;
}

/**
 * The payroll of `month` as the console downloads it: the contract CSV (byte for byte what
 * `bot payroll export --month` writes, with `--draft` for a month not closed yet) or the xlsx of
 * `导出`. A month not closed gives the draft, named 工资草稿 so nobody pays from it. Audited as
 * payroll.export (actor 'console', the admin's id), as every export is (H-20).
 */
export async function payrollDownload(ctx: ServiceContext, viewer: ConsoleViewer, month: string, format: 'csv' | 'xlsx', now: Date): Promise<PayrollDownload> {
  const closed = await inTransaction(ctx.ds, (tx) => isMonthClosed(tx, month));
  const { rows } = await payrollRows(ctx, month, { draft: !closed, now, actor: 'console', actorId: viewer.employeeId });
  const stem = closed ? 'payroll' : 'payroll-draft';
  if (format === 'csv') return { name: `${stem}-${month}.csv`, mediaType: 'text/csv; charset=utf-8', content: Buffer.from(payrollCsv(rows), 'utf8') };
  const { content } = await payrollXlsxWithSummary(rows, month, { flags: await closeSummaryFlags(ctx, month) });
  return { name: `${closed ? '工资表' : '工资草稿'}-${month}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content };
}
