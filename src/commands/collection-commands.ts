import type { CommandSpec } from '../core/command-spec';
import { textReply, type ReplyIntent } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { zonedMinute } from '../domain/dates';
import { takeLeadingYuan } from '../domain/grammar/amount';
import { limitText } from '../domain/grammar/free-text';
import { UserError } from '../core/errors';
import { percentOfFen } from '../domain/money';
import { monthIsClosed } from '../services/payroll';
import { employedOn } from '../services/people';
import { collectedInMonth, COLLECTION_EXAMPLE, recordCollection, reverseCollection } from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { leadingPerson } from './people';
import { monthName } from './report-cards';
import { parseRefusal, yuan } from './texts';

/** The agent's month after a change: collected so far (net of reversals) and its commission, as text. */
async function monthTotals(ctx: ServiceContext, agentId: number, month: string): Promise<{ total: number; text: string }> {
  const total = await collectedInMonth(ctx, agentId, month);
  return { total, text: `回款共 ${yuan(total)} 元，提成共 ${yuan(percentOfFen(total, ctx.policy.pay.commissionBasisPoints))} 元` };
}

/**
 * A change to a month already closed waits for an admin's re-close (a closed month changes
 * only then, docs/rules.md "What the bot automates"): the sender is told (`line`, '' when the
 * month is open), and so is every admin but the sender (`notices`, sent after the replies).
 */
async function closedMonthNotice(ctx: ServiceContext, turn: TurnContext, month: string, what: string, forAdmins: string): Promise<{ line: string; notices: ReplyIntent[] }> {
  if (!(await monthIsClosed(ctx, month))) return { line: '', notices: [] };
  const today = zonedMinute(turn.at, ctx.policy.timezone).date;
  const text = `${forAdmins}。${monthName(month)}已结算，工资条待重新结算：bot job run close-month --date ${month}-01 --force`;
  const admins = (await employedOn(ctx, today, ['admin'])).filter((a) => a.id !== turn.actor.id);
  return {
    line: `\n${monthName(month)}已结算：这笔${what}要等管理员重新结算后才进工资条。`,
    notices: admins.map((a) => ({ kind: 'send', to: { kind: 'employee', employeeId: a.id }, body: { kind: 'text', text } })),
  };
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
  const closed = await closedMonthNotice(ctx, turn, saved.month, '回款', `${turn.actor.name}登记了${agent.name}的回款 R${saved.id}（${what}，计入 ${monthName(saved.month)}）`);
  turn.reply(textReply([
    `已登记回款 R${saved.id} ${what}：${agent.name}，客户 ${saved.customer}，计入 ${monthName(saved.month)}。`,
    `提成 ${bp / 100}%：+${yuan(adds)} 元（H-8）。${agent.name}本月${totals}。${closed.line}`,
  ].join('\n')));
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: agent.id },
    body: { kind: 'text', text: `${turn.actor.name}为你登记了回款 R${saved.id}：${what}，客户 ${saved.customer}，计入 ${monthName(saved.month)}，提成 +${yuan(adds)} 元（H-8）。你本月${totals}。` },
  });
  turn.reply(...closed.notices);
}

/**
 * 撤销 R17 输错了: reverses a collection with a negative one (nothing deleted); the agent is
 * told; a closed month waits for the admins' re-close. `reason` is what follows the id.
 */
export async function revertCollection(ctx: ServiceContext, turn: TurnContext, collectionId: number, reason: string): Promise<void> {
  const { original, reversal, agent } = await reverseCollection(ctx, { actor: turn.actor, collectionId, reason, at: turn.at });
  const month = monthName(original.month);
  const { text: totals } = await monthTotals(ctx, agent.id, original.month);
  const closed = await closedMonthNotice(ctx, turn, original.month, '撤销', `${turn.actor.name}撤销了${agent.name}的回款 R${original.id}（${yuan(original.amountFen)} 元，计入 ${month}）`);
  turn.reply(textReply(
    `已撤销回款 R${original.id}（${agent.name} ${yuan(original.amountFen)} 元，客户 ${original.customer}），撤销记录 R${reversal.id}：−${yuan(original.amountFen)} 元。` +
      `原因：${reversal.reason}。${agent.name}${month}${totals}。${closed.line}`,
  ));
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: agent.id },
    body: { kind: 'text', text: `${turn.actor.name}撤销了你的回款 R${original.id}（${yuan(original.amountFen)} 元，客户 ${original.customer}），原因：${reversal.reason}。你${month}${totals}。` },
  });
  turn.reply(...closed.notices);
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
