import { zonedMinute } from '../../domain/dates';

/** An instant in the company's time zone: '2026-12-03 09:05'. */
export function formatInstant(at: Date, timeZone: string): string {
  const { date, minute } = zonedMinute(at, timeZone);
  return `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
