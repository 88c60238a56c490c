import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import type { Collection, Employee } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { employee, findEmployee } from '../../db/stores/org-store';
import { collectedBetween, findCollection, findCollectionReversalOf, insertCollection } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { Person, supervises } from '../../domain/authority';
import { formatZonedDateTime } from '../../domain/date-format';
import { monthOf } from '../../domain/dates';
import { formatYuan } from '../../domain/money';
import type { ServiceContext } from '../service-context';
import { COLLECTION_EXAMPLE, workDateOf } from './report-rules';
import { currentManager, writeTransaction } from '../../db/transaction';
import { onClosedMonthChange } from '../payroll/closed-month-hook';

/** Input of {@link recordCollection}: the 回款 command, parsed (amount already in fen). */
export interface CollectionInput {
  actor: Person;
  /** The agent whose closed deal paid. */
  agent: Person;
  amountFen: number;
  customer: string;
  /** When the platform says the message was sent: the collection counts in this month. */
  at: Date;
}

/** One correct 撤销 of a collection, shown with refusals. */
export const REVERT_COLLECTION_EXAMPLE = '撤销 R17 输错了';


/** Yuan as people write it: 10000000, 8888.88. */
function yuanText(fen: number): string {
  const s = formatYuan(fen);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

/**
 * Records a payment collected (回款) from an agent's closed deal, for the 1% commission (H-8):
 * by the agent's team supervisor or an admin; a positive amount in integer fen, at most
 * `collection.maxYuan` (policy); it counts in the month of its work date in the policy's time
 * zone ("Money and months"). Its id is the R id users see; the audit log keeps who and what.
 */
export async function recordCollection(ctx: ServiceContext, input: CollectionInput): Promise<Collection> {
  const { actor, agent, amountFen } = input;
  if (!supervises(actor, agent)) throw new ForbiddenError('只有该销售员所在组的主管或管理员可以登记回款（H-8）。', 'collection.forbidden');
  if (agent.role !== 'agent') throw new UserError('回款只能登记在电话销售员名下（H-8）。', COLLECTION_EXAMPLE, 'collection.not-agent');
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new UserError('回款金额要大于 0，用数字写（元，最多两位小数）。', COLLECTION_EXAMPLE, 'collection.amount');
  }
  const max = ctx.policy.collection.maxFen;
  if (amountFen > max) {
    throw new UserError(`单笔回款最多 ${yuanText(max)} 元（这笔 ${yuanText(amountFen)} 元）。请核对金额；确有更大的回款请联系管理员。`, COLLECTION_EXAMPLE, 'collection.limit');
  }
  const customer = input.customer.trim();
  if (customer === '') throw new UserError('请写上付款的客户名称。', COLLECTION_EXAMPLE, 'collection.customer');
  const recordedOn = workDateOf(input.at, ctx.policy);
  const month = monthOf(recordedOn);
  return writeTransaction(ctx.ds, async (tx) => {
    const saved = await insertCollection(tx, { agentId: agent.id, amountFen, customer, recordedOn, month, recordedBy: actor.id, createdAt: input.at, reversesId: null, reason: null });
    await appendAudit(tx, {
      actorId: actor.id, actor: null, action: 'collection.record', subjectType: 'collection', subjectId: String(saved.id),
      details: { agentId: agent.id, amountFen, customer, month }, at: input.at,
    });
    const by = (await findEmployee(tx, actor.id))?.name ?? '有人';
    await onClosedMonthChange(tx, ctx, { employeeId: agent.id, date: recordedOn, what: `${by}登记了回款 R${saved.id}（${yuanText(amountFen)} 元，客户 ${customer}）`, at: input.at });
    return saved;
  });
}

/** What {@link reverseCollection} did. */
export interface CollectionReversal {
  original: Collection;
  reversal: Collection;
  agent: Employee;
}

/**
 * Reverses a collection (撤销 R17 原因) with a new row of the negative amount in the same month,
 * referencing it: nothing is edited or deleted, and a collection is reversed at most once (a
 * unique key). By the agent's team supervisor or an admin, as 回款 itself; a reversal is not
 * reversed again. Audited.
 */
export async function reverseCollection(ctx: ServiceContext, args: { actor: Person; collectionId: number; reason: string; at: Date }): Promise<CollectionReversal> {
  const reason = args.reason.trim();
  if (!reason) throw new UserError('请写明撤销原因。', REVERT_COLLECTION_EXAMPLE, 'collection.reason');
  return writeTransaction(ctx.ds, async (tx) => {
    const original = await findCollection(tx, args.collectionId);
    if (!original) throw new NotFoundError(`没有回款记录 R${args.collectionId}。`, 'collection.unknown');
    const agent = await employee(tx, original.agentId);
    if (!supervises(args.actor, agent)) throw new ForbiddenError(`只有${agent.name}所在组的主管或管理员可以撤销这笔回款（H-8）。`, 'collection.forbidden');
    if (original.reversesId !== null) throw new UserError(`R${original.id} 本身是一条撤销记录，不能再撤销。`, undefined, 'collection.reverse-reversal');
    const existing = await findCollectionReversalOf(tx, original.id);
    if (existing) throw await alreadyReversed(tx, ctx, original, existing, args.at);
    const reversal = await insertCollection(tx, {
      agentId: original.agentId, amountFen: -original.amountFen, customer: original.customer, recordedOn: workDateOf(args.at, ctx.policy),
      month: original.month, recordedBy: args.actor.id, createdAt: args.at, reversesId: original.id, reason,
    });
    await appendAudit(tx, {
      actorId: args.actor.id, actor: null, action: 'collection.reverse', subjectType: 'collection', subjectId: String(original.id),
      details: { reversalId: reversal.id, agentId: original.agentId, amountFen: reversal.amountFen, reason, month: original.month }, at: args.at,
    });
    const by = (await findEmployee(tx, args.actor.id))?.name ?? '有人';
    await onClosedMonthChange(tx, ctx, {
      employeeId: original.agentId, date: original.recordedOn, what: `${by}撤销了回款 R${original.id}（${yuanText(original.amountFen)} 元，客户 ${original.customer}），原因：${reason}`, at: args.at,
    });
    return { original, reversal, agent };
  });
}

async function alreadyReversed(tx: Tx, ctx: ServiceContext, original: Collection, reversal: Collection, at: Date): Promise<ConflictError> {
  const who = (await findEmployee(tx, reversal.recordedBy))?.name ?? '某人';
  const when = formatZonedDateTime(reversal.createdAt, ctx.policy.timezone, workDateOf(at, ctx.policy));
  return new ConflictError(`R${original.id} 已由${who}于 ${when} 撤销（R${reversal.id}）。`, 'collection.already-reversed');
}

/** An agent's payments collected (回款) in `month` ('YYYY-MM') so far, net of reversals, in fen, read in the current transaction. */
export async function collectedInMonth(ctx: ServiceContext, agentId: number, month: string): Promise<number> {
  return collectedBetween(currentManager(ctx.ds), agentId, month, month);
}
