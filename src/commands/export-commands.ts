import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { textReply } from '../core/reply-intent';
import { zonedMinute } from '../domain/dates';
import { formatMonthWithYear } from '../domain/date-format';
import { parseMonth } from '../domain/grammar/dates';
import { formatYuan } from '../domain/money';
import { payrollFilesForChat, type PayrollFiles } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import { privateReply } from './pay-commands';
import { parseRefusal } from './texts';

/** The example shown with 导出 refusals. */
export const EXPORT_EXAMPLE = '导出 11月';

/** What the admin reads before the two files. */
function exportText(month: string, f: PayrollFiles): string {
  const flags = Object.entries(f.flagged).map(([flag, n]) => `${flag} ${n} 人`);
  return [
    `${formatMonthWithYear(month)}工资表：${f.rows} 人，应发合计 ${formatYuan(f.totalFen)} 元。`,
    `· ${f.xlsx.name}：中文列名，末行为合计，「标记」列是结算摘要的提示`,
    `· ${f.csv.name}：与 bot payroll export 导出的 CSV 完全相同`,
    flags.length ? `请核对：${flags.join('、')}（见「标记」列）。` : '没有需要核对的标记。',
  ].join('\n');
}

/** 导出 (H-8, H-20): the month's payroll as files in the chat, for admins. */
export function exportCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '导出',
      aliases: ['export'],
      roles: ['admin'],
      summary: '把已结算月份的工资表作为文件发到聊天里：xlsx（中文列名、合计、标记）和合同格式 CSV；网页聊天里是限时有效的下载链接',
      examples: [EXPORT_EXAMPLE, '导出 上月'],
      async run(turn, rest) {
        const today = zonedMinute(turn.at, ctx.policy.timezone).date;
        const month = parseMonth(rest, { today, rules: ctx.policy.dates });
        if (!month.ok) throw parseRefusal(month.error, EXPORT_EXAMPLE, 'export.month');
        if (month.value > today.slice(0, 7)) throw new UserError(`${formatMonthWithYear(month.value)}还没到，没有工资表。`, EXPORT_EXAMPLE, 'export.future');
        const files = await payrollFilesForChat(ctx, month.value, { now: turn.at, actorId: turn.actor.id });
        // Pay is personal (H-20): from a group chat the files go to the admin's own account.
        turn.reply(privateReply(turn, { kind: 'text', text: exportText(month.value, files) }));
        turn.reply(privateReply(turn, { kind: 'file', file: files.xlsx }));
        turn.reply(privateReply(turn, { kind: 'file', file: files.csv }));
        if (turn.event.chat.kind === 'group') turn.reply(textReply('工资表属于个人信息，已私信发给你。'));
      },
    },
  ];
}
