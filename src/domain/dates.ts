/**
 * Calendar dates as 'YYYY-MM-DD' strings and instants seen in a time zone. Pure: the zone is
 * an argument, never the server's TZ; no clock is read here.
 */

/** A date of work, 'YYYY-MM-DD'. */
export type WorkDate = string;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The longest run of dates {@link datesBetween} lists. Every caller walks a leave (policy
 * leave.maxCalendarDays), a month or a week of catch-up; a longer span is a bug upstream, and
 * answering it with an error is better than walking it inside a chat turn.
 */
export const MAX_DATES_IN_SPAN = 3 * 366;

/** Days in month `m` (1–12) of year `y`, proleptic Gregorian. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (years 0000–9999). */
export function isWorkDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/**
 * Days since 1970-01-01 of a date (negative before it). Integer arithmetic on the calendar
 * (H. Hinnant's days_from_civil), never a Date and never a string comparison, so it is exact
 * for every 'YYYY-MM-DD'. Throws a RangeError for anything else.
 */
export function dayNumber(date: WorkDate): number {
  if (!isWorkDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date).slice(0, 40)}`);
  const m = Number(date.slice(5, 7));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The date of a day number (see {@link dayNumber}); a RangeError outside the years 0000–9999. */
export function dateOfDayNumber(n: number): WorkDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // Why a hard stop: past 9999 an ISO string grows a sign and a fifth digit ('+010000-01-01'),
  // which sorts before '9999-12-31' and turned a date loop into an endless one.
  if (y < 0 || y > 9999) throw new RangeError(`date out of range (years 0000–9999): day ${n}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days (a RangeError past the years 0000–9999). */
export function addDays(date: WorkDate, days: number): WorkDate {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to`: 0 for the same date, negative when `to` is earlier. */
export function daysBetween(from: WorkDate, to: WorkDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function weekday(date: WorkDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The Monday of the Monday–Sunday week that contains `date`. */
export function mondayOf(date: WorkDate): WorkDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: WorkDate): string {
  return date.slice(0, 7);
}

/**
 * Every date from `from` to `to`, both included ([] when `to` is earlier). Counted in days, so
 * it always ends; a span of more than {@link MAX_DATES_IN_SPAN} dates is a RangeError.
 */
export function datesBetween(from: WorkDate, to: WorkDate): WorkDate[] {
  const first = dayNumber(from);
  const count = dayNumber(to) - first + 1;
  if (count > MAX_DATES_IN_SPAN) throw new RangeError(`span of ${count} days from ${from} to ${to} is longer than ${MAX_DATES_IN_SPAN}`);
  const out: WorkDate[] = [];
  for (let i = 0; i < count; i++) out.push(dateOfDayNumber(first + i));
  return out;
}

/** First and last date of a month 'YYYY-MM' (a RangeError for anything else). */
export function monthRange(month: string): { first: WorkDate; last: WorkDate } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month).slice(0, 40)}`);
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(Number(m[1]), Number(m[2]))).padStart(2, '0')}` };
}

/** The date and the minute of the day (seconds truncated) of an instant in `timeZone`. */
export interface ZonedMinute {
  date: WorkDate;
  /** Minutes after midnight, 0–1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes already resolved per zone: formatToParts is the costliest call of a chat event. */
const resolvedMinutes = new Map<string, Map<number, ZonedMinute>>();
const RESOLVED_MINUTES_KEPT = 4096;
const CACHED_FROM = Date.UTC(1980, 0, 1);

/** Where an instant falls in `timeZone`: its date and its minute (09:00:59 → 09:00); a RangeError past 9999. */
export function zonedMinute(at: Date, timeZone: string): ZonedMinute {
  const utcMinute = Math.floor(at.getTime() / 60_000);
  let cache = resolvedMinutes.get(timeZone);
  if (!cache) resolvedMinutes.set(timeZone, (cache = new Map()));
  const hit = cache.get(utcMinute);
  if (hit) return { ...hit };
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  // A date is 'YYYY-MM-DD': an instant past 9999 (or before year 0) has no date of work.
  if (!/^\d{4}$/.test(parts.year)) throw new RangeError(`instant out of range (years 0000–9999): ${at.toISOString()}`);
  const resolved = { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  // The whole UTC minute shares this answer only when the zone's offset is whole minutes and
  // does not change inside the minute: true of tz data since 1980 (local mean times before
  // about 1900, or Monrovia's until 1972, were not whole minutes), so only those are cached.
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetSeconds = Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 1000);
  if (offsetSeconds % 60 === 0 && at.getTime() >= CACHED_FROM) {
    if (cache.size >= RESOLVED_MINUTES_KEPT) cache.clear();
    cache.set(utcMinute, resolved);
  }
  return { ...resolved };
}

/** The instant at `minute` after midnight of `date` in `timeZone` (exact for zones without DST gaps at that time). */
export function zonedInstant(date: WorkDate, minute: number, timeZone: string): Date {
  const guess = dayNumber(date) * DAY_MS + minute * 60_000;
  const seen = zonedMinute(new Date(guess), timeZone);
  const seenMs = dayNumber(seen.date) * DAY_MS + seen.minute * 60_000;
  return new Date(guess - (seenMs - guess));
}

/** 'HH:MM' of minutes after midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
