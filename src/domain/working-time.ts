import type { WorkCalendar } from './calendar';
import { addDays, datesBetween, dayNumber, zonedInstant, zonedMinute, type WorkDate } from './dates';

/** The working hours of a day, as minutes after midnight in the company's zone. */
export interface WorkWindow {
  start: number;
  end: number;
}

/** The longest walk: a year of days; a request pending longer has long passed any threshold. */
const MAX_DAYS = 366;

/**
 * The working minutes from `from` to `to`: the parts of each workday's working hours (the
 * whole window, start to end, as the approval reminders count them, docs/rules.md) that fall
 * between the two instants. Days off count nothing. The walk stops once `cap` minutes are
 * reached (and after a year of days), so a request pending for months costs little.
 */
export function workingMinutesBetween(from: Date, to: Date, hours: WorkWindow, calendar: WorkCalendar, timeZone: string, cap: number): number {
  if (to <= from) return 0;
  const first = zonedMinute(from, timeZone).date;
  const asked = zonedMinute(to, timeZone).date;
  const last: WorkDate = dayNumber(asked) - dayNumber(first) > MAX_DAYS ? addDays(first, MAX_DAYS) : asked;
  let minutes = 0;
  for (const date of datesBetween(first, last)) {
    if (!calendar.isWorkday(date)) continue;
    const open = Math.max(zonedInstant(date, hours.start, timeZone).getTime(), from.getTime());
    const close = Math.min(zonedInstant(date, hours.end, timeZone).getTime(), to.getTime());
    if (close > open) minutes += Math.floor((close - open) / 60_000);
    if (minutes >= cap) return cap;
  }
  return minutes;
}
