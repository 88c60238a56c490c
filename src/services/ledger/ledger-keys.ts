import type { PointEntry } from '../../db/entities';
import { entriesOfSources, reversalsOf } from '../../db/stores/ledger-store';
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

/**
 * Loads the entries and reversals of automatic sources of one type, any number at once (two
 * statements): the state of each source by its sourceId, an empty state for one never judged.
 */
export async function loadSourceStates(tx: Tx, type: AutoSource['type'], sourceIds: string[]): Promise<Map<string, SourceState>> {
  const entries = await entriesOfSources(tx, type, sourceIds);
  const reversals = await reversalsOf(tx, entries.map((e) => e.id));
  const reversedBy = new Map(reversals.map((r) => [r.reversesId, r]));
  const states = new Map(sourceIds.map((id): [string, SourceState] => [id, { live: [], waived: new Set(), generation: new Map() }]));
  for (const e of entries) {
    const state = states.get(e.sourceId);
    if (!state) continue;
    state.generation.set(e.code, Math.max(state.generation.get(e.code) ?? -1, e.generation));
    const reversal = reversedBy.get(e.id);
    if (!reversal) state.live.push(e);
    else if (reversal.createdBy !== null) state.waived.add(e.code);
  }
  return states;
}
