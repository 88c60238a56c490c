import type { CardInput, NeutralCard } from '../core/neutral-card';
import type { EmployeeRecord } from '../domain/employee-record';
import { formatMonth, formatZonedDateTime } from '../domain/date-format';
import { monthOf } from '../domain/dates';
import type { LeaveRequest } from '../services/leave';
import { describeSpan, kindName } from '../services/leave';
import { decisionButtons } from './request-kinds';

/** The logical key of a request's approval cards: an update reaches every copy. */
export const leaveCardKey = (id: number): string => `leave:${id}`;

/** What the approval card shows besides the request. */
export interface ApprovalContext {
  requester: EmployeeRecord;
  /** The requester's month of the leave so far: score and approved leave days. */
  monthScore: number;
  approvedDaysThisMonth: number;
  /** Who decided, once decided. */
  decider?: EmployeeRecord;
  timeZone: string;
  /** Today in the company's zone: a date of another year is shown with it. */
  today: string;
}

const VERDICT: Record<string, string> = { approved: '批准', rejected: '驳回', cancelled: '撤回' };

/** The requester's month of the leave: 本月 when it is this month, else named (with its year outside today's). */
function monthField(startDate: string, c: ApprovalContext): { label: string; value: string } {
  const figures = `积分 ${c.monthScore}，已批假 ${c.approvedDaysThisMonth} 天`;
  if (monthOf(startDate) === monthOf(c.today)) return { label: '本月', value: figures };
  return { label: '当月', value: `${formatMonth(monthOf(startDate), c.today)} ${figures}` };
}

const HALVES = [
  { value: '全天', label: '全天' },
  { value: '上午', label: '上午' },
  { value: '下午', label: '下午' },
];

/** The inputs of the leave form: the same fields as the text command. */
export const LEAVE_FORM_INPUTS: readonly CardInput[] = [
  { name: 'kind', label: '类型', kind: 'select', options: [{ value: '事假', label: '事假' }, { value: '病假', label: '病假' }], required: true, initial: '事假' },
  { name: 'start', label: '开始日期', kind: 'date', required: true },
  { name: 'startHalf', label: '开始', kind: 'select', options: HALVES, initial: '全天' },
  { name: 'end', label: '结束日期（一天可不填）', kind: 'date' },
  { name: 'endHalf', label: '结束', kind: 'select', options: HALVES, initial: '全天' },
  { name: 'reason', label: '原因', kind: 'textarea', required: true },
];

/**
 * The leave approval card (H-14): type, dates, reason, whether the sick note is attached, the
 * requester's month so far, and 同意 / 驳回 while pending; the decision, by whom and when after.
 */
export function leaveApprovalCard(r: LeaveRequest, c: ApprovalContext): NeutralCard {
  const fields = [
    { label: '申请人', value: `${c.requester.name}（${c.requester.no}）` },
    { label: '类型', value: kindName(r.kind) },
    { label: '时间', value: describeSpan(r, c.today) },
    { label: '原因', value: r.reason },
    ...(r.kind === 'sick' ? [{ label: '病假条', value: r.attachmentId ? '已附' : '未附（附上后才能批准）' }] : []),
    monthField(r.startDate, c),
    { label: '提交时间', value: formatZonedDateTime(r.requestedAt, c.timeZone, c.today) },
  ];
  if (r.status !== 'pending') {
    const by = r.status === 'cancelled' ? '申请人' : c.decider?.name ?? '审批人';
    const when = r.decidedAt ?? r.updatedAt;
    const note = r.decisionNote ? `：${r.decisionNote}` : '';
    return {
      title: `请假审批 L${r.id}`,
      tone: r.status === 'approved' ? 'success' : 'warning',
      fields,
      footer: `已由${by}于 ${formatZonedDateTime(when, c.timeZone, c.today)} ${VERDICT[r.status]}${note}`,
    };
  }
  return { title: `请假审批 L${r.id}`, tone: 'info', fields, buttons: decisionButtons('L', r.id, '如：当天有培训') };
}

/** The leave form (请假 without arguments): the same fields as the text command. */
export function leaveFormCard(): NeutralCard {
  return {
    title: '请假申请',
    tone: 'info',
    fields: [],
    text: '请至少提前一天申请（H-14）。病假提交后请发送病假条图片。',
    form: {
      inputs: [...LEAVE_FORM_INPUTS],
      submit: { label: '提交', actionId: 'leave.submit', value: {}, style: 'primary', command: '请假 事假 12月3日 全天 家里有事' },
    },
  };
}

/** The text a leave form submission stands for, so it runs the same code as the command. */
export function leaveFormText(form: Partial<Record<string, string>>): string {
  const half = (h: string | undefined) => (h && h !== '全天' ? ` ${h}` : '');
  const range = form.end && form.end !== form.start ? ` 至 ${form.end}${half(form.endHalf)}` : '';
  return `${form.kind ?? ''} ${form.start ?? ''}${half(form.startHalf)}${range} ${form.reason ?? ''}`.trim();
}
