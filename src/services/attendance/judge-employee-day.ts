import type { Employee } from '../../db/entities';
import { recordDayVerdicts, type DayVerdictRow, type PunchFact } from '../../db/stores/attendance-store';
import type { Tx } from '../../db/stores/tx';
import { judgeDay, type DayFacts, type DayVerdict } from '../../domain/day-judgement';
import { reconcileSources, type ReconcileResult } from '../ledger';
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
 * Judges the day of each of `employees` from the facts in the database and reconciles the
 * ledger, the set at once: each kind of fact is read for everyone in one statement, each day is
 * judged alone by the pure rules (judgeDay), and the entries are written in multi-row inserts.
 * `scope` 'all' is the day's close (and writes attendance_days); 'lateness' is the clock-in.
 * `punches`: the day's punches by employee when the caller has just read (and written) them.
 * One result per employee, in order. The close runs it per chunk of employees; a clock-in, a
 * check-in or an approval runs it for a set of one ({@link judgeEmployeeDayIn}).
 */
export async function judgeEmployeeDaysIn(
  tx: Tx,
  ctx: ServiceContext,
  employees: Employee[],
  date: string,
  now: Date,
  scope: 'all' | 'lateness',
  punches?: Map<number, PunchFact[]>,
): Promise<EmployeeDayResult[]> {
  const provisional = ctx.calendar.day(date).provisional;
  const reasons = employees.map((e) => notJudgedReason(ctx, e, date));
  const judged = employees.filter((_e, i) => !reasons[i]);
  const facts = judged.length ? await loadDayFacts(tx, ctx, judged, date, punches) : new Map<number, DayFacts>();
  const verdicts = employees.map((e, i) => (reasons[i] ? null : judgeDay(facts.get(e.id) as DayFacts, ctx.policy)));
  const wishes = employees.map((e, i) => ({
    source: { type: 'day' as const, employeeId: e.id, workDate: date },
    desired: (verdicts[i]?.incidents ?? []).map((inc) => ({ code: inc.code, rule: inc.rule, points: inc.points, fineFen: inc.fineFen, reason: inc.minutes ? `${inc.minutes} 分钟` : undefined })),
  }));
  const changes = await reconcileSources(tx, 'day', wishes, scope === 'all' ? 'all' : LATENESS_CODES, now);
  if (scope === 'all') {
    const row = (employeeId: number, verdict: DayVerdict | null): DayVerdictRow => ({
      employeeId,
      workDate: date,
      status: verdict?.status ?? 'not-judged',
      lateMinutes: verdict?.lateMinutes ?? 0,
      earlyMinutes: verdict?.earlyMinutes ?? 0,
      provisional,
      judgedAt: now,
    });
    await recordDayVerdicts(
      tx,
      employees.flatMap((e, i) => (verdicts[i] ? [row(e.id, verdicts[i])] : [])),
      { employeeIds: employees.filter((_e, i) => !verdicts[i]).map((e) => e.id), row: row(0, null) },
    );
  }
  return employees.map((e, i) => ({ employeeId: e.id, date, verdict: verdicts[i], notJudged: reasons[i], provisional, changes: changes[i] }));
}

/**
 * Judges one employee's day: {@link judgeEmployeeDaysIn} for a set of one, so a clock-in, a
 * late check-in or an approval judges exactly as the close does.
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
  const [result] = await judgeEmployeeDaysIn(tx, ctx, [employee], date, now, scope, punches && new Map([[employee.id, punches]]));
  return result;
}
