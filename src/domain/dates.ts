/**
 * Calendar dates as 'YYYY-MM-DD' strings and instants seen in a time zone. Pure: the zone is
 * an argument, never the server's TZ; no clock is read here.
 */

/** A date of work, 'YYYY-MM-DD'. */
export type WorkDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isWorkDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtcDate(date: WorkDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `date` plus `days` calendar days. */
export function addDays(date: WorkDate, days: number): WorkDate {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function weekday(date: WorkDate): number {
  return toUtcDate(date).getUTCDay();
}

/** The Monday of the Monday–Sunday week that contains `date`. */
export function mondayOf(date: WorkDate): WorkDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: WorkDate): string {
  return date.slice(0, 7);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: WorkDate, to: WorkDate): WorkDate[] {
  const out: WorkDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** First and last date of a month 'YYYY-MM'. */
export function monthRange(month: string): { first: WorkDate; last: WorkDate } {
  const first = `${month}-01`;
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { first, last: addDays(next.toISOString().slice(0, 10), -1) };
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

/** Where an instant falls in `timeZone`: its date and its minute (09:00:59 → 09:00). */
export function zonedMinute(at: Date, timeZone: string): ZonedMinute {
  const utcMinute = Math.floor(at.getTime() / 60_000);
  let cache = resolvedMinutes.get(timeZone);
  if (!cache) resolvedMinutes.set(timeZone, (cache = new Map()));
  const hit = cache.get(utcMinute);
  if (hit) return { ...hit };
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
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
  const guess = new Date(`${date}T00:00:00Z`).getTime() + minute * 60_000;
  const seen = zonedMinute(new Date(guess), timeZone);
  const seenMs = new Date(`${seen.date}T00:00:00Z`).getTime() + seen.minute * 60_000;
  return new Date(guess - (seenMs - guess));
}

/** 'HH:MM' of minutes after midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** An instant as people read it in `timeZone`: '12月3日 09:05'. */
export function formatZonedDateTime(at: Date, timeZone: string): string {
  const { date, minute } = zonedMinute(at, timeZone);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${formatMinute(minute)}`;
}
