import type { LeaveRequest } from '../../db/entities';
import { formatDate, formatDateWithWeekday } from '../../domain/date-format';

const HALF = { am: '上午', pm: '下午' } as const;

/**
 * A request's span in the users' words, relative to `today` (a date of another year shows it):
 * 12月3日 全天, 12月3日 上午, 12月3日（周四）下午 至 2027年1月4日（周一）上午 — a range shows
 * both ends' weekdays (docs/commands.md reading rules).
 */
export function describeSpan(r: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>, today: string): string {
  const start = r.startHalf as keyof typeof HALF;
  const end = r.endHalf as keyof typeof HALF;
  if (r.startDate === r.endDate) {
    if (start === 'am' && end === 'pm') return `${formatDate(r.startDate, today)} 全天`;
    return `${formatDate(r.startDate, today)} ${HALF[start]}`;
  }
  const from = formatDateWithWeekday(r.startDate, today) + (start === 'am' ? '' : '下午');
  const to = formatDateWithWeekday(r.endDate, today) + (end === 'pm' ? '' : '上午');
  // As formatDateRange: no space between a closing parenthesis and 至.
  return `${from}${start === 'am' ? '' : ' '}至 ${to}`;
}

/** 事假 or 病假. */
export function kindName(kind: string): string {
  return kind === 'sick' ? '病假' : '事假';
}

/** The status of a request in the users' words. */
export const STATUS_NAME: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', cancelled: '已撤回' };
