import type { PointEntry } from '../../db/entities';
import { entriesOfSource, reversalsOf } from '../../db/stores/ledger-store';
import type { Tx } from '../../db/stores/tx';

/** The fact an automatic entry comes from: a judged day or week of one employee. */
export interface AutoSource {
  type: 'day' | 'week';
  employeeId: number;
  /** The date of the fact (a workday, or the week's deadline day). */
  workDate: string;
}

/** The sourceId of an automatic source: one key per employee and day or week. */
export function sourceIdOf(s: AutoSource): string {
  return `${s.employeeId}:${s.workDate}`;
}

/** The entries of a source with what happened to each. */
export interface SourceState {
  /** Automatic entries not reversed. */
  live: PointEntry[];
  /** Codes a person reversed: waived for good, never added again. */
  waived: Set<string>;
  /** Highest generation per code, for the next entry's key. */
  generation: Map<string, number>;
}

/** Loads an automatic source's entries and their reversals. */
export async function loadSourceState(tx: Tx, source: AutoSource): Promise<SourceState> {
  const entries = await entriesOfSource(tx, source.type, sourceIdOf(source));
  const reversals = entries.length ? await reversalsOf(tx, entries.map((e) => e.id)) : [];
  const reversedBy = new Map(reversals.map((r) => [r.reversesId, r]));
  const waived = new Set<string>();
  const generation = new Map<string, number>();
  const live: PointEntry[] = [];
  for (const e of entries) {
    generation.set(e.code, Math.max(generation.get(e.code) ?? -1, e.generation));
    const reversal = reversedBy.get(e.id);
    if (!reversal) live.push(e);
    else if (reversal.createdBy !== null) waived.add(e.code);
  }
  return { live, waived, generation };
}
