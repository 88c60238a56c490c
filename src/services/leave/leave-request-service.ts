import type { Employee, LeaveRequest } from '../../db/entities';
import { cancelPendingLeave, findLeaveRequest, insertLeaveRequest, leaveRequest, liveLeaveTouching, lockLeaveRequest } from '../../db/stores/leave-store';
import { inTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import { formatDate } from '../../domain/date-format';
import { addDays, zonedMinute } from '../../domain/dates';
import { leaveSpanProblem } from '../../domain/grammar/leave';
import type { LeaveSpan } from '../../domain/leave-halves';
import type { ServiceContext } from '../service-context';
import { describeSpan } from './leave-format';
import { decidedText } from './leave-decision-service';

/** 事假 (personal) or 病假 (sick). */
export type LeaveKind = 'personal' | 'sick';

const EXAMPLE = '请假 事假 12月3日 全天 家里有事';

/** What filing a request did. */
export interface LeaveRequestResult {
  request: LeaveRequest;
  /** Sick leave that still needs its note before it can be approved (H-14). */
  needsNote: boolean;
}

/**
 * Files a leave request (H-14). Sent by the requester it must be sent on an earlier calendar
 * day than its first day (the policy's notice); an admin may file on someone's behalf without
 * it. It must cover a workday and not overlap a pending or approved request, and keep to the
 * reading rules whatever path it came by: not reversed, at most leave.maxCalendarDays calendar
 * days, dates within the accepted years (policy `dates`).
 */
export async function requestLeave(
  ctx: ServiceContext,
  args: { requester: Employee; filer: Employee; kind: LeaveKind; span: LeaveSpan; reason: string; sentAt: Date },
): Promise<LeaveRequestResult> {
  const { requester, filer, span } = args;
  const onBehalf = filer.id !== requester.id;
  if (onBehalf && filer.role !== 'admin') throw new ForbiddenError('只有管理员可以替他人请假。', 'leave.on-behalf');
  const sentDate = zonedMinute(args.sentAt, ctx.policy.timezone).date;
  const problem = leaveSpanProblem(span, { today: sentDate, dates: ctx.policy.dates, maxCalendarDays: ctx.policy.leave.maxCalendarDays });
  if (problem) throw new UserError(`${problem}。`, EXAMPLE, 'leave.span');
  if (!args.reason.trim()) throw new UserError('请写明请假原因。', EXAMPLE, 'leave.reason');
  const latest = addDays(span.startDate, -ctx.policy.leave.noticeDays);
  if (!onBehalf && sentDate > latest) {
    throw new UserError(
      `请假须提前 ${ctx.policy.leave.noticeDays} 天书面申请（H-14）：${formatDate(span.startDate, sentDate)} 的假最晚要在 ${formatDate(latest, sentDate)} 提出。当天的情况请联系主管，由管理员代为登记。`,
      '请假 事假 明天 全天 家里有事',
      'leave.notice',
    );
  }
  if (ctx.calendar.workdays(span.startDate, span.endDate).length === 0) {
    throw new UserError('所选日期都不是工作日，无需请假。', EXAMPLE, 'leave.no-workday');
  }
  return inTransaction(ctx.ds, async (tx) => {
    const candidates = await liveLeaveTouching(tx, requester.id, span.startDate, span.endDate);
    const overlapping = candidates.find((c) => overlaps(c, span));
    if (overlapping) {
      throw new ConflictError(`与已有的请假 L${overlapping.id}（${describeSpan(overlapping, sentDate)}）时间重叠。`, 'leave.overlap');
    }
    const request = await insertLeaveRequest(tx, {
      employeeId: requester.id,
      kind: args.kind,
      ...span,
      reason: args.reason.trim(),
      status: 'pending',
      filedBy: filer.id,
      requestedAt: args.sentAt,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      attachmentId: null,
      createdAt: args.sentAt,
      updatedAt: args.sentAt,
    });
    return { request, needsNote: args.kind === 'sick' && ctx.policy.leave.sickNoteRequired };
  });
}

/** Half-day precision overlap: the 3rd afternoon and the 3rd morning do not overlap. */
function overlaps(r: LeaveRequest, s: LeaveSpan): boolean {
  const key = (date: string, half: string) => `${date}${half === 'am' ? 0 : 1}`;
  return key(r.startDate, r.startHalf) <= key(s.endDate, s.endHalf) && key(s.startDate, s.startHalf) <= key(r.endDate, r.endHalf);
}

/** Withdraws one's own pending request (撤回). */
export async function withdrawLeave(ctx: ServiceContext, args: { actor: Employee; requestId: number; at: Date }): Promise<LeaveRequest> {
  return inTransaction(ctx.ds, async (tx) => {
    const request = await findLeaveRequest(tx, args.requestId);
    if (!request) throw new NotFoundError(`没有请假单 L${args.requestId}。`);
    if (request.employeeId !== args.actor.id) throw new ForbiddenError('只能撤回自己的请假。', 'leave.withdraw-other');
    const done = await cancelPendingLeave(tx, request.id, args.at);
    // Decided meanwhile: say how, read past this transaction's snapshot (see decideLeave).
    if (!done) throw new ConflictError(`L${request.id} ${await decidedText(tx, ctx, await lockLeaveRequest(tx, request.id), args.at)}，不能撤回。`, 'leave.not-pending');
    return leaveRequest(tx, request.id);
  });
}
