import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatMonthWithYear } from '../domain/date-format';
import { monthRange, zonedInstant, zonedMinute } from '../domain/dates';
import { parseMonth } from '../domain/grammar/dates';
import { closeMonthWithSlips, closeNotices, closePlan, closeSummaryText } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import { payslipCard } from './report-cards';
import { parseRefusal } from './texts';

/** The example shown with 结算 refusals. */
export const CLOSE_EXAMPLE = '结算 11月';

/** The job that closes a month (src/jobs/judging-jobs.ts): a company too big for a chat turn is closed by it. */
const CLOSE_JOB = 'close-month';

/**
 * 结算 11月 (admin, H-8): closes the month, or re-closes it when it was closed (a new revision
 * of each slip that changed since, the changes waiting as 待重新结算 resolved). The changed
 * slips go to their people, the summary (flags: negative totals, totals that moved more than
 * `payroll.flagChangeYuan`, failures) is the reply and goes to the other admins. A company
 * larger than `payroll.chatCloseMaxEmployees` does not fit the turn's budget: the close runs as
 * the close-month job, and the reply says it started; the job's summary reports back.
 */
async function closeFromChat(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const tz = ctx.policy.timezone;
  const today = zonedMinute(turn.at, tz).date;
  if (!rest.trim()) throw new UserError('请写明要结算的月份。', CLOSE_EXAMPLE, 'close.month');
  const parsed = parseMonth(rest, { today, rules: ctx.policy.dates });
  if (!parsed.ok) throw parseRefusal(parsed.error, CLOSE_EXAMPLE, 'close.month');
  const month = parsed.value;
  const title = formatMonthWithYear(month);
  if (turn.at < zonedInstant(monthRange(month).last, 24 * 60, tz)) {
    throw new UserError(`${title}还没有结束，月底之后才能结算。`, '结算 上月', 'close.month-open');
  }
  const plan = await closePlan(ctx, month);
  const verb = plan.closed ? '重新结算' : '结算';
  if (!plan.inline && ctx.background) {
    ctx.background.start(CLOSE_JOB, month, { force: plan.closed });
    const waiting = plan.open.length ? `，包括 ${plan.open.length} 项待重新结算的变化` : '';
    turn.reply(textReply(
      `${title}的${verb}已在后台开始：共 ${plan.employees} 名员工${waiting}，超过聊天里一次能处理的 ${ctx.policy.payroll.chatCloseMaxEmployees} 人。` +
        `完成后结算结果会发给管理员，${plan.closed ? '变了的' : ''}工资条会私信发给本人。`,
    ));
    return;
  }
  const { result, slips } = await closeMonthWithSlips(ctx, month, { now: turn.at, force: plan.closed, actor: `chat:${turn.actor.no}` });
  if (result.alreadyClosed) {
    turn.reply(textReply(`${title}刚刚已由别人结算完成，没有再做。发送「${CLOSE_EXAMPLE}」可以重新结算。`));
    return;
  }
  const notices = await closeNotices(ctx, result, slips, { card: payslipCard, now: turn.at, keySuffix: '', except: turn.actor.id });
  if (ctx.notify) await ctx.notify(notices);
  else turn.reply(...notices.map((n) => n.intent));
  turn.reply(textReply(closeSummaryText(result, slips, ctx.policy, today)));
}

/** 结算 (H-8): the admins' month close. */
export function closeCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '结算',
      aliases: ['close', 'close-month'],
      roles: ['admin'],
      summary: '结算某个月的工资；已结算的月份重新结算为新版本，只发送有变化的工资条',
      examples: [CLOSE_EXAMPLE, '结算 2026年11月', '结算 上月'],
      run: (turn, rest) => closeFromChat(ctx, turn, rest),
    },
  ];
}
