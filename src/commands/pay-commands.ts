import type { CommandSpec } from '../core/command-spec';
import { ForbiddenError, UserError } from '../core/errors';
import { textReply, type ReplyBody, type ReplyIntent } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { mayView } from '../domain/authority';
import { zonedMinute } from '../domain/dates';
import { formatMonthWithYear } from '../domain/date-format';
import { isMonthToken, parseMonth } from '../domain/grammar/dates';
import { takeLeadingPerson } from '../domain/grammar/people';
import { ROLES } from '../domain/roles';
import { monthIsClosed, payslipOf } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import { resolvePerson } from './people';
import { payslipCard } from './report-cards';
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

/**
 * The line a change dated in a closed month adds to its reply ('' when the month is open): the
 * change is in the records, the pay slip awaits the admins' re-close (待重新结算); the admins
 * were told by the change itself (onClosedMonthChange). `what`: 这笔撤销, 这笔回款.
 */
export async function closedMonthLine(ctx: ServiceContext, month: string, what: string): Promise<string> {
  if (!(await monthIsClosed(ctx, month))) return '';
  const title = formatMonthWithYear(month);
  return `\n${title}已结算：${what}已记下，工资条标为待重新结算，管理员发送「结算 ${title}」重新结算后才进工资条（已通知管理员）。`;
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
        const taken = takeLeadingPerson(rest, mentions, { bareName: (token) => !isMonthToken(token) });
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
        const month = parseMonth(taken.value.rest, { today, rules: ctx.policy.dates });
        if (!month.ok) throw parseRefusal(month.error, ref ? PAY_FOR_EXAMPLE : PAY_EXAMPLE, 'pay.month');
        if (month.value > today.slice(0, 7)) throw new UserError(`${formatMonthWithYear(month.value)}还没到，没有工资条。`, PAY_EXAMPLE, 'pay.future');
        const self = target.id === turn.actor.id;
        const name = self ? '你' : target.name;
        const slip = await payslipOf(ctx, target.id, month.value);
        const body: ReplyBody = slip
          ? { kind: 'card', card: payslipCard(name, slip, today) }
          : { kind: 'text', text: `${name}在${formatMonthWithYear(month.value)}不在职，没有工资条。` };
        turn.reply(privateReply(turn, body));
        if (turn.event.chat.kind === 'group') turn.reply(textReply('工资属于个人信息，已私信发给你。'));
      },
    },
  ];
}
