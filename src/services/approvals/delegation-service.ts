import type { Delegation, Employee } from '../../db/entities';
import { cancelDelegations, delegationsStartingOn, insertDelegation, liveDelegationsOf } from '../../db/stores/request-store';
import { currentManager, inTransaction } from '../../db/transaction';
import { ForbiddenError, UserError } from '../../core/errors';
import { formatDate } from '../../domain/date-format';
import { daysBetween, zonedMinute } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { pendingRequests, type PendingRequest } from './pending-requests';

export const DELEGATION_EXAMPLE = '代理 @李四 12月10日 至 12月12日';

/** What a 代理 did. */
export interface DelegationResult {
  delegation: Delegation;
  /** Earlier delegations of the same supervisor it replaced. */
  replaced: Delegation[];
  /** It is active today: the pending cards go to the delegate at once. */
  activeNow: boolean;
}

function onlySupervisors(actor: Employee): void {
  if (actor.role !== 'supervisor') throw new ForbiddenError('只有主管可以指定代理人。', 'delegation.role');
}

/**
 * A supervisor names a delegate (another supervisor or an admin) from `start` to `end`
 * (inclusive, company zone): while active, the delegate receives and may decide the team's
 * approval cards (approvals/deciders.ts). Not in the past, at most delegation.maxCalendarDays
 * days; a new one replaces the supervisor's current and coming ones.
 */
export async function delegate(ctx: ServiceContext, args: { actor: Employee; delegate: Employee; start: string; end: string; at: Date }): Promise<DelegationResult> {
  onlySupervisors(args.actor);
  const { start, end } = args;
  const today = zonedMinute(args.at, ctx.policy.timezone).date;
  if (args.delegate.id === args.actor.id) throw new UserError('不能指定自己为代理人。', DELEGATION_EXAMPLE, 'delegation.self');
  if (args.delegate.role !== 'supervisor' && args.delegate.role !== 'admin') {
    throw new UserError(`${args.delegate.name}不是主管或管理员，不能代理审批。`, DELEGATION_EXAMPLE, 'delegation.delegate-role');
  }
  if (end < start) throw new UserError('结束日期早于开始日期。', DELEGATION_EXAMPLE, 'delegation.order');
  if (end < today) throw new UserError(`${formatDate(end, today)}已经过去，代理须包含今天或以后的日子。`, DELEGATION_EXAMPLE, 'delegation.past');
  const max = ctx.policy.delegation.maxCalendarDays;
  if (daysBetween(start, end) + 1 > max) throw new UserError(`一次代理最多 ${max} 天（规则 delegation.maxCalendarDays）。`, DELEGATION_EXAMPLE, 'delegation.span');
  return inTransaction(ctx.ds, async (tx) => {
    const replaced = await liveDelegationsOf(tx, args.actor.id, today);
    await cancelDelegations(tx, replaced.map((d) => d.id), args.at);
    const delegation = await insertDelegation(tx, {
      supervisorId: args.actor.id, delegateId: args.delegate.id, startDate: start < today ? today : start, endDate: end, createdAt: args.at, cancelledAt: null,
    });
    return { delegation, replaced, activeNow: delegation.startDate <= today };
  });
}

/** 代理 取消: ends the supervisor's current and coming delegations; returns them (none: nothing to end). */
export async function cancelDelegation(ctx: ServiceContext, args: { actor: Employee; at: Date }): Promise<Delegation[]> {
  onlySupervisors(args.actor);
  const today = zonedMinute(args.at, ctx.policy.timezone).date;
  return inTransaction(ctx.ds, async (tx) => {
    const live = await liveDelegationsOf(tx, args.actor.id, today);
    await cancelDelegations(tx, live.map((d) => d.id), args.at);
    return live;
  });
}

/**
 * What a delegation starting on `date` hands over: for each delegation filed before that day
 * (one filed on its first day handed its cards over at once), the pending requests its
 * supervisor decides. Read on `date`, so a request decided meanwhile is not handed over.
 */
export async function handoversOn(ctx: ServiceContext, date: string): Promise<Array<{ delegation: Delegation; pending: PendingRequest[] }>> {
  const tx = currentManager(ctx.ds);
  const starting = (await delegationsStartingOn(tx, date)).filter((d) => zonedMinute(d.createdAt, ctx.policy.timezone).date < date);
  if (!starting.length) return [];
  const pending = await pendingRequests(tx, ctx, { today: date });
  return starting.map((delegation) => ({ delegation, pending: pending.filter((p) => p.supervisorId === delegation.supervisorId && p.requesterId !== delegation.delegateId) }));
}
