import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import { ROLES } from '../domain/roles';
import { parseHolidaysArgs } from '../domain/grammar/holidays';
import { CALENDAR_EXAMPLES, calendarYear, confirmCalendarYear, enterCalendarDays } from '../services/calendar';
import type { ServiceContext } from '../services/service-context';
import { calendarYearText, confirmText, enteredText } from './calendar-texts';
import { todayOf } from './score-commands';
import { parseRefusal } from './texts';

/**
 * 节假日 (H-1, docs/commands.md): anyone may look at a year's calendar; admins enter the
 * State Council's arrangement day by day (stored in the database, winning over the package and
 * the file) and confirm the year, which ends its provisional status and the daily warning.
 */
export function calendarCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '节假日',
      aliases: ['holidays', 'holiday', '放假安排'],
      roles: ROLES,
      summary: '查看一年的放假和调休安排（官方或临时）；管理员录入国务院的安排并确认',
      examples: [CALENDAR_EXAMPLES.view, CALENDAR_EXAMPLES.off, CALENDAR_EXAMPLES.work, CALENDAR_EXAMPLES.confirm],
      async run(turn, rest) {
        const today = todayOf(ctx, turn);
        const args = parseHolidaysArgs(rest, today);
        if (!args.ok) throw parseRefusal(args.error, CALENDAR_EXAMPLES.off, 'calendar.parse');
        const a = args.value;
        const admin = turn.actor.role === 'admin';
        if (a.kind === 'view') {
          const view = await calendarYear(ctx, { year: a.year, at: turn.at });
          turn.reply(textReply(calendarYearText(view, { today, timeZone: ctx.policy.timezone, admin })));
        } else if (a.kind === 'confirm') {
          const outcome = await confirmCalendarYear(ctx, { actor: turn.actor, year: a.year, at: turn.at });
          turn.reply(textReply(confirmText(a.year, outcome, { today, timeZone: ctx.policy.timezone })));
        } else {
          const entered = await enterCalendarDays(ctx, { actor: turn.actor, from: a.from, to: a.to, kind: a.action, name: a.name, at: turn.at });
          const years = [...new Set([Number(a.from.slice(0, 4)), Number(a.to.slice(0, 4))])];
          turn.reply(textReply(enteredText(entered, { today, provisionalYears: years.filter((y) => ctx.calendar.isProvisionalYear(y)) })));
        }
      },
    },
  ];
}
