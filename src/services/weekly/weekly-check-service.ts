import type { Employee, LeaveRequest } from '../../db/entities';
import { approvedLeaveOfEmployeesBetween } from '../../db/stores/leave-store';
import { sourceHasEntries, standingEntries } from '../../db/stores/ledger-store';
import { employeeRoster } from '../../db/stores/org-store';
import { weeklySummariesOf } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { addDays, mondayOf, zonedInstant } from '../../domain/dates';
import { currentManager, writeTransaction } from '../../db/transaction';
import { notJudgedReason } from '../attendance';
import { notAfter } from '../reports/report-rules';
import { byEmployee, leaveCoverOf } from '../attendance/day-facts';
import { employeesOf, EMPLOYEES_PER_CHUNK, forEachChunk, type EmployeeFailure } from '../employee-batch';
import { reconcileSources, sourceIdOf, type ReconcileResult } from '../ledger';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import type { ServiceContext } from '../service-context';

/** The H-13 code in the ledger. */
export const SUMMARY_MISSING = 'summary-missing';

/** The deadline of a week's summary: 18:00 (policy) on its last workday; null for a week without workdays. */
export function summaryDeadline(ctx: ServiceContext, monday: string): { date: string; at: Date } | null {
  const date = ctx.calendar.lastWorkdayOfWeek(monday);
  return date ? { date, at: zonedInstant(date, ctx.policy.weeklySummary.deadline, ctx.policy.timezone) } : null;
}

/**
 * Whether a summary is due from `who` for the week (H-13, edges): the week has at least one
 * workday judged for them that is not whole-day leave; `leave` is their approved leave touching it.
 */
function isDue(ctx: ServiceContext, who: Employee, monday: string, leave: LeaveRequest[] | undefined): boolean {
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    if (notJudgedReason(ctx, who, date)) continue;
    if (leaveCoverOf(leave, date) !== 'full') return true;
  }
  return false;
}

/**
 * Judges the week of each of `employees` at once: −5 (H-13) when a summary was due and none was
 * stamped by the deadline. The summaries and the leave of the week are read for the set in one
 * statement each; one result per employee, in order. The check runs it per chunk; a late
 * approval or summary runs it for a set of one ({@link recheckWeekIfJudged}).
 */
export async function checkEmployeeWeeksIn(tx: Tx, ctx: ServiceContext, employees: Employee[], monday: string, now: Date): Promise<ReconcileResult[]> {
  const deadline = summaryDeadline(ctx, monday);
  if (!deadline) return employees.map(() => ({ added: [], reversed: [] }));
  const ids = employees.map((e) => e.id);
  const summaries = new Map((await weeklySummariesOf(tx, ids, monday)).map((s) => [s.employeeId, s]));
  const late = employees.filter((e) => {
    const summary = summaries.get(e.id);
    return !(summary && notAfter(summary.sentAt, deadline.date, ctx.policy.weeklySummary.deadline, ctx.policy));
  });
  const leave = late.length ? byEmployee(await approvedLeaveOfEmployeesBetween(tx, late.map((e) => e.id), monday, addDays(monday, 6))) : new Map<number, LeaveRequest[]>();
  const missing = new Set(late.filter((e) => isDue(ctx, e, monday, leave.get(e.id))).map((e) => e.id));
  const entry = { code: SUMMARY_MISSING, rule: 'H-13', points: ctx.policy.weeklySummary.missing.points, fineFen: 0 };
  const wishes = employees.map((e) => ({ source: { type: 'week' as const, employeeId: e.id, workDate: deadline.date }, desired: missing.has(e.id) ? [entry] : [] }));
  return reconcileSources(tx, 'week', wishes, 'all', now);
}

/**
 * Re-judges an employee's week if it was judged before (a late approval, a summary stamped in
 * time but delivered late); a week not yet judged waits for its check. A change to a week whose
 * deadline is in a closed month marks that month's slip (onClosedMonthChange).
 */
export async function recheckWeekIfJudged(tx: Tx, ctx: ServiceContext, who: Employee, monday: string, now: Date): Promise<void> {
  const deadline = summaryDeadline(ctx, monday);
  if (!deadline) return;
  const judged = await sourceHasEntries(tx, 'week', sourceIdOf({ type: 'week', employeeId: who.id, workDate: deadline.date }));
  if (!judged) return;
  const [r] = await checkEmployeeWeeksIn(tx, ctx, [who], monday, now);
  if (r.added.length || r.reversed.length) {
    const what = `${deadline.date} 截止的周报（H-13）重新检查：${r.added.length ? '记为未交' : '不再记为未交'}`;
    await onClosedMonthChange(tx, ctx, { employeeId: who.id, date: deadline.date, what, at: now });
  }
}

/** What checking a week did. */
export interface WeekCheckResult {
  monday: string;
  deadline: string | null;
  missing: number;
  added: number;
  reversed: number;
  /** Employees whose week could not be checked (nothing stored for them); the others were. */
  failures: EmployeeFailure[];
}

/**
 * The weekly-summary check (H-13) for the week containing `date`, for everyone, a chunk of
 * employees per transaction (`chunkSize`, EMPLOYEES_PER_CHUNK by default; a failed chunk runs
 * again one employee at a time); re-runnable.
 */
export async function checkWeek(ctx: ServiceContext, date: string, now: Date, opts: { chunkSize?: number } = {}): Promise<WeekCheckResult> {
  const monday = mondayOf(date);
  const deadline = summaryDeadline(ctx, monday);
  const roster = await employeeRoster(currentManager(ctx.ds));
  const { results, failures } = await forEachChunk(ctx, 'weekly-summary-check', roster, opts.chunkSize ?? EMPLOYEES_PER_CHUNK, (refs) =>
    writeTransaction(ctx.ds, async (tx) => checkEmployeeWeeksIn(tx, ctx, await employeesOf(tx, refs), monday, now)),
  );
  const added = results.reduce((n, r) => n + r.added.length, 0);
  const reversed = results.reduce((n, r) => n + r.reversed.length, 0);
  const missing = deadline ? await standingEntries(currentManager(ctx.ds), 'week', SUMMARY_MISSING, deadline.date) : 0;
  return { monday, deadline: deadline?.date ?? null, missing, added, reversed, failures };
}
