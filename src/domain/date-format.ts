/**
 * Dates as people read them (docs/commands.md, reading rules): '12月3日' in the current year,
 * '2027年1月4日' in any other, a range with both ends' weekdays. Every date the bot shows goes
 * through here. "Today" is an argument ('YYYY-MM-DD' in the company's zone); no clock is read.
 */
import { formatMinute, weekday, zonedMinute, type WorkDate } from './dates';

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const yearPrefix = (dateOrMonth: string, today: WorkDate): string =>
  dateOrMonth.slice(0, 4) === today.slice(0, 4) ? '' : `${Number(dateOrMonth.slice(0, 4))}年`;

/** '12月3日', or '2027年1月4日' when `date` is not in `today`'s year. */
export function formatDate(date: WorkDate, today: WorkDate): string {
  return `${yearPrefix(date, today)}${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** '周四' of a date. */
export function weekdayName(date: WorkDate): string {
  return WEEKDAY_NAMES[weekday(date)];
}

/** '12月3日（周四）', '2027年1月4日（周一）'. */
export function formatDateWithWeekday(date: WorkDate, today: WorkDate): string {
  return `${formatDate(date, today)}（${weekdayName(date)}）`;
}

/**
 * A range of dates with both ends' weekdays: '12月28日（周一）至 2027年1月3日（周日）'; a single
 * date when both ends are the same.
 */
export function formatDateRange(from: WorkDate, to: WorkDate, today: WorkDate): string {
  if (from === to) return formatDateWithWeekday(from, today);
  return `${formatDateWithWeekday(from, today)}至 ${formatDateWithWeekday(to, today)}`;
}

/** A month 'YYYY-MM': '11月', or '2025年11月' when not in `today`'s year. */
export function formatMonth(month: string, today: WorkDate): string {
  return `${yearPrefix(month, today)}${Number(month.slice(5, 7))}月`;
}

/** A month 'YYYY-MM' always with its year, for documents kept beyond the year (pay slips): '2026年12月'. */
export function formatMonthWithYear(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** An instant in `timeZone`: '12月3日 09:05', or '2025年12月3日 09:05' when not in `today`'s year. */
export function formatZonedDateTime(at: Date, timeZone: string, today: WorkDate): string {
  const { date, minute } = zonedMinute(at, timeZone);
  return `${formatDate(date, today)} ${formatMinute(minute)}`;
}
