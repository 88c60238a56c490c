import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatMonthWithYear } from '../domain/date-format';
import { takeLeadingYuan } from '../domain/grammar/amount';
import { limitText } from '../domain/grammar/free-text';
import { UserError } from '../core/errors';
import { percentOfFen } from '../domain/money';
import { collectedInMonth, COLLECTION_EXAMPLE, recordCollection, reverseCollection } from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { closedMonthLine } from './pay-commands';
import { leadingPerson } from './people';
import { parseRefusal, yuan } from './texts';

/** The agent's month after a change: collected so far (net of reversals) and its commission, as text. */
async function monthTotals(ctx: ServiceContext, agentId: number, month: string): Promise<{ total: number; text: string }> {
  const total = await collectedInMonth(ctx, agentId, month);
  return { total, text: `回款共 ${yuan(total)} 元，提成共 ${yuan(percentOfFen(total, ctx.policy.pay.commissionBasisPoints))} 元` };
}

/** 回款 @张三 52000 华为技术: records a collection, shows its R id, tells the agent (H-8). */
async function recordPayment(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const { person: agent, rest: afterPerson } = await leadingPerson(ctx, turn, rest, COLLECTION_EXAMPLE);
  const amount = takeLeadingYuan(afterPerson);
  if (!amount.ok) throw parseRefusal(amount.error, COLLECTION_EXAMPLE, 'collection.amount');
  const customer = limitText(amount.value.rest, { label: '客户名称', max: ctx.policy.textLimits.company });
  if (!customer.ok) throw new UserError(customer.error, COLLECTION_EXAMPLE, 'collection.customer');
  const saved = await recordCollection(ctx, { actor: turn.actor, agent, amountFen: amount.value.fen, customer: customer.value, at: turn.at });
  const bp = ctx.policy.pay.commissionBasisPoints;
  const { total, text: totals } = await monthTotals(ctx, agent.id, saved.month);
  // The commission is 1% of the month's total, rounded once (H-8): what this payment adds is the difference.
  const adds = percentOfFen(total, bp) - percentOfFen(total - saved.amountFen, bp);
  const what = `${yuan(saved.amountFen)} 元`;
  const closed = await closedMonthLine(ctx, saved.month, `这笔回款`);
  turn.reply(textReply([
    `已登记回款 R${saved.id} ${what}：${agent.name}，客户 ${saved.customer}，计入 ${formatMonthWithYear(saved.month)}。`,
    `提成 ${bp / 100}%：+${yuan(adds)} 元（H-8）。${agent.name}本月${totals}。${closed}`,
  ].join('\n')));
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: agent.id },
    body: { kind: 'text', text: `${turn.actor.name}为你登记了回款 R${saved.id}：${what}，客户 ${saved.customer}，计入 ${formatMonthWithYear(saved.month)}，提成 +${yuan(adds)} 元（H-8）。你本月${totals}。` },
  });
}

/**
 * 撤销 R17 输错了: reverses a collection with a negative one (nothing deleted); the agent is
 * told; a closed month waits for the admins' re-close. `reason` is what follows the id.
 */
export async function revertCollection(ctx: ServiceContext, turn: TurnContext, collectionId: number, reason: string): Promise<void> {
  const { original, reversal, agent } = await reverseCollection(ctx, { actor: turn.actor, collectionId, reason, at: turn.at });
  const month = formatMonthWithYear(original.month);
  const { text: totals } = await monthTotals(ctx, agent.id, original.month);
  const closed = await closedMonthLine(ctx, original.month, '这笔撤销');
  turn.reply(textReply(
    `已撤销回款 R${original.id}（${agent.name} ${yuan(original.amountFen)} 元，客户 ${original.customer}），撤销记录 R${reversal.id}：−${yuan(original.amountFen)} 元。` +
      `原因：${reversal.reason}。${agent.name}${month}${totals}。${closed}`,
  ));
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: agent.id },
    body: { kind: 'text', text: `${turn.actor.name}撤销了你的回款 R${original.id}（${yuan(original.amountFen)} 元，客户 ${original.customer}），原因：${reversal.reason}。你${month}${totals}。` },
  });
}

/** 回款 (H-8 commission); its reversal is 撤销 R17 (score-commands). */
export function collectionCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '回款',
      aliases: ['payment', 'collection'],
      roles: ['supervisor', 'admin'],
      summary: '登记销售员成交客户的回款，计 1% 提成（H-8）；撤销 R17 可撤销',
      examples: [COLLECTION_EXAMPLE, '回款 E001 8888.88 联想'],
      run: (turn, rest) => recordPayment(ctx, turn, rest),
    },
  ];
}
