import type { Appeal, Employee, PointEntry } from '../../db/entities';
import { isDuplicateKey } from '../../db/errors';
import { appendAudit } from '../../db/stores/audit-store';
import { addEntry, findEntry, findReversalOf } from '../../db/stores/ledger-store';
import { employee } from '../../db/stores/org-store';
import { decidePendingAppeal, findAppeal, insertAppeal, lockAppeal, lockOpenAppealOf, openAppealOf, setAppealReversal } from '../../db/stores/request-store';
import type { Tx } from '../../db/stores/tx';
import { inTransaction, writeTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import { formatDate, formatMonth } from '../../domain/date-format';
import { addDays, zonedMinute } from '../../domain/dates';
import { assertMayDecide } from '../approvals/deciders';
import { decidedText } from '../leave/leave-decision-service';
import { reversalOf } from '../ledger/reversal';
import { monthClosedOn } from '../payroll/close-date';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import type { ServiceContext } from '../service-context';

export const APPEAL_EXAMPLE = '申诉 P24 当时在开会，主管叫我去的';

/**
 * Whether an entry of `month` may still be appealed on `today`: always while the month is open;
 * once closed, until appeal.windowWorkdays workdays after the day its first close finished
 * (that last workday included). Null when allowed, else the refusal.
 */
async function windowProblem(tx: Tx, ctx: ServiceContext, entry: PointEntry, today: string): Promise<string | null> {
  const closedOn = await monthClosedOn(tx, ctx, entry.month);
  if (!closedOn) return null;
  const window = ctx.policy.appeal.windowWorkdays;
  const passed = closedOn >= today ? 0 : ctx.calendar.workdays(addDays(closedOn, 1), today).length;
  if (passed <= window) return null;
  return `P${entry.id} 属于${formatMonth(entry.month, today)}，该月已于 ${formatDate(closedOn, today)} 结算，申诉期（结算后 ${window} 个工作日，规则 appeal.windowWorkdays）已过。如有疑问请直接联系管理员。`;
}

async function alreadyOpen(tx: Tx, entryId: number): Promise<ConflictError | null> {
  const open = await lockOpenAppealOf(tx, entryId);
  return open ? new ConflictError(`P${entryId} 已有待处理的申诉 S${open.id}，请等待审批结果。`, 'appeal.open') : null;
}

/**
 * Files a 申诉 (S) of one ledger entry about the requester: not a reversal, not reversed
 * already, within the dispute window, one open appeal per entry (a unique key: of two filed at
 * once, one is stored and the other told).
 */
export async function fileAppeal(ctx: ServiceContext, args: { requester: Employee; entryId: number; reason: string; sentAt: Date }): Promise<{ appeal: Appeal; entry: PointEntry }> {
  if (!args.reason.trim()) throw new UserError('请写明申诉理由。', APPEAL_EXAMPLE, 'appeal.reason');
  const today = zonedMinute(args.sentAt, ctx.policy.timezone).date;
  return inTransaction(ctx.ds, async (tx) => {
    const entry = await findEntry(tx, args.entryId);
    if (!entry) throw new NotFoundError(`没有积分记录 P${args.entryId}。发送「积分」可查看你的记录编号。`);
    if (entry.employeeId !== args.requester.id) throw new ForbiddenError('只能申诉关于自己的记录。', 'appeal.other');
    if (entry.reversesId !== null) throw new UserError(`P${entry.id} 是一条撤销记录，不能申诉。`, undefined, 'appeal.reversal');
    const reversal = await findReversalOf(tx, entry.id);
    if (reversal) throw new UserError(`P${entry.id} 已撤销（P${reversal.id}），无需申诉。`, undefined, 'appeal.reversed');
    const late = await windowProblem(tx, ctx, entry, today);
    if (late) throw new UserError(late, undefined, 'appeal.window');
    if (await openAppealOf(tx, entry.id)) throw (await alreadyOpen(tx, entry.id)) as ConflictError;
    const appeal = await insertAppeal(tx, {
      employeeId: args.requester.id, entryId: entry.id, openEntryId: entry.id, reason: args.reason.trim(), status: 'pending', requestedAt: args.sentAt,
      decidedBy: null, decidedAt: null, decisionNote: null, createdAt: args.sentAt, updatedAt: args.sentAt, reversalId: null,
    }).catch(async (e: unknown) => {
      // Filed twice at once: the unique key let one in; read past the snapshot to name it.
      if (isDuplicateKey(e)) throw (await alreadyOpen(tx, entry.id)) ?? e;
      throw e;
    });
    return { appeal, entry };
  });
}

/** What deciding an appeal did. */
export interface AppealDecision {
  appeal: Appeal;
  requester: Employee;
  entry: PointEntry;
  /** Approved: the entry that reversed the appealed one. */
  reversal: PointEntry | null;
  closedMonth: boolean;
}

/**
 * Approves or rejects a pending appeal (同意 / 驳回 S9), by its decider (approvals/deciders:
 * the team's supervisor, the admins when the supervisor made the entry or it is a supervisor's
 * own). A rejection needs a reason. An approval reverses the entry (reason `申诉 S9 通过`),
 * which waives it for good, and tells the closed-month hook when its month is closed.
 */
export async function decideAppeal(
  ctx: ServiceContext,
  args: { actor: Employee; appealId: number; approve: boolean; note?: string; at: Date },
): Promise<AppealDecision> {
  const note = args.note?.trim() || null;
  if (!args.approve && !note) throw new UserError('驳回请写明原因。', `驳回 S${args.appealId} 没有证据`, 'appeal.reject-reason');
  return writeTransaction(ctx.ds, async (tx) => {
    const appeal = await findAppeal(tx, args.appealId);
    if (!appeal) throw new NotFoundError(`没有申诉单 S${args.appealId}。`);
    const requester = await employee(tx, appeal.employeeId);
    const entry = (await findEntry(tx, appeal.entryId)) as PointEntry;
    const today = zonedMinute(args.at, ctx.policy.timezone).date;
    await assertMayDecide(tx, args.actor, requester, { letter: 'S', entryCreatedBy: entry.createdBy }, today);
    const conflict = async (a: Appeal) => new ConflictError(`S${a.id} ${await decidedText(tx, ctx, a, args.at)}，不能再审批。`, 'appeal.decided');
    if (appeal.status !== 'pending') throw await conflict(appeal);
    if (args.approve) {
      const done = await findReversalOf(tx, entry.id);
      if (done) throw new UserError(`P${entry.id} 已撤销（P${done.id}），申诉 S${appeal.id} 无需批准，请驳回并说明。`, `驳回 S${appeal.id} 已撤销`, 'appeal.reversed');
    }
    const decided = await decidePendingAppeal(tx, appeal.id, {
      status: args.approve ? 'approved' : 'rejected', decidedBy: args.actor.id, decidedAt: args.at, decisionNote: note, updatedAt: args.at, reversalId: null,
    });
    if (!decided) throw await conflict(await lockAppeal(tx, appeal.id));
    let reversal: PointEntry | null = null;
    let closedMonth = false;
    if (args.approve) {
      reversal = await addEntry(tx, reversalOf(entry, { by: args.actor.id, reason: `申诉 S${appeal.id} 通过${note ? `：${note}` : ''}`, at: args.at }));
      await setAppealReversal(tx, appeal.id, reversal.id);
      await appendAudit(tx, {
        actorId: args.actor.id, actor: null, action: 'appeal.approve', subjectType: 'point_entry', subjectId: String(entry.id),
        details: { appealId: appeal.id, reversalId: reversal.id }, at: args.at,
      });
      if (await monthClosedOn(tx, ctx, entry.month)) {
        closedMonth = true;
        await onClosedMonthChange(tx, ctx, { employeeId: requester.id, date: entry.workDate, what: `申诉 S${appeal.id} 通过：撤销 P${entry.id}` });
      }
    }
    return { appeal: await lockAppeal(tx, appeal.id), requester, entry, reversal, closedMonth };
  });
}
