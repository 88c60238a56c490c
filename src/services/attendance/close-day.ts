import type { Employee } from '../../db/entities';
import { employeeRoster } from '../../db/stores/org-store';
import { hasFinishedClose } from '../../db/stores/payroll-store';
import { monthOf } from '../../domain/dates';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import type { ServiceContext } from '../service-context';
import { currentManager, writeTransaction } from '../../db/transaction';
import { employeesOf, EMPLOYEES_PER_CHUNK, forEachChunk, type EmployeeFailure } from '../employee-batch';
import { judgeEmployeeDayIn, judgeEmployeeDaysIn, type EmployeeDayResult } from './judge-employee-day';

/** What closing a day did. */
export interface CloseDayResult {
  date: string;
  judged: number;
  incidents: number;
  added: number;
  reversed: number;
  provisional: boolean;
  results: EmployeeDayResult[];
  /** Employees whose day could not be judged (nothing stored for them); the others were. */
  failures: EmployeeFailure[];
}

/**
 * Judges `date` for every employee (H-11, H-12, H-14): points and fines for missing punches,
 * early leave, absence and the meeting. Safe to run any number of times, in any order: each
 * run reconciles the ledger to the facts it finds, a chunk of employees per transaction
 * (`chunkSize`, EMPLOYEES_PER_CHUNK by default); when a chunk fails its employees are judged one
 * at a time, and one that fails is reported in `failures` while the others are judged.
 */
export async function closeDay(ctx: ServiceContext, date: string, now: Date, opts: { chunkSize?: number } = {}): Promise<CloseDayResult> {
  const roster = await employeeRoster(currentManager(ctx.ds));
  const { results, failures } = await forEachChunk(ctx, 'close-day', roster, opts.chunkSize ?? EMPLOYEES_PER_CHUNK, (refs) =>
    writeTransaction(ctx.ds, async (tx) => {
      const judged = await judgeEmployeeDaysIn(tx, ctx, await employeesOf(tx, refs), date, now, 'all');
      // A day of a month already closed (a late run, a fact that came late): changed slips await a re-close.
      const changed = judged.filter((r) => r.changes.added.length || r.changes.reversed.length);
      if (changed.length && (await hasFinishedClose(tx, monthOf(date)))) {
        for (const r of changed) {
          await onClosedMonthChange(tx, ctx, { employeeId: r.employeeId, date, what: `${date} 的考勤重新判定：新增 ${r.changes.added.length} 条、冲销 ${r.changes.reversed.length} 条积分记录`, at: now });
        }
      }
      return judged;
    }),
  );
  const judged = results.filter((r) => r.verdict);
  return {
    date,
    judged: judged.length,
    incidents: judged.reduce((s, r) => s + (r.verdict?.incidents.length ?? 0), 0),
    added: results.reduce((s, r) => s + r.changes.added.length, 0),
    reversed: results.reduce((s, r) => s + r.changes.reversed.length, 0),
    provisional: ctx.calendar.day(date).provisional,
    results,
    failures,
  };
}

/** Re-judges one employee's day now (a late approval, a correction): the close of that day again. */
export async function rejudgeEmployeeDay(ctx: ServiceContext, who: Employee, date: string, now: Date): Promise<EmployeeDayResult> {
  return writeTransaction(ctx.ds, (tx) => judgeEmployeeDayIn(tx, ctx, who, date, now, 'all'));
}
