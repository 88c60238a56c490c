import type { Employee, LeaveRequest } from '../../db/entities';
import { isDayClosed } from '../../db/stores/attendance-store';
import { decidePendingLeave, findLeaveRequest, leaveRequest, lockLeaveRequest } from '../../db/stores/leave-store';
import { employee, findEmployee } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { ConflictError, NotFoundError, UserError } from '../../core/errors';
import { formatZonedDateTime } from '../../domain/date-format';
import { datesBetween, mondayOf, monthOf, zonedMinute } from '../../domain/dates';
import { writeTransaction } from '../../db/transaction';
import { judgeEmployeeDayIn } from '../attendance';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import { assertMayDecide } from '../approvals/deciders';
import type { ServiceContext } from '../service-context';
import { recheckWeekIfJudged } from '../weekly';

const DONE_VERB: Record<string, string> = { approved: '批准', rejected: '驳回', cancelled: '撤回' };

/** What a decision did. */
export interface LeaveDecisionResult {
  request: LeaveRequest;
  requester: Employee;
  /** Days already judged (or with lateness entered) that were judged again with the leave. */
  rejudged: string[];
}

/** What became of a request (L, B or S) that is no longer pending, in the users' words, as of `at`: 已由王强于 12月3日 10:05 批准. */
export async function decidedText(tx: Tx, ctx: ServiceContext, request: Pick<LeaveRequest, 'status' | 'decidedBy' | 'decidedAt'>, at: Date): Promise<string> {
  const who = request.decidedBy ? (await findEmployee(tx, request.decidedBy))?.name : undefined;
  const today = zonedMinute(at, ctx.policy.timezone).date;
  const when = request.decidedAt ? `于 ${formatZonedDateTime(request.decidedAt, ctx.policy.timezone, today)} ` : '';
  const by = who ? `已由${who}${when}` : '已';
  return `${by}${DONE_VERB[request.status] ?? request.status}`;
}

async function conflictFor(tx: Tx, ctx: ServiceContext, request: LeaveRequest, at: Date): Promise<ConflictError> {
  return new ConflictError(`L${request.id} ${await decidedText(tx, ctx, request, at)}，不能再审批。`, 'leave.decided');
}

/**
 * Approves or rejects a pending request (同意 / 驳回). Only the requester's decider (H-14: the
 * team's supervisor or their active delegate for agents and salespeople, an admin for
 * supervisors and admins; nobody their own; approvals/deciders.ts); sick leave only once its note is attached; a decided request never again. Two
 * deciders at once: the conditional update lets exactly one win, the other is told who did.
 * An approval re-judges the covered days that were already judged, in the same transaction.
 */
export async function decideLeave(
  ctx: ServiceContext,
  args: { actor: Employee; requestId: number; approve: boolean; note?: string; at: Date; now?: Date },
): Promise<LeaveDecisionResult> {
  return writeTransaction(ctx.ds, async (tx) => {
    const request = await findLeaveRequest(tx, args.requestId);
    if (!request) throw new NotFoundError(`没有请假单 L${args.requestId}。`);
    const requester = await employee(tx, request.employeeId);
    await assertMayDecide(tx, args.actor, requester, { letter: 'L' }, zonedMinute(args.at, ctx.policy.timezone).date);
    if (request.status !== 'pending') throw await conflictFor(tx, ctx, request, args.at);
    if (args.approve && request.kind === 'sick' && ctx.policy.leave.sickNoteRequired && request.attachmentId === null) {
      throw new UserError(`L${request.id} 是病假，须先附上医院证明或病假条才能批准（H-14）。请提醒${requester.name}发送病假条图片。`, undefined, 'leave.needs-note');
    }
    const decided = await decidePendingLeave(tx, request.id, {
      status: args.approve ? 'approved' : 'rejected', decidedBy: args.actor.id, decidedAt: args.at, decisionNote: args.note?.trim() || null, updatedAt: args.at,
    });
    // Lost to a concurrent decider: on MySQL a plain read would still see this transaction's
    // snapshot (pending); the locking read sees the decision that won.
    if (!decided) throw await conflictFor(tx, ctx, await lockLeaveRequest(tx, request.id), args.at);
    const rejudged: string[] = [];
    if (args.approve) {
      // A decision stamped before the leave but handled after its day closed re-judges that day too.
      const now = args.now && args.now > args.at ? args.now : args.at;
      const today = zonedMinute(now, ctx.policy.timezone).date;
      const changedMonths = new Map<string, string[]>();
      for (const date of datesBetween(request.startDate, request.endDate).filter((d) => d <= today)) {
        const closed = await isDayClosed(tx, requester.id, date);
        const { changes } = await judgeEmployeeDayIn(tx, ctx, requester, date, now, closed ? 'all' : 'lateness');
        rejudged.push(date);
        if (changes.added.length || changes.reversed.length) changedMonths.set(monthOf(date), [...(changedMonths.get(monthOf(date)) ?? []), date]);
      }
      // A day of a month already closed that the approval changed: its slip awaits a re-close.
      for (const days of changedMonths.values()) {
        const what = `${args.actor.name}批准了请假 L${request.id}，${days.length} 天（${days.join('、')}）的考勤重新判定`;
        await onClosedMonthChange(tx, ctx, { employeeId: requester.id, date: days[0], what, at: args.at });
      }
      for (const monday of new Set(datesBetween(request.startDate, request.endDate).map(mondayOf))) {
        await recheckWeekIfJudged(tx, ctx, requester, monday, now);
      }
    }
    return { request: await leaveRequest(tx, request.id), requester, rejudged };
  });
}
