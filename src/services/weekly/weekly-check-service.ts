import type { Employee } from '../../db/entities';
import { sourceHasEntries, standingEntries } from '../../db/stores/ledger-store';
import { employee, employeeRoster } from '../../db/stores/org-store';
import { weeklySummaryOf } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { addDays, mondayOf, zonedInstant } from '../../domain/dates';
import { currentManager, writeTransaction } from '../../db/transaction';
import { notJudgedReason } from '../attendance';
import { notAfter } from '../reports/report-rules';
import { loadDayFacts } from '../attendance/day-facts';
import { forEachEmployee, type EmployeeFailure } from '../employee-batch';
import { reconcile, sourceIdOf, type ReconcileResult } from '../ledger';
import type { ServiceContext } from '../service-context';

/** The H-13 code in the ledger. */
export const SUMMARY_MISSING = 'summary-missing';

/** The deadline of a week's summary: 18:00 (policy) on its last workday; null for a week without workdays. */
export function summaryDeadline(ctx: ServiceContext, monday: string): { date: string; at: Date } | null {
  const date = ctx.calendar.lastWorkdayOfWeek(monday);
  return date ? { date, at: zonedInstant(date, ctx.policy.weeklySummary.deadline, ctx.policy.timezone) } : null;
}

/**
 * Whether a summary is due from `employee` for the week (H-13, edges): the week has at least
 * one workday judged for them that is not whole-day leave.
 */
async function isDue(tx: Tx, ctx: ServiceContext, who: Employee, monday: string): Promise<boolean> {
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    if (notJudgedReason(ctx, who, date)) continue;
    if ((await loadDayFacts(tx, ctx, who, date)).leave !== 'full') return true;
  }
  return false;
}

/** Judges one employee's week: −5 (H-13) when a summary was due and none was stamped by the deadline. */
export async function checkEmployeeWeekIn(tx: Tx, ctx: ServiceContext, who: Employee, monday: string, now: Date): Promise<ReconcileResult> {
  const deadline = summaryDeadline(ctx, monday);
  if (!deadline) return { added: [], reversed: [] };
  const source = { type: 'week' as const, employeeId: who.id, workDate: deadline.date };
  const summary = await weeklySummaryOf(tx, who.id, monday);
  const onTime = summary !== null && notAfter(summary.sentAt, deadline.date, ctx.policy.weeklySummary.deadline, ctx.policy);
  const missing = !onTime && (await isDue(tx, ctx, who, monday));
  const desired = missing ? [{ code: SUMMARY_MISSING, rule: 'H-13', points: ctx.policy.weeklySummary.missing.points, fineFen: 0 }] : [];
  return reconcile(tx, source, 'all', desired, now);
}

/**
 * Re-judges an employee's week if it was judged before (a late approval, a summary stamped in
 * time but delivered late); a week not yet judged waits for its check.
 */
export async function recheckWeekIfJudged(tx: Tx, ctx: ServiceContext, who: Employee, monday: string, now: Date): Promise<void> {
  const deadline = summaryDeadline(ctx, monday);
  if (!deadline) return;
  const judged = await sourceHasEntries(tx, 'week', sourceIdOf({ type: 'week', employeeId: who.id, workDate: deadline.date }));
  if (judged) await checkEmployeeWeekIn(tx, ctx, who, monday, now);
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

/** The weekly-summary check (H-13) for the week containing `date`, for everyone, one employee per transaction; re-runnable. */
export async function checkWeek(ctx: ServiceContext, date: string, now: Date): Promise<WeekCheckResult> {
  const monday = mondayOf(date);
  const deadline = summaryDeadline(ctx, monday);
  const roster = await employeeRoster(currentManager(ctx.ds));
  const { results, failures } = await forEachEmployee(ctx, 'weekly-summary-check', roster, (ref) =>
    writeTransaction(ctx.ds, async (tx) => checkEmployeeWeekIn(tx, ctx, await employee(tx, ref.id), monday, now)),
  );
  const added = results.reduce((n, r) => n + r.added.length, 0);
  const reversed = results.reduce((n, r) => n + r.reversed.length, 0);
  const missing = deadline ? await standingEntries(currentManager(ctx.ds), 'week', SUMMARY_MISSING, deadline.date) : 0;
  return { monday, deadline: deadline?.date ?? null, missing, added, reversed, failures };
}
