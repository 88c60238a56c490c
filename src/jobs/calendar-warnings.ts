import type { Logger } from '../core/logger';
import type { Notifier } from '../core/notifier';
import { yearsToWarn } from '../domain/calendar';
import { addDays, zonedMinute } from '../domain/dates';
import { employedOn } from '../services/people';
import type { ServiceContext } from '../services/service-context';
import { provisionalWarning } from './calendar-warning-text';

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

/**
 * The daily warning while a year is provisional (H-1): this year's, and next year's from the
 * 1st of `calendar.warnFromMonth` (November), until the year is official (`节假日 YYYY 确认`).
 * Once a day per admin (the dedup key names the day); a catch-up of days older than yesterday
 * sends none, so a replica back after a week does not send seven at once. close-day sends it.
 */
export async function calendarWarnings(ctx: ServiceContext, slot: string, now: Date, notify: Notifier): Promise<void> {
  if (slot < addDays(today(now, ctx.policy.timezone), -1)) return;
  for (const year of yearsToWarn(ctx.calendar, slot, ctx.policy.calendar.warnFromMonth)) {
    const warning = provisionalWarning(ctx.calendar, year, ctx.policy.calendar.overridesFile) as string;
    ctx.logger?.warn({ date: slot, year, provisionalCalendar: true }, warning);
    await notify(
      (await employedOn(ctx, slot, ['admin'])).map((a) => ({
        intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: a.id }, body: { kind: 'text' as const, text: warning } },
        dedupKey: `calendar-warning:${year}:${slot}:${a.id}`,
      })),
    );
  }
}

/** At start-up: a loud log line for each provisional year admins must act on (the same years as the daily warning). */
export function logProvisionalYears(ctx: ServiceContext, now: Date, logger: Logger): void {
  for (const year of yearsToWarn(ctx.calendar, today(now, ctx.policy.timezone), ctx.policy.calendar.warnFromMonth)) {
    logger.warn({ year, provisionalCalendar: true }, provisionalWarning(ctx.calendar, year, ctx.policy.calendar.overridesFile));
  }
}
