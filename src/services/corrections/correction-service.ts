import type { CorrectionRequest, Employee, PointEntry } from '../../db/entities';
import { insertPunch, isDayClosed, punchesOfEmployeesOn } from '../../db/stores/attendance-store';
import { employee } from '../../db/stores/org-store';
import {
  approvedCorrectionsBetween, decidePendingCorrection, findCorrection, insertCorrection, lockCorrection, pendingCorrectionFor, setCorrectionPunch,
} from '../../db/stores/request-store';
import type { Tx } from '../../db/stores/tx';
import { inTransaction, writeTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import { formatDate, formatMonth } from '../../domain/date-format';
import { addDays, formatMinute, mondayOf, monthOf, monthRange, zonedInstant, zonedMinute } from '../../domain/dates';
import { judgeEmployeeDayIn, notJudgedReason } from '../attendance';
import { assertMayDecide } from '../approvals/deciders';
import { decidedText } from '../leave/leave-decision-service';
import { isMonthClosed } from '../payroll/month-close-service';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import type { ServiceContext } from '../service-context';
import { recheckWeekIfJudged } from '../weekly';

/** Which punch a 补卡 is for. */
export type CorrectionKind = 'in' | 'out';

export const CORRECTION_EXAMPLE = '补卡 12月3日 上班 09:00 忘记打卡';
const KIND_NAME: Record<string, string> = { in: '上班', out: '下班' };

/** 上班 or 下班. */
export function correctionKindName(kind: string): string {
  return KIND_NAME[kind] ?? kind;
}

/** How many 补卡 of the month of `date` were approved for `employeeId` (correction.monthlyQuota). */
export function approvedCorrectionsInMonth(tx: Tx, employeeId: number, date: string): Promise<number> {
  const { first, last } = monthRange(monthOf(date));
  return approvedCorrectionsBetween(tx, employeeId, first, last);
}

function quotaRefusal(ctx: ServiceContext, date: string, used: number, today: string): UserError {
  const quota = ctx.policy.correction.monthlyQuota;
  return new UserError(
    `${formatMonth(monthOf(date), today)}已批准补卡 ${used} 次，每月最多 ${quota} 次（规则 correction.monthlyQuota），不能再补。请联系主管处理。`,
    undefined,
    'correction.quota',
  );
}

/**
 * Files a 补卡 (B): one punch of a day at a stated time, as an approval card to the same decider
 * as leave. Not for admins (not judged); a judged workday at most correction.windowWorkdays
 * workdays back (today is 0); a stated time not in the future; a punch that would change
 * something (not after the first clock-in, not before the last clock-out); one pending
 * request per punch; at most correction.monthlyQuota approved a month.
 */
export async function requestCorrection(
  ctx: ServiceContext,
  args: { requester: Employee; date: string; kind: CorrectionKind; minute: number; reason: string; sentAt: Date },
): Promise<CorrectionRequest> {
  const { requester, date, kind, minute } = args;
  if (requester.role === 'admin') throw new ForbiddenError('管理员不参与考勤，无需补卡。', 'correction.admin');
  const now = zonedMinute(args.sentAt, ctx.policy.timezone);
  const today = now.date;
  if (!Number.isInteger(minute) || minute < 0 || minute >= 24 * 60) throw new UserError('时间应在 00:00 到 23:59 之间。', CORRECTION_EXAMPLE, 'correction.time');
  if (date > today || (date === today && minute > now.minute)) {
    throw new UserError(`${formatDate(date, today)} ${formatMinute(minute)} 还没到，不能补卡。`, CORRECTION_EXAMPLE, 'correction.future');
  }
  const notJudged = notJudgedReason(ctx, requester, date);
  if (notJudged) throw new UserError(`${formatDate(date, today)}不判定考勤（${notJudged}），无需补卡。`, undefined, 'correction.not-judged');
  const window = ctx.policy.correction.windowWorkdays;
  const back = date === today ? 0 : ctx.calendar.workdays(addDays(date, 1), today).length;
  if (back > window) {
    throw new UserError(
      `补卡只能补 ${window} 个工作日以内的（规则 correction.windowWorkdays）：${formatDate(date, today)}已过去 ${back} 个工作日。请联系主管处理。`,
      undefined,
      'correction.window',
    );
  }
  if (!args.reason.trim()) throw new UserError('请写明补卡原因。', CORRECTION_EXAMPLE, 'correction.reason');
  return inTransaction(ctx.ds, async (tx) => {
    const used = await approvedCorrectionsInMonth(tx, requester.id, date);
    if (used >= ctx.policy.correction.monthlyQuota) throw quotaRefusal(ctx, date, used, today);
    const pending = await pendingCorrectionFor(tx, requester.id, date, kind);
    if (pending) throw new ConflictError(`${formatDate(date, today)}的${correctionKindName(kind)}已有待审批的补卡 B${pending.id}。`, 'correction.duplicate');
    const minutes = (await punchesOfEmployeesOn(tx, [requester.id], date))
      .filter((p) => p.kind === kind)
      .map((p) => zonedMinute(p.at, ctx.policy.timezone).minute);
    const counted = minutes.length ? (kind === 'in' ? Math.min(...minutes) : Math.max(...minutes)) : null;
    if (counted !== null && (kind === 'in' ? counted <= minute : counted >= minute)) {
      throw new UserError(
        `${formatDate(date, today)}已有 ${formatMinute(counted)} 的${correctionKindName(kind)}打卡，补 ${formatMinute(minute)} 不会改变结果。`,
        undefined,
        'correction.no-change',
      );
    }
    return insertCorrection(tx, {
      employeeId: requester.id, workDate: date, kind, minute, reason: args.reason.trim(), status: 'pending', requestedAt: args.sentAt,
      decidedBy: null, decidedAt: null, decisionNote: null, createdAt: args.sentAt, updatedAt: args.sentAt, punchId: null,
    });
  });
}

/** What deciding a 补卡 did. */
export interface CorrectionDecision {
  request: CorrectionRequest;
  requester: Employee;
  /** Approved: the day's entries the re-judging reversed and added. */
  reversed: PointEntry[];
  added: PointEntry[];
  /** The corrected day is in a month already closed (the admins re-close it). */
  closedMonth: boolean;
}

/**
 * Approves or rejects a pending 补卡 (同意 / 驳回 B5), by its decider (approvals/deciders). An
 * approval within the monthly quota records the punch at the stated time (source 'correction')
 * and re-judges the day in the same transaction, as a late leave approval does; a change to a
 * closed month calls the closed-month hook. Two deciders at once: one wins, the other is told.
 */
export async function decideCorrection(
  ctx: ServiceContext,
  args: { actor: Employee; requestId: number; approve: boolean; note?: string; at: Date; now?: Date },
): Promise<CorrectionDecision> {
  return writeTransaction(ctx.ds, async (tx) => {
    const request = await findCorrection(tx, args.requestId);
    if (!request) throw new NotFoundError(`没有补卡单 B${args.requestId}。`);
    const requester = await employee(tx, request.employeeId);
    const now = args.now && args.now > args.at ? args.now : args.at;
    const today = zonedMinute(now, ctx.policy.timezone).date;
    await assertMayDecide(tx, args.actor, requester, { letter: 'B' }, zonedMinute(args.at, ctx.policy.timezone).date);
    const conflict = async (r: CorrectionRequest) => new ConflictError(`B${r.id} ${await decidedText(tx, ctx, r, args.at)}，不能再审批。`, 'correction.decided');
    if (request.status !== 'pending') throw await conflict(request);
    if (args.approve) {
      const used = await approvedCorrectionsInMonth(tx, requester.id, request.workDate);
      if (used >= ctx.policy.correction.monthlyQuota) throw quotaRefusal(ctx, request.workDate, used, today);
    }
    const decided = await decidePendingCorrection(tx, request.id, {
      status: args.approve ? 'approved' : 'rejected', decidedBy: args.actor.id, decidedAt: args.at, decisionNote: args.note?.trim() || null, updatedAt: args.at,
    });
    if (!decided) throw await conflict(await lockCorrection(tx, request.id));
    const result: CorrectionDecision = { request, requester, reversed: [], added: [], closedMonth: false };
    if (args.approve) {
      const at = zonedInstant(request.workDate, request.minute, ctx.policy.timezone);
      const punchId = await insertPunch(tx, {
        employeeId: requester.id, workDate: request.workDate, at, kind: request.kind, sourceEvent: null, createdAt: now, source: 'correction', correctionId: request.id,
      });
      await setCorrectionPunch(tx, request.id, punchId);
      const closed = await isDayClosed(tx, requester.id, request.workDate);
      // As a punch in chat: a closed day is judged again whole, an open one for its lateness now and the rest at its close.
      const judged = await judgeEmployeeDayIn(tx, ctx, requester, request.workDate, now, closed ? 'all' : 'lateness');
      result.reversed = judged.changes.reversed;
      result.added = judged.changes.added;
      await recheckWeekIfJudged(tx, ctx, requester, mondayOf(request.workDate), now);
      if (await isMonthClosed(tx, monthOf(request.workDate))) {
        result.closedMonth = true;
        const what = `补卡 B${request.id}：${correctionKindName(request.kind)} ${formatMinute(request.minute)}`;
        await onClosedMonthChange(tx, ctx, { employeeId: requester.id, date: request.workDate, what });
      }
    }
    result.request = await lockCorrection(tx, request.id);
    return result;
  });
}
