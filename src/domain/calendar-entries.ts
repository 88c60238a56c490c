/**
 * The calendar entered in chat (`节假日`): an append-only list of entries, folded into the
 * calendar's chat layer. Pure.
 */
import type { CalendarData } from './calendar';
import type { WorkDate } from './dates';

/** What one entry says: a day off (休), a workday (上班), back to the other sources (清除), or a year confirmed (确认). */
export type CalendarEntryKind = 'holiday' | 'workday' | 'clear' | 'confirm';

/** One entry as the calendar reads it. */
export interface CalendarEntryFact {
  kind: CalendarEntryKind;
  /** The day; null for a confirmation. */
  date: WorkDate | null;
  year: number;
  name: string | null;
}

/**
 * The chat layer from the entries in the order they were made: the latest entry of a date
 * wins, a 'clear' leaves the date to the package, the file and the statutory days, and a
 * 'confirm' makes its year official (coveredYears).
 */
export function foldEntries(entries: readonly CalendarEntryFact[]): CalendarData {
  const latest = new Map<WorkDate, CalendarEntryFact>();
  const confirmed = new Set<number>();
  for (const e of entries) {
    if (e.kind === 'confirm') confirmed.add(e.year);
    else if (e.date !== null) latest.set(e.date, e);
  }
  const data: CalendarData = { holidays: {}, makeupWorkdays: {}, coveredYears: [...confirmed].sort() };
  for (const [date, e] of latest) {
    if (e.kind === 'holiday') data.holidays[date] = e.name ?? '休息日';
    else if (e.kind === 'workday') data.makeupWorkdays[date] = e.name ?? '调休上班';
  }
  return data;
}
