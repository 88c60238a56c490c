import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { textReply } from '../core/reply-intent';
import { zonedMinute } from '../domain/dates';
import { formatZonedDateTime } from '../domain/date-format';
import type { ServiceContext } from '../services/service-context';
import { privateReply } from './pay-commands';

/** The example shown with 后台. */
export const CONSOLE_EXAMPLE = '后台';

/**
 * 后台 (issue 18): a one-time sign-in link to the web console for an admin or a supervisor
 * (the router refuses the other roles in Chinese). The link is personal: from a group chat it
 * goes to the asker's own account.
 */
export function consoleCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '后台',
      aliases: ['console', '管理后台'],
      roles: ['admin', 'supervisor'],
      summary: '取得网页管理后台的一次性登录链接（10 分钟内有效，只能用一次）',
      examples: [CONSOLE_EXAMPLE],
      async run(turn) {
        if (!ctx.consoleLinks) throw new UserError('这里没有开启网页管理后台。请联系管理员。', undefined, 'console.off');
        const link = await ctx.consoleLinks.issue(turn.actor.id, turn.at);
        const until = formatZonedDateTime(link.expiresAt, ctx.policy.timezone, zonedMinute(turn.at, ctx.policy.timezone).date);
        const text = [
          '网页管理后台登录链接：',
          link.url,
          `${until} 前有效（${ctx.policy.console.linkMinutes} 分钟），只能使用一次；登录后 ${ctx.policy.console.sessionHours} 小时内有效。`,
          '⚠️ 这个链接等同于你的身份，请勿转发给任何人。链接失效后再发送「后台」取得新链接。',
        ].join('\n');
        // The link is personal: from a group chat it goes to the asker's own account.
        turn.reply(privateReply(turn, { kind: 'text', text }));
        if (turn.event.chat.kind === 'group') turn.reply(textReply('后台登录链接已私信发给你。'));
      },
    },
  ];
}
