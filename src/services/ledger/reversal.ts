import type { PointEntry } from '../../db/entities';

/** The entry that reverses `entry`: the same rule and code, the opposite points and fine. */
export function reversalOf(entry: PointEntry, opts: { by: number | null; reason: string; at: Date }): Omit<PointEntry, 'id'> {
  return {
    employeeId: entry.employeeId,
    month: entry.month,
    workDate: entry.workDate,
    points: -entry.points,
    fineFen: -entry.fineFen,
    rule: entry.rule,
    code: entry.code,
    sourceType: 'reversal',
    sourceId: String(entry.id),
    generation: 0,
    reason: opts.reason,
    createdBy: opts.by,
    reversesId: entry.id,
    createdAt: opts.at,
  };
}
