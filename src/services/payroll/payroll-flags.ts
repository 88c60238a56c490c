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
 * The flags of the close summary. Extension point: a rule that needs more than the row (a total
 * that moved more than the policy allows since the last revision) is added here, built from
 * what it needs, and every export (chat and CLI) shows it.
 */
export function payrollFlags(extra: readonly PayrollFlagRule[] = []): PayrollFlagRule[] {
  return [NEGATIVE_TOTAL, ...extra];
}
