import { PointEntry, ToldEntry } from '../entities';
import { hydrate, insertMany, Statement } from '../lean-queries';
import type { Tx } from './tx';

/**
 * The day digest's reads and writes: a day's ledger entries of everyone with whether each was
 * told already (told_entries), and the marks of what a digest has told.
 */

/** An entry of the day and whether the digest has told it. */
export interface DayEntry {
  entry: PointEntry;
  told: boolean;
}

/**
 * The day's automatic entries (a judged day or week) and every reversal dated that day, with
 * their told mark: one statement for the whole company, by the work-date index.
 */
const DAY_ENTRIES = new Statement((n) => {
  const p = (prop: string) => `p.${n.column(PointEntry, prop)}`;
  return (
    `SELECT p.*, t.${n.column(ToldEntry, 'entryId')} AS told_entry FROM ${n.table(PointEntry)} p` +
    ` LEFT JOIN ${n.table(ToldEntry)} t ON t.${n.column(ToldEntry, 'entryId')} = ${p('id')}` +
    ` WHERE ${p('workDate')} = ? AND ${p('sourceType')} IN ('day', 'week', 'reversal') ORDER BY ${p('id')}`
  );
});

/** Every entry of {@link DAY_ENTRIES} for `date`, in id order. */
export async function dayEntriesWithTold(tx: Tx, date: string): Promise<DayEntry[]> {
  const metadata = tx.dataSource.getMetadata(PointEntry);
  const rows = await DAY_ENTRIES.run<Record<string, unknown>>(tx, [date]);
  return rows.map((r) => ({ entry: hydrate<PointEntry>(tx, metadata, r), told: r.told_entry !== null && r.told_entry !== undefined }));
}

/** Marks entries as told, in multi-row statements; an entry marked before keeps one row. */
export function markTold(tx: Tx, rows: ToldEntry[]): Promise<void> {
  return rows.length ? insertMany(tx, ToldEntry, rows, ['entryId']) : Promise.resolve();
}
