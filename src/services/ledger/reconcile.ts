import type { PointEntry } from '../../db/entities';
import { addEntry } from '../../db/stores/ledger-store';
import type { Tx } from '../../db/stores/tx';
import { monthOf } from '../../domain/dates';
import { AutoSource, loadSourceState, sourceIdOf } from './ledger-keys';
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

/**
 * Makes the live automatic entries of `source` whose code is in `scope` equal `desired`: stale
 * or changed ones are reversed, missing ones added with the next generation, waived ones (a
 * person reversed them) never come back. Running it again with the same facts changes nothing,
 * so judging converges whatever the order or the number of runs.
 */
export async function reconcile(
  tx: Tx,
  source: AutoSource,
  scope: ReadonlySet<string> | 'all',
  desired: DesiredEntry[],
  now: Date,
): Promise<ReconcileResult> {
  const inScope = (code: string) => scope === 'all' || scope.has(code);
  const state = await loadSourceState(tx, source);
  const want = new Map(desired.filter((d) => inScope(d.code)).map((d) => [d.code, d]));
  const result: ReconcileResult = { added: [], reversed: [] };
  for (const entry of state.live.filter((e) => inScope(e.code))) {
    const d = want.get(entry.code);
    if (d && d.points === entry.points && d.fineFen === entry.fineFen) {
      want.delete(entry.code);
      continue;
    }
    await addEntry(tx, reversalOf(entry, { by: null, reason: '重新判定：事实已变化', at: now }));
    result.reversed.push(entry);
  }
  for (const d of want.values()) {
    if (state.waived.has(d.code)) continue;
    const entry = await addEntry(tx, {
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
    result.added.push(entry);
  }
  return result;
}
