/** What the report services share: who files, work dates and deadlines, and the examples shown with refusals. */
import { ForbiddenError } from '../../core/errors';
import type { Person } from '../../domain/authority';
import { WorkDate, zonedMinute } from '../../domain/dates';
import type { Policy } from '../../domain/policy';

/** One correct 日报, shown with every refusal. */
export const REPORT_EXAMPLE = '日报 通话 120';

/** One correct 周报, shown with refusals. */
export const SUMMARY_EXAMPLE = '周报 本周拨打 600，A 类 2 个……';

/** One correct 回款, shown with refusals. */
export const COLLECTION_EXAMPLE = '回款 @张三 52000 华为技术';

/** One correct 确认, shown with refusals. */
export const QUALIFY_EXAMPLE = '确认 C310 已拜访 档案完整 已签字';

/** One correct 确认 by a supervisor or admin for the salesperson who visited. */
export const QUALIFY_FOR_EXAMPLE = '确认 C310 @李四 已拜访 档案完整 已签字';

/** One correct 客户 line, shown with every refusal. */
export const RECORD_EXAMPLE = '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A';

/** Only agents file call reports and customer records (H-2); anyone else is told so. */
export function requireAgent(who: Person, what: '日报' | '客户记录'): void {
  if (who.role !== 'agent') throw new ForbiddenError(`只有电话销售员提交${what}（H-2）。`, 'report.agents-only');
}

/** The work date of an instant in the policy's time zone. */
export function workDateOf(at: Date, policy: Policy): WorkDate {
  return zonedMinute(at, policy.timezone).date;
}

/** True when the sent-at, truncated to the minute in the zone, is not after `minute` on `date`. */
export function notAfter(at: Date, date: WorkDate, minute: number, policy: Policy): boolean {
  const z = zonedMinute(at, policy.timezone);
  return z.date < date || (z.date === date && z.minute <= minute);
}
