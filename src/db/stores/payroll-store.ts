import { Payslip } from '../entities';
import type { Tx } from './tx';

/** Pay slips (payslips): each month's slip per employee, a re-close writing the next revision. */

/** The latest stored revision of an employee's slip for `month`, or null. */
export function latestPayslip(tx: Tx, employeeId: number, month: string): Promise<Payslip | null> {
  return tx.findOne(Payslip, { where: { employeeId, month }, order: { revision: 'DESC' } });
}

/** Every stored revision of `month`'s slips, oldest revision first. */
export function payslipsOfMonth(tx: Tx, month: string): Promise<Payslip[]> {
  return tx.find(Payslip, { where: { month }, order: { revision: 'ASC' } });
}

/** True once any slip of `month` is stored (the month has been closed). */
export async function hasPayslips(tx: Tx, month: string): Promise<boolean> {
  return (await tx.countBy(Payslip, { month })) > 0;
}

/** Stores a revision of a slip. */
export async function insertPayslip(tx: Tx, payslip: Omit<Payslip, 'id'>): Promise<void> {
  await tx.insert(Payslip, payslip);
}
