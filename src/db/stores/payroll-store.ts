import { MonthClose, Payslip } from '../entities';
import { Bound, insertMany, insertOne, selectWhere, Statement } from '../lean-queries';
import type { Tx } from './tx';

/**
 * Pay slips (payslips): each month's slip per employee, a re-close writing the next revision;
 * and the runs of closing a month (month_closes), each slip naming the run that wrote it.
 */

/** Every stored revision of `month`'s slips, oldest revision first. */
export function payslipsOfMonth(tx: Tx, month: string): Promise<Payslip[]> {
  return tx.find(Payslip, { where: { month }, order: { revision: 'ASC' } });
}

/** Every stored revision of `month`'s slips of the employees `employeeIds`, in id order (one statement). */
export async function payslipRevisionsOf(tx: Tx, month: string, employeeIds: number[]): Promise<Payslip[]> {
  return employeeIds.length ? selectWhere(tx, Payslip, { employeeId: Bound.oneOf(employeeIds), month }) : [];
}

/** Stores revisions of slips in multi-row statements, nothing read back. */
export function insertPayslips(tx: Tx, payslips: Array<Omit<Payslip, 'id'>>): Promise<void> {
  return insertMany(tx, Payslip, payslips);
}

// ---- the runs of a close ----

/** Every run of closing `month`, oldest first. */
export function closesOfMonth(tx: Tx, month: string): Promise<MonthClose[]> {
  return selectWhere(tx, MonthClose, { month });
}

/** Records the start of a run of closing `month`; returns it with its id. */
export async function startMonthClose(tx: Tx, month: string, at: Date): Promise<MonthClose> {
  const run: Omit<MonthClose, 'id'> = { month, startedAt: at, finishedAt: null };
  return { id: await insertOne(tx, MonthClose, run), ...run };
}

/** Records that run `id` has handled every employee. */
export async function finishMonthClose(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.update(MonthClose, { id }, { finishedAt: at });
}

/** Whether a run of closing a month has finished. */
const FINISHED = new Statement(
  (n) => `SELECT 1 AS closed FROM ${n.table(MonthClose)} WHERE ${n.column(MonthClose, 'month')} = ? AND ${n.column(MonthClose, 'finishedAt')} IS NOT NULL LIMIT 1`,
);

/** True once a close of `month` has finished (the month is closed). */
export async function hasFinishedClose(tx: Tx, month: string): Promise<boolean> {
  return (await FINISHED.run(tx, [month])).length > 0;
}
