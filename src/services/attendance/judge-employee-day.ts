import type { EntityManager } from 'typeorm';
import { AttendanceDay, Employee } from '../../db/entities';
import { judgeDay, type DayVerdict } from '../../domain/day-judgement';
import { reconcile, type ReconcileResult } from '../ledger';
import type { ServiceContext } from '../service-context';
import { loadDayFacts, notJudgedReason, type PunchFact } from './day-facts';

/** Codes entered at the clock-in (HANDBOOK: lateness is entered at once, the rest at close). */
export const LATENESS_CODES: ReadonlySet<string> = new Set(['late', 'late-half']);

/** What judging one employee's day found and changed. */
export interface EmployeeDayResult {
  employeeId: number;
  date: string;
  verdict: DayVerdict | null;
  notJudged?: string;
  provisional: boolean;
  changes: ReconcileResult;
}

/**
 * Judges one employee's day from the facts in the database and reconciles the ledger:
 * `scope` 'all' is the day's close (and writes attendance_days); 'lateness' is the clock-in.
 * `punches`: the day's punches when the caller has just read (and written) them.
 */
export async function judgeEmployeeDayIn(
  em: EntityManager,
  ctx: ServiceContext,
  employee: Employee,
  date: string,
  now: Date,
  scope: 'all' | 'lateness',
  punches?: PunchFact[],
): Promise<EmployeeDayResult> {
  const source = { type: 'day' as const, employeeId: employee.id, workDate: date };
  const provisional = ctx.calendar.day(date).provisional;
  const reason = notJudgedReason(ctx, employee, date);
  const verdict = reason ? null : judgeDay(await loadDayFacts(em, ctx, employee, date, punches), ctx.policy);
  const desired = (verdict?.incidents ?? []).map((i) => ({ code: i.code, rule: i.rule, points: i.points, fineFen: i.fineFen, reason: i.minutes ? `${i.minutes} 分钟` : undefined }));
  const changes = await reconcile(em, source, scope === 'all' ? 'all' : LATENESS_CODES, desired, now);
  if (scope === 'all') {
    const row = {
      employeeId: employee.id,
      workDate: date,
      status: verdict?.status ?? 'not-judged',
      lateMinutes: verdict?.lateMinutes ?? 0,
      earlyMinutes: verdict?.earlyMinutes ?? 0,
      provisional,
      judgedAt: now,
    };
    const existing = await em.findOneBy(AttendanceDay, { employeeId: employee.id, workDate: date });
    if (existing) await em.update(AttendanceDay, { id: existing.id }, row);
    else if (verdict) await em.insert(AttendanceDay, row);
  }
  return { employeeId: employee.id, date, verdict, notJudged: reason, provisional, changes };
}

/** True when the day's close has run for this employee (a later fact must re-judge it). */
export async function isDayClosed(em: EntityManager, employeeId: number, date: string): Promise<boolean> {
  return (await em.countBy(AttendanceDay, { employeeId, workDate: date })) > 0;
}
