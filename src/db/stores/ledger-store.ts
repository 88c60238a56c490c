import { PointEntry } from '../entities';
import { sumFen } from '../fen';
import { Bound, insertMany, insertOne, selectWhere, Statement } from '../lean-queries';
import { lockedRow } from '../locks';
import type { Tx } from './tx';

/**
 * The points ledger (point_entries): append-only entries, automatic (a judged day or week),
 * manual (a supervisor's) and reversals (撤销), each reversing one entry at most.
 */

/** COUNT and SUM come back as strings on some drivers; SUM over no rows is NULL. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Stores an entry and returns it with its id, without reading it back (one statement, built once). */
export async function addEntry(tx: Tx, values: Omit<PointEntry, 'id'>): Promise<PointEntry> {
  const entry = tx.create(PointEntry, values);
  entry.id = await insertOne(tx, PointEntry, { ...entry });
  return entry;
}

/** Stores entries in multi-row statements, in the given order (ids ascending), nothing read back. */
export function addEntries(tx: Tx, rows: Array<Omit<PointEntry, 'id'>>): Promise<void> {
  return insertMany(tx, PointEntry, rows);
}

/** The entries of the sources `sourceIds` of one type (automatic sources' `sourceId`s), in id order. */
export async function entriesOfSources(tx: Tx, sourceType: string, sourceIds: string[]): Promise<PointEntry[]> {
  return sourceIds.length ? selectWhere(tx, PointEntry, { sourceType, sourceId: Bound.oneOf(sourceIds) }) : [];
}

/** True when the source has any entry (its fact has been judged before). */
export async function sourceHasEntries(tx: Tx, sourceType: string, sourceId: string): Promise<boolean> {
  return (await tx.countBy(PointEntry, { sourceType, sourceId })) > 0;
}

/** The reversals of the entries `ids`, in id order. */
export async function reversalsOf(tx: Tx, ids: number[]): Promise<PointEntry[]> {
  return ids.length ? selectWhere(tx, PointEntry, { reversesId: Bound.oneOf(ids) }) : [];
}

/** An entry by id, or null. */
export function findEntry(tx: Tx, id: number): Promise<PointEntry | null> {
  return tx.findOneBy(PointEntry, { id });
}

/** The reversal of entry `id`, or null when it stands. */
export function findReversalOf(tx: Tx, id: number): Promise<PointEntry | null> {
  return tx.findOneBy(PointEntry, { reversesId: id });
}

/** Entry `id` read past this transaction's snapshot and locked (lockedRow). */
export function lockEntry(tx: Tx, id: number): Promise<PointEntry> {
  return lockedRow(tx, PointEntry, id);
}

/** The reversal of entry `id` read past this transaction's snapshot and locked: the one a concurrent 撤销 committed. */
export function lockReversalOf(tx: Tx, id: number): Promise<PointEntry> {
  return lockedRow(tx, PointEntry, { reversesId: id });
}

/** One employee's entries of a month (`month` is the fact's month), by work date then id. */
export function monthEntries(tx: Tx, employeeId: number, month: string): Promise<PointEntry[]> {
  return tx.find(PointEntry, { where: { employeeId, month }, order: { workDate: 'ASC', id: 'ASC' } });
}

/** The net points and fines of each employee in `employeeIds` for `month` (the facts' month); a reversal nets out its entry. Employees without any are absent. */
export async function monthTotalsByEmployee(tx: Tx, employeeIds: number[], month: string): Promise<Map<number, { points: number; finesFen: number }>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await tx
    .createQueryBuilder(PointEntry, 'p')
    .select('p.employeeId', 'employeeId')
    .addSelect('SUM(p.points)', 'points')
    .addSelect('SUM(p.fineFen)', 'fines')
    .where('p.employeeId IN (:...ids) AND p.month = :month', { ids: employeeIds, month })
    .groupBy('p.employeeId')
    .getRawMany<{ employeeId: unknown; points: unknown; fines: unknown }>();
  // SUM of a BIGINT is a DECIMAL on MySQL: read as fen, refused past 2^53.
  return new Map(rows.map((r) => [num(r.employeeId), { points: num(r.points), finesFen: sumFen(r.fines) }]));
}

/** The net points of each employee in `employeeIds` over entries dated `from` … `to`; employees without any are absent. */
export async function pointsByEmployeeBetween(tx: Tx, employeeIds: number[], from: string, to: string): Promise<Map<number, number>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await tx
    .createQueryBuilder(PointEntry, 'p')
    .select('p.employeeId', 'employeeId')
    .addSelect('SUM(p.points)', 'points')
    .where('p.employeeId IN (:...ids)', { ids: employeeIds })
    .andWhere('p.workDate BETWEEN :from AND :to', { from, to })
    .groupBy('p.employeeId')
    .getRawMany<{ employeeId: unknown; points: unknown }>();
  return new Map(rows.map((r) => [num(r.employeeId), num(r.points)]));
}

/** Entries of one type and code on one date that are no reversal and were not reversed. */
const STANDING = new Statement((n) => {
  const reverses = n.column(PointEntry, 'reversesId');
  return (
    `SELECT COUNT(*) AS n FROM ${n.table(PointEntry)} p WHERE p.${n.column(PointEntry, 'sourceType')} = ? AND p.${n.column(PointEntry, 'code')} = ?` +
    ` AND p.${n.column(PointEntry, 'workDate')} = ? AND p.${reverses} IS NULL` +
    ` AND NOT EXISTS (SELECT 1 FROM ${n.table(PointEntry)} r WHERE r.${reverses} = p.${n.column(PointEntry, 'id')})`
  );
});

/** How many entries of `sourceType` and `code` dated `workDate` still stand (not reversed, no reversal themselves). */
export async function standingEntries(tx: Tx, sourceType: string, code: string, workDate: string): Promise<number> {
  const [row] = await STANDING.run<{ n: unknown }>(tx, [sourceType, code, workDate]);
  return num(row?.n);
}
