import type { LeaveRequest } from '../../db/entities';

const HALF = { am: '上午', pm: '下午' } as const;

/** 'M月D日' of a date. */
export function chineseDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** A request's span in the users' words: 12月3日 全天, 12月3日 下午 至 12月4日 上午. */
export function describeSpan(r: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>): string {
  const start = r.startHalf as keyof typeof HALF;
  const end = r.endHalf as keyof typeof HALF;
  if (r.startDate === r.endDate) {
    if (start === 'am' && end === 'pm') return `${chineseDate(r.startDate)} 全天`;
    return `${chineseDate(r.startDate)} ${HALF[start]}`;
  }
  const from = start === 'am' ? chineseDate(r.startDate) : `${chineseDate(r.startDate)} 下午`;
  const to = end === 'pm' ? chineseDate(r.endDate) : `${chineseDate(r.endDate)} 上午`;
  return `${from} 至 ${to}`;
}

/** 事假 or 病假. */
export function kindName(kind: string): string {
  return kind === 'sick' ? '病假' : '事假';
}

/** The status of a request in the users' words. */
export const STATUS_NAME: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', cancelled: '已撤回' };
