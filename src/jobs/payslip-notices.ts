import type { Notice } from '../core/notifier';
import { closeNotices, type ClosedSlip, type CloseMonthResult } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import type { JobViews } from './job-views';

/** The monthly job's notices after a close ({@link closeNotices}): the slips it wrote, and the summary to the admins. */
export function payslipNotices(ctx: ServiceContext, month: string, r: CloseMonthResult, slips: ClosedSlip[], views: JobViews, now: Date, keySuffix: string): Promise<Notice[]> {
  return closeNotices(ctx, { ...r, month }, slips, { card: views.payslip, now, keySuffix });
}
