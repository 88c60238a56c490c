import { ForbiddenError, UserError } from '../../core/errors';
import { Collection } from '../../db/entities';
import { Person, supervises } from '../../domain/authority';
import { monthOf } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { COLLECTION_EXAMPLE, workDateOf } from './report-rules';
import { currentManager, writeTransaction } from '../../db/transaction';
import { collectedBetween } from './report-queries';

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

/** Longest customer name kept, in characters. */
const MAX_CUSTOMER = 255;

/**
 * Records a payment collected (回款) from an agent's closed deal, for the 1% commission (H-8):
 * by the agent's team supervisor or an admin; a positive amount in integer fen; it counts in
 * the month of its work date in the policy's time zone ("Money and months").
 */
export async function recordCollection(ctx: ServiceContext, input: CollectionInput): Promise<Collection> {
  const { actor, agent, amountFen } = input;
  if (!supervises(actor, agent)) throw new ForbiddenError('只有该销售员所在组的主管或管理员可以登记回款（H-8）。', 'collection.forbidden');
  if (agent.role !== 'agent') throw new UserError('回款只能登记在电话销售员名下（H-8）。', COLLECTION_EXAMPLE, 'collection.not-agent');
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new UserError('回款金额要大于 0，用数字写（元，最多两位小数）。', COLLECTION_EXAMPLE, 'collection.amount');
  }
  const customer = input.customer.trim();
  if (customer === '') throw new UserError('请写上付款的客户名称。', COLLECTION_EXAMPLE, 'collection.customer');
  if ([...customer].length > MAX_CUSTOMER) throw new UserError(`客户名称太长（最多 ${MAX_CUSTOMER} 个字）。`, COLLECTION_EXAMPLE, 'collection.customer');
  const recordedOn = workDateOf(input.at, ctx.policy);
  return writeTransaction(ctx.ds, (em) => {
    const repo = em.getRepository(Collection);
    return repo.save(repo.create({ agentId: agent.id, amountFen, customer, recordedOn, month: monthOf(recordedOn), recordedBy: actor.id, createdAt: input.at }));
  });
}

/** An agent's payments collected (回款) in `month` ('YYYY-MM') so far, in fen, read in the current transaction. */
export async function collectedInMonth(ctx: ServiceContext, agentId: number, month: string): Promise<number> {
  return collectedBetween(currentManager(ctx.ds), agentId, month, month);
}
