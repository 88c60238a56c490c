import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatMinute } from '../domain/dates';
import type { Policy } from '../domain/policy';
import { recordCheckin, recordPunch, type PunchKind, type PunchResult } from '../services/attendance';
import type { ServiceContext } from '../services/service-context';
import { noValues, readCard } from './card-input';
import { codeName, fineText, signedPoints } from './texts';

const PUNCH_ROLES = ['agent', 'supervisor', 'salesperson'] as const;

/** How an early clock-out counts beyond plain 早退 (H-11 edges). */
const earlyTier = (policy: Policy): Record<string, string> => ({
  'early-half': `超过 ${policy.attendance.minorLimitMinutes} 分钟按半天旷工`,
  'absent-day': '按旷工一天',
  'absent-half': '按半天旷工',
  'half-capped': '与当天其他违规合计按半天封顶',
});

function punchText(r: PunchResult, policy: Policy): string {
  const what = r.kind === 'in' ? '上班打卡' : '下班打卡';
  if (r.firstInAt) return `今天已在 ${r.firstInAt} 上班打卡，以第一次为准，这次不再记录。`;
  const lines = [`${what}成功：${r.time}`];
  if (r.notJudged) lines.push(`（${r.notJudged}，不计考勤）`);
  if (r.replacedOut) lines.push(`已替换之前 ${r.replacedOut} 的下班打卡，以最后一次为准。`);
  if (r.laterOut) lines.push(`今天已有更晚的下班打卡 ${r.laterOut}，仍以那次为准。`);
  if (r.lateness) {
    const l = r.lateness;
    lines.push(`${codeName(l.code)} ${l.minutes ?? ''} 分钟：${signedPoints(l.points)} 分${l.fineFen ? `，${fineText(l.fineFen)}` : ''}（${l.rule}，记录 P${l.entryId}）`);
  } else if (r.wholeDayAbsent) {
    const latest = formatMinute(policy.workHours.afternoonStart + policy.attendance.minorLimitMinutes);
    lines.push(`已超过 ${latest} 才上班打卡，今天按旷工一天处理（H-11），下班后结算。`);
  }
  if (r.early) {
    const { minutes, incident: i } = r.early;
    const tier = earlyTier(policy)[i.code] ? `，${earlyTier(policy)[i.code]}` : '';
    lines.push(`早退 ${minutes} 分钟${tier}：${signedPoints(i.points)} 分${i.fineFen ? `，${fineText(i.fineFen)}` : ''}（${i.rule}，下班后结算）。`);
    lines.push('今天再次下班打卡会替换这次，以最后一次为准。');
  }
  if (r.rejudged) lines.push('这一天已结算过，已按新的打卡重新判定。');
  return lines.join('\n');
}

function punchCommand(ctx: ServiceContext, name: string, aliases: string[], kind: PunchKind, example: string): CommandSpec {
  return {
    name,
    aliases,
    roles: PUNCH_ROLES,
    summary: kind === 'auto' ? '上班或下班打卡（当天第一次为上班）' : kind === 'in' ? '上班打卡' : '下班打卡',
    examples: [example],
    async run(turn, rest) {
      const explicit = /^(上班|in)$/i.test(rest) ? 'in' : /^(下班|out)$/i.test(rest) ? 'out' : kind;
      const r = await recordPunch(ctx, { employee: turn.actor, kind: explicit, at: turn.at, sourceEvent: turn.event.dedupKey, now: turn.now });
      turn.reply(textReply(punchText(r, ctx.policy)));
    },
  };
}

/** 签到 by text or by the reminder's button: the same code. */
async function checkin(ctx: ServiceContext, turn: TurnContext): Promise<void> {
  const r = await recordCheckin(ctx, { employee: turn.actor, at: turn.at, sourceEvent: turn.event.dedupKey, now: turn.now });
  const grace = formatMinute(ctx.policy.meeting.start + ctx.policy.meeting.graceMinutes);
  const text =
    r.status === 'already'
      ? `今天已在 ${r.firstAt} 签到过了。`
      : r.status === 'on-time'
        ? `例会签到成功：${r.time}。`
        : `例会签到：${r.time}，已过 ${grace}，算迟到（H-12 −2 分，下班后结算）。`;
  turn.reply(textReply(text));
  if (turn.event.type === 'card-action') turn.respond({ toast: { kind: r.status === 'late' ? 'warning' : 'success', text } });
}

/** What the meeting reminder's 签到 button may carry: nothing. */
const CHECKIN_CARD = { values: noValues, inputs: [], example: '签到' };

/** 打卡 / 上班打卡 / 下班打卡 (H-11) and 签到 (H-12). */
export function attendanceCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    punchCommand(ctx, '打卡', ['clock', 'punch'], 'auto', '打卡'),
    punchCommand(ctx, '上班打卡', ['clock in', '上班'], 'in', '上班打卡'),
    punchCommand(ctx, '下班打卡', ['clock out', '下班'], 'out', '下班打卡'),
    {
      name: '签到',
      aliases: ['checkin', 'check in', '例会签到'],
      roles: PUNCH_ROLES,
      summary: '例会签到（H-12）',
      examples: ['签到'],
      run: (turn) => checkin(ctx, turn),
      actions: {
        'meeting.checkin': (turn, event) => {
          readCard(event, CHECKIN_CARD);
          return checkin(ctx, turn);
        },
      },
    },
  ];
}
