import type { NeutralCard } from '../../core/neutral-card';
import type { Notice } from '../../core/notifier';
import { monthRange, zonedMinute } from '../../domain/dates';
import { employedOn } from '../people';
import type { ServiceContext } from '../service-context';
import { closeSummaryText } from './close-summary';
import type { ClosedSlip } from './month-close-chunk';
import type { CloseMonthResult } from './month-close-service';
import { closedPayslipView, type PayslipView } from './employee-payslip';

/** How a pay slip looks in its notice: the 工资 command's card, handed in by the caller's layer. */
export type PayslipCardOf = (name: string, slip: PayslipView, asOf: string) => NeutralCard;

/**
 * After a close (the monthly job or an admin's 结算): each pay slip this run wrote, in private
 * to its employee (everyone with a slip on a first close, those who left during the month
 * included; only the changed ones on a re-close), built from the slips just written; and every
 * admin but `except` the close summary (closeSummaryText). The keys make each slip revision
 * and each run's summary once-only, whoever ran the close.
 */
export async function closeNotices(
  ctx: ServiceContext,
  r: CloseMonthResult,
  slips: ClosedSlip[],
  opts: { card: PayslipCardOf; now: Date; keySuffix: string; except?: number },
): Promise<Notice[]> {
  const asOf = zonedMinute(opts.now, ctx.policy.timezone).date;
  const notices: Notice[] = slips.map((s) => ({
    intent: {
      kind: 'send',
      to: { kind: 'employee', employeeId: s.employee.id },
      body: { kind: 'card', card: opts.card(s.employee.name, closedPayslipView(r.month, { ...s.figures, revision: s.revision, items: s.items, createdAt: s.createdAt }), asOf) },
    },
    dedupKey: `payslip:${r.month}:${s.employee.id}:r${s.revision}`,
  }));
  const text = closeSummaryText(r, slips, ctx.policy, asOf);
  for (const admin of await employedOn(ctx, monthRange(r.month).last, ['admin'])) {
    if (admin.id === opts.except) continue;
    // Once per run of the close: a run resumed after a crash is the same run.
    notices.push({ intent: { kind: 'send', to: { kind: 'employee', employeeId: admin.id }, body: { kind: 'text', text } }, dedupKey: `payroll-summary:${r.month}:${admin.id}${opts.keySuffix}:c${r.runId ?? 0}` });
  }
  return notices;
}
