import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { cardReply, textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { addDays, formatMinute, zonedMinute } from '../domain/dates';
import { limitText } from '../domain/grammar/free-text';
import { callsRule, parseReportArgs, REPORT_NOTE_LABEL, type ReportArgs } from '../domain/grammar/misc';
import { outOfRange } from '../domain/grammar/numbers';
import { ROLES } from '../domain/roles';
import {
  REPORT_EXAMPLE, SUMMARY_EXAMPLE, submitDailyReport, submitWeeklySummary,
  type DailyReportResult, type WeeklySummaryResult,
} from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { noValues, readCard } from './card-input';
import { dailyReportFormCard, REPORT_FORM_INPUTS, REPORT_SUBMIT } from './report-cards';
import { mmdd, parseRefusal, signedPoints } from './texts';

/** The 日报 reply (H-2, H-3): calls, valid calls so far, A/B candidates, and whether it replaced one. */
export function reportText(r: DailyReportResult): string {
  const day = mmdd(r.workDate);
  const lines: string[] = [];
  if (r.stale) {
    lines.push(`${day}已有一份更晚提交的日报（拨打 ${r.report.calls} 个），以那份为准，这条没有替换它。`);
  } else {
    lines.push(`已提交${day}日报：拨打 ${r.report.calls} 个${r.report.note ? `，备注：${r.report.note}` : ''}。`);
    if (r.replaced) lines.push(`已替换今天早先提交的日报（原拨打 ${r.previousCalls} 个），以这份为准。`);
  }
  lines.push(`今天有效电话（信息完整的客户记录，H-3）：${r.validCalls} 个。`);
  const leads = r.candidates.map((c) => `C${c.id} ${c.company}（${c.grade} 类${c.qualified ? '，已确认' : '，待业务员确认'}）`);
  lines.push(`A/B 类客户：${leads.length ? leads.join('、') : '暂无'}`);
  if (r.report.calls < r.validCalls) lines.push('注意：拨打数少于有效电话数，请核对。');
  return lines.join('\n');
}

/** The 周报 reply (H-7, H-13): the week, whether it met the deadline, and whether it replaced one. */
export function summaryText(ctx: ServiceContext, r: WeeklySummaryResult, judged: boolean): string {
  const week = `${mmdd(r.week)}–${mmdd(addDays(r.week, 6))}`;
  const lines = [`已收到本周（${week}）的周报。`];
  if (r.replaced) lines.push('已替换本周之前提交的周报。');
  if (!judged) {
    lines.push('管理员不考核周报（H-13）。');
  } else if (r.lastWorkday === null) {
    lines.push('本周没有工作日，不需要交周报（H-13）。');
  } else {
    const deadline = `${mmdd(r.lastWorkday)} ${formatMinute(ctx.policy.weeklySummary.deadline)}`;
    if (!r.onTime) {
      lines.push(`已过截止时间 ${deadline}，不算按时提交，按未交计（H-13，${signedPoints(ctx.policy.weeklySummary.missing.points)} 分）。`);
    } else if (r.keptEarlierStamp) {
      const first = zonedMinute(r.summary.sentAt, ctx.policy.timezone);
      lines.push(`按第一次提交的时间 ${mmdd(first.date)} ${formatMinute(first.minute)} 计，在截止时间 ${deadline} 之前，按时（H-13）。`);
    } else {
      lines.push(`在截止时间 ${deadline} 之前，按时（H-13）。`);
    }
  }
  return lines.join('\n');
}

/**
 * Reads the daily report form's values with the text grammar: calls a whole number alone
 * (`120`, not `120个电话 以上`), the note within textLimits.note like a typed one.
 */
function formArgs(ctx: ServiceContext, form: Partial<Record<string, string>>): ReportArgs {
  const parsed = parseReportArgs(form.calls ?? '', ctx.policy);
  if (!parsed.ok) throw parseRefusal(parsed.error, REPORT_EXAMPLE, 'report.parse');
  if (parsed.value.note !== '') throw new UserError(outOfRange(callsRule(ctx.policy)), REPORT_EXAMPLE, 'report.parse');
  const note = limitText(form.note ?? '', { label: REPORT_NOTE_LABEL, max: ctx.policy.textLimits.note });
  if (!note.ok) throw new UserError(note.error, REPORT_EXAMPLE, 'report.note');
  return { calls: parsed.value.calls, note: note.value };
}

/** What the daily report form may carry. */
const REPORT_CARD = { values: noValues, inputs: REPORT_FORM_INPUTS, example: REPORT_EXAMPLE };

/** 日报 (H-2) and 周报 (H-7, H-13). */
export function reportCommands(ctx: ServiceContext): CommandSpec[] {
  /** Files the day's report, from the text or the form: the same path for both. */
  async function fileReport(turn: TurnContext, args: ReportArgs): Promise<string> {
    const r = await submitDailyReport(ctx, { employee: turn.actor, calls: args.calls, note: args.note, sentAt: turn.at, sourceEvent: turn.event.dedupKey });
    const text = reportText(r);
    turn.reply(textReply(text));
    return text;
  }

  return [
    {
      name: '日报',
      aliases: ['report', '日报表', '电话日报'],
      roles: ['agent'],
      summary: '今天的电话销售日报（H-2），只发「日报」打开表单',
      examples: [REPORT_EXAMPLE, '日报 拨打:120 备注:周五客户多'],
      async run(turn, rest) {
        if (rest === '') {
          turn.reply(cardReply(dailyReportFormCard(zonedMinute(turn.at, ctx.policy.timezone).date)));
          return;
        }
        const args = parseReportArgs(rest, ctx.policy);
        if (!args.ok) throw parseRefusal(args.error, REPORT_EXAMPLE, 'report.parse');
        await fileReport(turn, args.value);
      },
      actions: {
        async [REPORT_SUBMIT](turn, event) {
          await fileReport(turn, formArgs(ctx, readCard(event, REPORT_CARD).form));
          turn.respond({ toast: { kind: 'success', text: '日报已提交' } });
        },
      },
    },
    {
      name: '周报',
      aliases: ['weekly', '周总结', 'weekly summary'],
      roles: ROLES,
      summary: '本周的工作总结（H-7）',
      examples: [SUMMARY_EXAMPLE],
      async run(turn, rest) {
        const text = limitText(rest, { label: '周报', max: ctx.policy.textLimits.summary });
        if (!text.ok) throw new UserError(text.error, SUMMARY_EXAMPLE, 'summary.too-long');
        const r = await submitWeeklySummary(ctx, { employee: turn.actor, text: text.value, sentAt: turn.at, now: turn.now });
        turn.reply(textReply(summaryText(ctx, r, ctx.policy.judgedRoles.includes(turn.actor.role))));
      },
    },
  ];
}
