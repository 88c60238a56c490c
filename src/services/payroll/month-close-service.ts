import type { Employee, MonthClose, Payslip } from '../../db/entities';
import { openMonthChanges, resolveMonthChanges } from '../../db/stores/month-change-store';
import { appendAudit } from '../../db/stores/audit-store';
import { allEmployees, employeeRoster } from '../../db/stores/org-store';
import { closesOfMonth, finishMonthClose, hasFinishedClose, payslipRevisionsOf, payslipsOfMonth, startMonthClose } from '../../db/stores/payroll-store';
import { savepoint, type Tx } from '../../db/stores/tx';
import { inTransaction } from '../../db/transaction';
import { EMPLOYEES_PER_CHUNK, forEachChunk, type EmployeeFailure } from '../employee-batch';
import { UserError } from '../../core/errors';
import { monthRange, zonedInstant } from '../../domain/dates';
import { computePayslip, type PayslipFigures } from '../../domain/payslip';
import type { ServiceContext } from '../service-context';
import { closeChunk, type ClosedSlip, type CloseRun, type PayslipChange } from './month-close-chunk';
import { gatherMonthPayFacts } from './pay-facts';
import { changedFields } from './payslip-items';

export type { ClosedSlip, PayslipChange } from './month-close-chunk';

/** One employee's computed pay slip for a month. */
export interface PayslipDraft {
  employee: Employee;
  figures: PayslipFigures;
}

/** What closing a month did. */
export interface CloseMonthResult {
  month: string;
  /** The month was closed before and this run did nothing (no --force). */
  alreadyClosed: boolean;
  created: number;
  /** The employees whose pay slip this run wrote (everyone employed on a first close; the changed ones on a re-close). */
  written: Employee[];
  changes: PayslipChange[];
  /** Employees whose slip could not be computed or stored: recorded, and the others closed. */
  failures: EmployeeFailure[];
  /** The changes to the closed month (待重新结算) this run saw when it started, and resolved. */
  marked: MarkedChange[];
  /** A close of the month had finished before this run: it wrote only the slips that changed. */
  reclose: boolean;
  /** The run (month_closes.id) that did it; null when nothing ran. */
  runId: number | null;
}

/** A change to the closed month that a close resolved: whose slip, the day, what happened. */
export interface MarkedChange {
  employee: Pick<Employee, 'id' | 'no' | 'name'>;
  workDate: string;
  what: string;
}

/** Options of a close: when, forced (an admin's re-close), by whom; the chunk size and a hook after each chunk commits. */
export interface CloseMonthOptions {
  now: Date;
  force?: boolean;
  actor?: string;
  /** Employees per transaction (EMPLOYEES_PER_CHUNK). */
  chunkSize?: number;
  /** Called after each chunk has committed, with how many employees are done: progress (a test stops the close there, as a crash would). */
  onChunk?: (done: number) => Promise<void> | void;
}

/**
 * Computes the pay slips of `month` from the facts now in the database (nothing stored): every
 * employee's, or those `only` keeps (a supervisor's page needs the team's, not the company's).
 */
export async function draftPayslips(tx: Tx, ctx: ServiceContext, month: string, only?: (e: Employee) => boolean): Promise<PayslipDraft[]> {
  const employees = only ? (await allEmployees(tx)).filter(only) : await allEmployees(tx);
  const drafts: PayslipDraft[] = [];
  for (let i = 0; i < employees.length; i += EMPLOYEES_PER_CHUNK) {
    const chunk = employees.slice(i, i + EMPLOYEES_PER_CHUNK);
    const facts = await gatherMonthPayFacts(tx, ctx, chunk, month);
    for (const employee of chunk) {
      const f = facts.get(employee.id);
      if (f) drafts.push({ employee, figures: computePayslip(f, ctx.policy) });
    }
  }
  return drafts;
}

/**
 * The revisions of `slips` that people see: those a finished run wrote (or written before
 * closes were recorded). A run a crash interrupted publishes nothing until it is resumed.
 */
function published(slips: Payslip[], runs: MonthClose[]): Payslip[] {
  const unfinished = new Set(runs.filter((r) => r.finishedAt === null).map((r) => r.id));
  return slips.filter((p) => p.closeId === null || !unfinished.has(p.closeId));
}

/** The latest published revision of each employee's pay slip for `month`, by employee id. */
export async function latestPayslips(tx: Tx, month: string): Promise<Map<number, Payslip>> {
  const runs = await closesOfMonth(tx, month);
  const all = published(await payslipsOfMonth(tx, month), runs);
  return new Map(all.map((p) => [p.employeeId, p]));
}

/** Whether `month` is closed and, when it is, the latest published revision of one employee's slip (null: none). */
export async function publishedPayslip(tx: Tx, employeeId: number, month: string): Promise<{ monthClosed: boolean; slip: Payslip | null }> {
  const runs = await closesOfMonth(tx, month);
  if (!runs.some((r) => r.finishedAt !== null)) return { monthClosed: false, slip: null };
  const revisions = published(await payslipRevisionsOf(tx, month, [employeeId]), runs).sort((a, b) => a.revision - b.revision);
  return { monthClosed: true, slip: revisions.at(-1) ?? null };
}

/** True once a close of `month` has finished (a close a crash interrupted has not). */
export function isMonthClosed(tx: Tx, month: string): Promise<boolean> {
  return hasFinishedClose(tx, month);
}

/** What a re-close would change: facts that arrived after the month was closed. */
export async function pendingChanges(ctx: ServiceContext, month: string): Promise<PayslipChange[]> {
  return inTransaction(ctx.ds, async (tx) => diff(await draftPayslips(tx, ctx, month), await latestPayslips(tx, month)));
}

function diff(drafts: PayslipDraft[], stored: Map<number, Payslip>): PayslipChange[] {
  const changes: PayslipChange[] = [];
  for (const d of drafts) {
    const before = stored.get(d.employee.id);
    const fields = before ? changedFields(before, d.figures) : ['new'];
    if (fields.length) changes.push({ employee: d.employee, before: before ?? d.figures, after: d.figures, fields });
  }
  return changes;
}

/**
 * The run this close continues: the unfinished one a crash left, else a new one; null when the
 * month is closed and this is no forced re-close.
 */
async function openRun(tx: Tx, month: string, opts: CloseMonthOptions): Promise<CloseRun | null> {
  const runs = await closesOfMonth(tx, month);
  const closed = runs.some((r) => r.finishedAt !== null);
  if (closed && !opts.force) return null;
  const run = runs.find((r) => r.finishedAt === null) ?? (await startMonthClose(tx, month, opts.now));
  return { id: run.id, month, reclose: closed, now: opts.now };
}

/** {@link closeMonth}, with the slips it wrote (for their notices). */
export async function closeMonthWithSlips(ctx: ServiceContext, month: string, opts: CloseMonthOptions): Promise<{ result: CloseMonthResult; slips: ClosedSlip[] }> {
  const { last } = monthRange(month);
  if (opts.now < zonedInstant(last, 24 * 60, ctx.policy.timezone)) {
    throw new UserError(`${month} 还没有结束，不能结算。`, undefined, 'payroll.month-open');
  }
  const run = await inTransaction(ctx.ds, (tx) => openRun(tx, month, opts));
  if (!run) return { result: { month, alreadyClosed: true, created: 0, written: [], changes: [], failures: [], marked: [], reclose: false, runId: null }, slips: [] };
  // Changes recorded from here on may have missed their chunk: they stay open for the next close.
  const open = await inTransaction(ctx.ds, (tx) => openMonthChanges(tx, month));
  const roster = await inTransaction(ctx.ds, (tx) => employeeRoster(tx));
  const byId = new Map(roster.map((e) => [e.id, e]));
  let done = 0;
  const { results, failures } = await forEachChunk(ctx, 'close-month', roster, opts.chunkSize ?? EMPLOYEES_PER_CHUNK, async (refs) => {
    // A savepoint too: inside a caller's transaction a failed chunk leaves nothing either.
    const outcomes = await inTransaction(ctx.ds, (tx) => savepoint(tx, (sp) => closeChunk(sp, ctx, run, refs)));
    done += refs.length;
    await opts.onChunk?.(done);
    return outcomes;
  });
  const written = results.flatMap((r) => (r ? [r] : []));
  // A change of someone whose slip failed stays open: their slip still awaits a close.
  const failed = new Set(failures.map((f) => f.employeeId));
  const resolved = open.filter((c) => !failed.has(c.employeeId));
  const marked = resolved.map((c) => ({ employee: byId.get(c.employeeId) ?? { id: c.employeeId, no: '?', name: `#${c.employeeId}` }, workDate: c.workDate, what: c.what }));
  const changes = written.flatMap((r) => (r.change ? [r.change] : []));
  const actor = opts.actor ?? 'system';
  await inTransaction(ctx.ds, async (tx) => {
    for (const f of failures) {
      await appendAudit(tx, {
        actorId: null, actor, action: 'payroll.close-failed', subjectType: 'employee', subjectId: String(f.employeeId), details: { month, no: f.no, reason: f.reason }, at: opts.now,
      });
    }
    await appendAudit(tx, {
      actorId: null, actor, action: run.reclose ? 'payroll.reclose' : 'payroll.close', subjectType: 'month', subjectId: month,
      details: { written: written.length, changed: changes.map((c) => ({ no: c.employee.no, fields: c.fields })), failed: failures.map((f) => f.no) }, at: opts.now,
    });
    await resolveMonthChanges(tx, resolved.map((c) => c.id), run.id, opts.now);
    await finishMonthClose(tx, run.id, opts.now);
  });
  const result = { month, alreadyClosed: false, created: written.length, written: written.map((r) => r.slip.employee), changes, failures, marked, reclose: run.reclose, runId: run.id };
  return { result, slips: written.map((r) => r.slip) };
}

/**
 * Closes a month (H-8, H-10): one pay slip per employee employed in it, in fen, stored. A
 * closed month changes only with `force` (an admin's re-close), which writes the next revision
 * of each pay slip that changed and says what changed; without it nothing is written. The
 * employees are closed a chunk at a time, each chunk in its own transaction (closeChunk), and
 * the close is recorded as finished (month_closes) only after the last: a close a crash
 * interrupted is not closed yet, and the next run resumes it and converges. A chunk that
 * fails is closed again one employee at a time: one whose slip fails (a value that cannot be
 * stored, a corrupt row) is recorded in `failures` and the audit log, and the others close.
 */
export async function closeMonth(ctx: ServiceContext, month: string, opts: CloseMonthOptions): Promise<CloseMonthResult> {
  return (await closeMonthWithSlips(ctx, month, opts)).result;
}
