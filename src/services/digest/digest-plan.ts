import type { PointEntry } from '../../db/entities';
import type { DayEntry } from '../../db/stores/digest-store';

/** A ledger entry as the digest shows it. */
export interface DigestEntry {
  /** The P id users see. */
  id: number;
  code: string;
  rule: string;
  points: number;
  fineFen: number;
  /** The judgement's note, e.g. '12 分钟'. */
  reason: string | null;
}

/** What one person is owed for a day: what to say, and every entry that is told by it. */
export interface PersonPlan {
  employeeId: number;
  /** True when the digest already told this person about the day: only the change is sent. */
  update: boolean;
  /** Entries not told yet that still stand. */
  added: DigestEntry[];
  /** Entries told before that re-judging has reversed since (their original figures). */
  reversed: DigestEntry[];
  /** Ids of every entry and reversal this digest marks as told (said, or moot). */
  marks: number[];
}

const view = (e: PointEntry): DigestEntry => ({ id: e.id, code: e.code, rule: e.rule, points: e.points, fineFen: e.fineFen, reason: e.reason });

/** The day's rows by employee: the automatic entries and the reversals of those entries (reversals of manual entries are someone else's news). */
export function rowsByPerson(rows: DayEntry[]): Map<number, DayEntry[]> {
  const autoIds = new Set(rows.filter((r) => r.entry.sourceType !== 'reversal').map((r) => r.entry.id));
  const out = new Map<number, DayEntry[]>();
  for (const r of rows) {
    if (r.entry.sourceType === 'reversal' && !autoIds.has(r.entry.reversesId as number)) continue;
    out.set(r.entry.employeeId, [...(out.get(r.entry.employeeId) ?? []), r]);
  }
  return out;
}

/**
 * What the digest tells one person about a day, from their rows of the day (rowsByPerson):
 * the first time, every standing entry; later only what was added since and what re-judging
 * reversed of what they were told. An entry reversed before it was ever told is not news (both
 * are marked quietly), nor is a reversal a person made (撤销, an appeal): that command told
 * them. Null when there is nothing to mark.
 */
export function planPerson(employeeId: number, rows: DayEntry[]): PersonPlan | null {
  const reversalOf = new Map(rows.filter((r) => r.entry.reversesId !== null).map((r) => [r.entry.reversesId as number, r]));
  const entries = rows.filter((r) => r.entry.reversesId === null);
  const told = new Set(rows.filter((r) => r.told).map((r) => r.entry.id));
  const marks = rows.filter((r) => !r.told).map((r) => r.entry.id);
  if (!marks.length) return null;
  const added = entries.filter((r) => !r.told && !reversalOf.has(r.entry.id)).map((r) => view(r.entry));
  const reversed = entries
    .filter((r) => told.has(r.entry.id))
    .filter((r) => {
      const rev = reversalOf.get(r.entry.id);
      return rev !== undefined && !rev.told && rev.entry.createdBy === null;
    })
    .map((r) => view(r.entry));
  return { employeeId, update: told.size > 0, added, reversed, marks };
}

/** The codes of a person's entries that stand at the end of the day (not reversed). */
export function standingCodes(rows: DayEntry[]): string[] {
  const reversed = new Set(rows.filter((r) => r.entry.reversesId !== null).map((r) => r.entry.reversesId));
  return rows.filter((r) => r.entry.reversesId === null && !reversed.has(r.entry.id)).map((r) => r.entry.code);
}
