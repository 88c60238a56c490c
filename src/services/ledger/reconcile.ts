import type { PointEntry } from '../../db/entities';
import { addEntries, addEntry, entriesOfSources } from '../../db/stores/ledger-store';
import type { Tx } from '../../db/stores/tx';
import { monthOf } from '../../domain/dates';
import { loadSourceStates, sourceIdOf, type AutoSource, type SourceState } from './ledger-keys';
import { reversalOf } from './reversal';

/** An automatic entry the rules want for a source. */
export interface DesiredEntry {
  code: string;
  rule: string;
  points: number;
  fineFen: number;
  reason?: string;
}

/** What a reconciliation changed. */
export interface ReconcileResult {
  added: PointEntry[];
  reversed: PointEntry[];
}

/** One source to reconcile and the entries the rules want for it. */
export interface SourceWish {
  source: AutoSource;
  desired: DesiredEntry[];
}

/** The rows one source needs written: reversals of its stale entries, then its missing entries. */
interface SourcePlan {
  reversed: PointEntry[];
  rows: Array<Omit<PointEntry, 'id'>>;
  additions: number;
}

/**
 * What makes the live automatic entries of a source whose code is in `scope` equal `desired`:
 * stale or changed ones are reversed, missing ones added with the next generation, waived ones
 * (a person reversed them) never come back.
 */
function plan(state: SourceState, wish: SourceWish, inScope: (code: string) => boolean, now: Date): SourcePlan {
  const { source } = wish;
  const want = new Map(wish.desired.filter((d) => inScope(d.code)).map((d) => [d.code, d]));
  const out: SourcePlan = { reversed: [], rows: [], additions: 0 };
  for (const entry of state.live.filter((e) => inScope(e.code))) {
    const d = want.get(entry.code);
    if (d && d.points === entry.points && d.fineFen === entry.fineFen) {
      want.delete(entry.code);
      continue;
    }
    out.rows.push(reversalOf(entry, { by: null, reason: '重新判定：事实已变化', at: now }));
    out.reversed.push(entry);
  }
  for (const d of want.values()) {
    if (state.waived.has(d.code)) continue;
    out.rows.push({
      employeeId: source.employeeId,
      month: monthOf(source.workDate),
      workDate: source.workDate,
      points: d.points,
      fineFen: d.fineFen,
      rule: d.rule,
      code: d.code,
      sourceType: source.type,
      sourceId: sourceIdOf(source),
      generation: (state.generation.get(d.code) ?? -1) + 1,
      reason: d.reason ?? null,
      createdBy: null,
      reversesId: null,
      createdAt: now,
    });
    out.additions++;
  }
  return out;
}

/**
 * Reconciles automatic sources of one type, any number at once: reads their entries in two
 * statements, plans each source alone ({@link plan}) and writes every reversal and addition in
 * multi-row inserts, source by source in the given order (so the ids are those one source at a
 * time would get). Running it again with the same facts changes nothing, so judging converges
 * whatever the order or the number of runs. One result per wish, in order.
 */
export async function reconcileSources(tx: Tx, type: AutoSource['type'], wishes: SourceWish[], scope: ReadonlySet<string> | 'all', now: Date): Promise<ReconcileResult[]> {
  const inScope = (code: string) => scope === 'all' || scope.has(code);
  const ids = wishes.map((w) => sourceIdOf(w.source));
  const states = await loadSourceStates(tx, type, ids);
  const plans = wishes.map((w, i) => plan(states.get(ids[i]) as SourceState, w, inScope, now));
  const rows = plans.flatMap((p) => p.rows);
  const added: PointEntry[][] = plans.map(() => []);
  if (rows.length === 1) {
    // One row (a clock-in's lateness): one statement, and its id comes back with it.
    const entry = await addEntry(tx, rows[0]);
    if (entry.reversesId === null) added[plans.findIndex((p) => p.additions > 0)].push(entry);
  } else if (rows.length > 1) {
    await addEntries(tx, rows);
    const withAdditions = plans.flatMap((p, i) => (p.additions > 0 ? [ids[i]] : []));
    // The ids of the entries just added, found by their key (code, source, generation).
    const stored = new Map((await entriesOfSources(tx, type, withAdditions)).map((e) => [`${e.sourceId}|${e.code}|${e.generation}`, e]));
    plans.forEach((p, i) => {
      for (const r of p.rows) if (r.reversesId === null) added[i].push(stored.get(`${r.sourceId}|${r.code}|${r.generation}`) as PointEntry);
    });
  }
  return plans.map((p, i) => ({ added: added[i], reversed: p.reversed }));
}
