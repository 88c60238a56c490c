import type { CommandSpec } from '../core/command-spec';
import { ForbiddenError, UserError } from '../core/errors';
import { textReply, type ReplyBody, type ReplyIntent } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { mayView } from '../domain/authority';
import { zonedMinute } from '../domain/dates';
import { parseMonth } from '../domain/grammar/dates';
import { takeLeadingPerson } from '../domain/grammar/people';
import { ROLES } from '../domain/roles';
import { payslipOf } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import { resolvePerson } from './people';
import { monthName, payslipCard } from './report-cards';
import { parseRefusal } from './texts';

/** The example shown with 工资 refusals. */
export const PAY_EXAMPLE = '工资 11月';
const PAY_FOR_EXAMPLE = '工资 @张三 11月';

/**
 * A reply with personal data (pay, points): to the sender in a direct chat; from a group chat,
 * privately to the sender's own account, never into the group.
 */
export function privateReply(turn: TurnContext, body: ReplyBody): ReplyIntent {
  if (turn.event.chat.kind === 'group') return { kind: 'send', to: { kind: 'employee', employeeId: turn.actor.id }, body };
  return { kind: 'send', to: { kind: 'sender' }, body };
}

/** 工资 (H-8). */
export function payCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '工资',
      aliases: ['pay', 'payslip', 'salary', '工资条'],
      roles: ROLES,
      summary: '这个月到目前为止的工资条，逐项列出（H-8）；主管可查本组组员',
      examples: ['工资', PAY_EXAMPLE, PAY_FOR_EXAMPLE],
      async run(turn, rest) {
        const today = zonedMinute(turn.at, ctx.policy.timezone).date;
        const mentions = turn.event.type === 'message' ? turn.event.mentions : [];
        // A leading word is a name only when it is not a month (上月, 本月 are words too).
        const taken = takeLeadingPerson(rest, mentions, { bareName: (token) => !parseMonth(token, { today }).ok });
        if (!taken.ok) throw parseRefusal(taken.error, PAY_FOR_EXAMPLE, 'person.parse');
        const ref = taken.value.person;
        const target = ref ? await resolvePerson(ctx, turn, ref, PAY_FOR_EXAMPLE) : turn.actor;
        if (!mayView(turn.actor, target)) {
          throw new ForbiddenError(
            turn.actor.role === 'agent' || turn.actor.role === 'salesperson'
              ? '工资只能查看自己的。发送「工资」查看你本月的工资条。'
              : '只能查看自己或本组组员的工资（管理员可查所有人）。',
            'pay.forbidden',
          );
        }
        const month = parseMonth(taken.value.rest, { today });
        if (!month.ok) throw parseRefusal(month.error, ref ? PAY_FOR_EXAMPLE : PAY_EXAMPLE, 'pay.month');
        if (month.value > today.slice(0, 7)) throw new UserError(`${monthName(month.value)}还没到，没有工资条。`, PAY_EXAMPLE, 'pay.future');
        const self = target.id === turn.actor.id;
        const name = self ? '你' : target.name;
        const slip = await payslipOf(ctx, target.id, month.value);
        const body: ReplyBody = slip
          ? { kind: 'card', card: payslipCard(name, slip, today) }
          : { kind: 'text', text: `${name}在${monthName(month.value)}不在职，没有工资条。` };
        turn.reply(privateReply(turn, body));
        if (turn.event.chat.kind === 'group') turn.reply(textReply('工资属于个人信息，已私信发给你。'));
      },
    },
  ];
}
