import type { Notice } from '../core/notifier';
import { monthRange, zonedMinute } from '../domain/dates';
import { formatYuan } from '../domain/money';
import { closedPayslipView, type ClosedSlip, type CloseMonthResult } from '../services/payroll';
import { employedOn } from '../services/people';
import type { ServiceContext } from '../services/service-context';
import type { JobViews } from './job-views';

/**
 * After a close: each pay slip this run wrote, in private to its employee (everyone with a slip
 * on a first close, those who left during the month included; the changed ones on a re-close),
 * built from the slips just written, and the admins a summary with the command that exports the
 * payroll file.
 */
export async function payslipNotices(ctx: ServiceContext, month: string, r: CloseMonthResult, slips: ClosedSlip[], views: JobViews, now: Date, keySuffix: string): Promise<Notice[]> {
  const asOf = zonedMinute(now, ctx.policy.timezone).date;
  const { last } = monthRange(month);
  const notices: Notice[] = [];
  let totalFen = 0;
  for (const s of slips) {
    totalFen += s.figures.totalFen;
    const view = closedPayslipView(month, { ...s.figures, revision: s.revision, items: s.items, createdAt: s.createdAt });
    notices.push({
      intent: { kind: 'send', to: { kind: 'employee', employeeId: s.employee.id }, body: { kind: 'card', card: views.payslip(s.employee.name, view, asOf) } },
      dedupKey: `payslip:${month}:${s.employee.id}:r${s.revision}`,
    });
  }
  const what = r.changes.length ? `重新结算，${slips.length} 人的工资条有变化` : `已结算，共 ${slips.length} 人，合计 ${formatYuan(totalFen)} 元`;
  for (const admin of await employedOn(ctx, last, ['admin'])) {
    notices.push({
      intent: { kind: 'send', to: { kind: 'employee', employeeId: admin.id }, body: { kind: 'text', text: `${month} 工资${what}。发送「导出 ${Number(month.slice(5, 7))}月」即可在聊天里收到工资表（xlsx 和 CSV 文件）。` } },
      dedupKey: `payroll-summary:${month}:${admin.id}${keySuffix}:${r.changes.length ? 'reclose' : 'close'}`,
    });
  }
  return notices;
}
