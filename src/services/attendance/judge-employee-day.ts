import type { Employee } from '../../db/entities';
import { recordDayVerdict, type PunchFact } from '../../db/stores/attendance-store';
import type { Tx } from '../../db/stores/tx';
import { judgeDay, type DayVerdict } from '../../domain/day-judgement';
import { reconcile, type ReconcileResult } from '../ledger';
import type { ServiceContext } from '../service-context';
import { loadDayFacts, notJudgedReason } from './day-facts';

/** Codes entered at the clock-in (docs/rules.md: lateness is entered at once, the rest at close). */
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
  tx: Tx,
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
  const verdict = reason ? null : judgeDay(await loadDayFacts(tx, ctx, employee, date, punches), ctx.policy);
  const desired = (verdict?.incidents ?? []).map((i) => ({ code: i.code, rule: i.rule, points: i.points, fineFen: i.fineFen, reason: i.minutes ? `${i.minutes} 分钟` : undefined }));
  const changes = await reconcile(tx, source, scope === 'all' ? 'all' : LATENESS_CODES, desired, now);
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
    await recordDayVerdict(tx, row, verdict !== null);
  }
  return { employeeId: employee.id, date, verdict, notJudged: reason, provisional, changes };
}
