/**
 * 绑定 (U): an unknown chat account asks to be bound to an employee by number; the admins
 * decide (approvals/deciders.ts), never the claimed employee. One pending request per employee
 * and platform, and per account; an employee already bound on the platform is refused, so an
 * account is never moved silently.
 */
import type { BindingRequest, Employee } from '../../db/entities';
import { decidePendingBinding, findBinding, identityOn, insertBinding, insertIdentity, lockBinding, pendingBindingFor } from '../../db/stores/binding-store';
import { employee, employeeByAccount, employeesNumbered, findEmployee } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager, writeTransaction } from '../../db/transaction';
import { ConflictError, NotFoundError, UserError } from '../../core/errors';
import type { Platform } from '../../core/incoming-event';
import { zonedMinute } from '../../domain/dates';
import { assertMayDecide } from '../approvals/deciders';
import { decidedText } from '../leave/leave-decision-service';
import type { ServiceContext } from '../service-context';

export const BINDING_EXAMPLE = '绑定 E023';

/** The platforms' names in Chinese. */
export const PLATFORM_NAMES: Record<Platform, string> = { feishu: '飞书', wecom: '企业微信', wechaty: '微信', web: '网页聊天' };

/** The longest employee number (employees.no). */
const MAX_NO = 32;

/** Files a 绑定 request of the account (`platform`, `externalId`) for the employee numbered `no`. */
export async function requestBinding(
  ctx: ServiceContext,
  args: { platform: Platform; externalId: string; displayName?: string; no: string; at: Date },
): Promise<{ request: BindingRequest; employee: Employee }> {
  const no = args.no.trim();
  if (!no || no.length > MAX_NO || /\s/.test(no)) throw new UserError('请写上你的工号（最多 32 个字符），例如：', BINDING_EXAMPLE, 'binding.no');
  const where = PLATFORM_NAMES[args.platform];
  return writeTransaction(ctx.ds, async (tx) => {
    if (await employeeByAccount(tx, args.platform, args.externalId)) throw new ConflictError('你的账号已经绑定了员工，无需再绑定。发“帮助”看看能做什么。', 'binding.self-bound');
    const mine = await pendingBindingFor(tx, { platform: args.platform, externalId: args.externalId });
    if (mine) throw new ConflictError(`你已有待审批的绑定 U${mine.id}，请等管理员审批。`, 'binding.pending-account');
    const [target] = await employeesNumbered(tx, no);
    const today = zonedMinute(args.at, ctx.policy.timezone).date;
    if (!target || (target.endDate !== null && target.endDate < today)) {
      throw new NotFoundError(`没有在职员工的工号是 ${no}。请核对工号（可问主管或管理员），再发“绑定 工号”。`, 'binding.unknown-no');
    }
    if (await identityOn(tx, target.id, args.platform)) {
      throw new ConflictError(`工号 ${no} 在${where}上已经绑定了另一个账号，不能再绑定。如需更换账号，请联系管理员。`, 'binding.employee-bound');
    }
    const theirs = await pendingBindingFor(tx, { employeeId: target.id, platform: args.platform });
    if (theirs) throw new ConflictError(`工号 ${no} 在${where}上已有待审批的绑定 U${theirs.id}，不能重复申请。如有疑问请联系管理员。`, 'binding.duplicate');
    const request = await insertBinding(tx, {
      platform: args.platform, externalId: args.externalId, displayName: args.displayName?.trim().slice(0, 64) || null, employeeId: target.id, status: 'pending',
      requestedAt: args.at, decidedBy: null, decidedAt: null, decisionNote: null, createdAt: args.at, updatedAt: args.at,
    });
    return { request, employee: target };
  });
}

/** A decided 绑定. */
export interface BindingDecision {
  request: BindingRequest;
  /** The claimed employee. */
  employee: Employee;
}

async function conflict(tx: Tx, ctx: ServiceContext, r: BindingRequest, at: Date): Promise<ConflictError> {
  return new ConflictError(`U${r.id} ${await decidedText(tx, ctx, r, at)}，不能再审批。`, 'binding.decided');
}

/** Approves (binds the account) or rejects a pending 绑定 as `actor` (an admin, not the claimed employee). */
export async function decideBinding(ctx: ServiceContext, args: { actor: Employee; requestId: number; approve: boolean; note?: string; at: Date }): Promise<BindingDecision> {
  return writeTransaction(ctx.ds, async (tx) => {
    const request = await findBinding(tx, args.requestId);
    if (!request) throw new NotFoundError(`没有绑定单 U${args.requestId}。`);
    const target = await employee(tx, request.employeeId);
    await assertMayDecide(tx, args.actor, target, { letter: 'U' }, zonedMinute(args.at, ctx.policy.timezone).date);
    if (request.status !== 'pending') throw await conflict(tx, ctx, request, args.at);
    if (args.approve) {
      const where = PLATFORM_NAMES[request.platform as Platform] ?? request.platform;
      if (await identityOn(tx, target.id, request.platform)) throw new ConflictError(`${target.name}在${where}上已经绑定了别的账号，不能批准；请驳回。`, 'binding.employee-bound');
      const holder = await employeeByAccount(tx, request.platform, request.externalId);
      if (holder) throw new ConflictError(`这个账号已绑定到${holder.name}（${holder.no}），不能批准；请驳回。`, 'binding.account-bound');
    }
    const decided = await decidePendingBinding(tx, request.id, {
      status: args.approve ? 'approved' : 'rejected', decidedBy: args.actor.id, decidedAt: args.at, decisionNote: args.note?.trim() || null, updatedAt: args.at,
    });
    if (!decided) throw await conflict(tx, ctx, await lockBinding(tx, request.id), args.at);
    if (args.approve) await insertIdentity(tx, { employeeId: target.id, platform: request.platform, externalId: request.externalId, at: args.at });
    return { request: await lockBinding(tx, request.id), employee: target };
  });
}

/** A 绑定 with its claimed employee and decider, for its card. */
export async function bindingView(ctx: ServiceContext, id: number): Promise<{ request: BindingRequest; employee: Employee; decider: Employee | null } | null> {
  const tx = currentManager(ctx.ds);
  const request = await findBinding(tx, id);
  if (!request) return null;
  const decider = request.decidedBy ? await findEmployee(tx, request.decidedBy) : null;
  return { request, employee: await employee(tx, request.employeeId), decider };
}
