import type { MonthChange } from '../../db/entities';
import { openMonthChanges } from '../../db/stores/month-change-store';
import { countEmployees } from '../../db/stores/org-store';
import { hasFinishedClose } from '../../db/stores/payroll-store';
import { currentManager } from '../../db/transaction';
import type { ServiceContext } from '../service-context';

/** What an admin's 结算 of a month would do: close it or re-close it, for how many employees, with which changes waiting. */
export interface ClosePlan {
  month: string;
  /** Closed before: this is a re-close (a new revision of each slip that changed). */
  closed: boolean;
  employees: number;
  /** The changes to the closed month not yet in a close (待重新结算), oldest first. */
  open: MonthChange[];
  /** The whole company fits the chat turn's budget (`payroll.chatCloseMaxEmployees`); else it runs as a job. */
  inline: boolean;
}

/** The plan of closing `month` from the chat, read in the current transaction. */
export async function closePlan(ctx: ServiceContext, month: string): Promise<ClosePlan> {
  const tx = currentManager(ctx.ds);
  const closed = await hasFinishedClose(tx, month);
  const employees = await countEmployees(tx);
  const open = closed ? await openMonthChanges(tx, month) : [];
  return { month, closed, employees, open, inline: employees <= ctx.policy.payroll.chatCloseMaxEmployees };
}
