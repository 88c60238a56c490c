import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatDateRange } from '../domain/date-format';
import { DELEGATION_TEXT_EXAMPLE, parseDateRange } from '../domain/grammar/delegation';
import { cancelDelegation, delegate, pendingRequestsFor } from '../services/approvals';
import type { ServiceContext } from '../services/service-context';
import { REQUEST_KINDS } from './approval-commands';
import { leadingPerson } from './people';
import { todayOf } from './score-commands';
import { parseRefusal } from './texts';

/**
 * 代理 @李四 12月10日 至 12月12日 / 代理 取消. When the delegation is active today, the pending
 * cards the supervisor received go to the delegate at once, under the same card keys (so a
 * decision updates every copy).
 */
async function run(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const today = todayOf(ctx, turn);
  if (/^(取消|结束|cancel)$/i.test(rest.trim())) {
    const ended = await cancelDelegation(ctx, { actor: turn.actor, at: turn.at });
    if (!ended.length) return turn.reply(textReply('你当前没有代理人，无需取消。'));
    for (const d of ended) {
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: d.delegateId }, body: { kind: 'text', text: `${turn.actor.name}已取消你的审批代理（${formatDateRange(d.startDate, d.endDate, today)}）。` } });
    }
    return turn.reply(textReply('已取消代理，审批卡片只发给你本人。'));
  }
  const { person, rest: dates } = await leadingPerson(ctx, turn, rest, DELEGATION_TEXT_EXAMPLE);
  const range = parseDateRange(dates, { today, dates: ctx.policy.dates });
  if (!range.ok) throw parseRefusal(range.error, DELEGATION_TEXT_EXAMPLE, 'delegation.parse');
  const { delegation, replaced, activeNow } = await delegate(ctx, { actor: turn.actor, delegate: person, ...range.value, at: turn.at });
  const span = formatDateRange(delegation.startDate, delegation.endDate, today);
  let handed = 0;
  if (activeNow) {
    for (const p of (await pendingRequestsFor(ctx, person, today)).filter((r) => r.supervisorId === turn.actor.id)) {
      const kind = REQUEST_KINDS[p.letter];
      const card = await kind.card(ctx, today, p.id);
      if (!card) continue;
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: person.id }, body: { kind: 'card', card }, cardKey: kind.cardKey(p.id) });
      handed++;
    }
  }
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: person.id },
    body: { kind: 'text', text: `${turn.actor.name}指定你在 ${span} 代理审批其组的请假、补卡和申诉${handed ? `，现有 ${handed} 张待审批卡片已发给你` : ''}。` },
  });
  const lines = [`已指定${person.name}在 ${span} 代理审批（请假、补卡、申诉），期间卡片同时发给你们两人，谁先处理算谁的。`];
  if (replaced.length) lines.push('之前的代理安排已取消。');
  if (handed) lines.push(`现有 ${handed} 张待审批卡片已转给${person.name}。`);
  turn.reply(textReply(lines.join('\n')));
}

/** 代理 (a supervisor's stand-in for approvals). */
export function delegationCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '代理',
      aliases: ['delegate'],
      roles: ['supervisor'],
      summary: '指定代理人在某段时间代为审批本组的请假、补卡和申诉',
      examples: [DELEGATION_TEXT_EXAMPLE, '代理 取消'],
      async run(turn, rest) {
        if (!rest.trim()) throw new UserError('请写明代理人和日期，或「代理 取消」。', DELEGATION_TEXT_EXAMPLE, 'delegation.parse');
        return run(ctx, turn, rest);
      },
    },
  ];
}
