import { previousRevisionTotals } from '../../db/stores/payroll-export-store';
import { inTransaction } from '../../db/transaction';
import { formatYuan } from '../../domain/money';
import type { ServiceContext } from '../service-context';
import type { PayrollRow } from './payroll-export';

/**
 * A rule of the close summary that flags a payroll row (合计为负 …): the flag's words, or null.
 * The xlsx shows a row's flags in its 标记 column and counts them in the totals row.
 */
export interface PayrollFlagRule {
  name: string;
  flag(row: PayrollRow): string | null;
}

/** A total below zero: the fines outweigh the pay, someone must look before paying. */
export const NEGATIVE_TOTAL: PayrollFlagRule = {
  name: 'negative-total',
  flag: (row) => (Number(row.total) < 0 ? '合计为负' : null),
};

/**
 * A total a re-close moved by more than `limitFen` from the revision before (`previous`, fen by
 * employee number), as the close summary flags it (`payroll.flagChangeYuan`).
 */
export function movedMoreThan(previous: ReadonlyMap<string, number>, limitFen: number): PayrollFlagRule {
  return {
    name: 'moved',
    flag(row) {
      const before = previous.get(String(row.employee_no));
      if (before === undefined) return null;
      const now = Math.round(Number(row.total) * 100);
      // One wording for every row, so the totals row and the summary count them together.
      return Math.abs(now - before) > limitFen ? `合计变动超过 ${formatYuan(limitFen)} 元` : null;
    },
  };
}

/**
 * The flags of the close summary (`closeFlags`) as rules over the exported rows: a negative total
 * only, by default. Extension point: a rule that needs more than the row is built from what it
 * needs and passed in `extra`, as {@link closeSummaryFlags} does.
 */
export function payrollFlags(extra: readonly PayrollFlagRule[] = []): PayrollFlagRule[] {
  return [NEGATIVE_TOTAL, ...extra];
}

/** Every flag of the close summary for `month`'s stored slips: a negative total, and a total a re-close moved by more than the policy amount. */
export async function closeSummaryFlags(ctx: ServiceContext, month: string): Promise<PayrollFlagRule[]> {
  const previous = await inTransaction(ctx.ds, (tx) => previousRevisionTotals(tx, month));
  return payrollFlags([movedMoreThan(previous, ctx.policy.payroll.flagChangeFen)]);
}
