import { CalendarEntry } from '../entities';
import type { Tx } from './tx';

/** The days entered in chat (calendar_entries, `节假日`): append-only; the highest id is the version. */

/** The newest entry's id and stamp, or null when none was ever entered. */
export async function newestCalendarEntry(tx: Tx): Promise<Pick<CalendarEntry, 'id' | 'recordedAt'> | null> {
  const [newest] = await tx.find(CalendarEntry, { select: { id: true, recordedAt: true }, order: { id: 'DESC' }, take: 1 });
  return newest ?? null;
}

/** Every entry, oldest first (as they fold into the calendar's chat layer). */
export function allCalendarEntries(tx: Tx): Promise<CalendarEntry[]> {
  return tx.find(CalendarEntry, { order: { id: 'ASC' } });
}

/** The entries of `year`, oldest first. */
export function calendarEntriesOf(tx: Tx, year: number): Promise<CalendarEntry[]> {
  return tx.find(CalendarEntry, { where: { year }, order: { id: 'ASC' } });
}

/** The newest confirmation of `year` (`节假日 2027 确认`), or null. */
export async function latestConfirmation(tx: Tx, year: number): Promise<CalendarEntry | null> {
  const [row] = await tx.find(CalendarEntry, { where: { year, kind: 'confirm' }, order: { id: 'DESC' }, take: 1 });
  return row ?? null;
}

/** Appends entries. */
export async function appendCalendarEntries(tx: Tx, entries: Array<Omit<CalendarEntry, 'id'>>): Promise<void> {
  if (entries.length > 0) await tx.insert(CalendarEntry, entries);
}
