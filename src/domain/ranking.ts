/**
 * The weekly ranking's order (H-6, docs/commands.md "Rankings break ties by employee number"). Pure:
 * the figures come from the services.
 */

/** What one employee is ranked by. */
export interface RankingFigures {
  /** The employee number (工号): the last tie-breaker. */
  no: string;
  /** Valid calls of the week (H-3). */
  validCalls: number;
  /** A and B leads qualified in the week (H-4), together. */
  leads: number;
  /** The week's points (the net of the ledger entries dated in the week). */
  points: number;
}

/**
 * Employee numbers in natural order, the same on every machine (no locale): digit runs compare
 * as numbers (E2 before E10), other runs by code unit; equal by that (E01 and E1), by code unit.
 */
export function compareEmployeeNo(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Better first: more valid calls, then more leads, then more points, then the lower employee number. */
export function compareRanking(a: RankingFigures, b: RankingFigures): number {
  return b.validCalls - a.validCalls || b.leads - a.leads || b.points - a.points || compareEmployeeNo(a.no, b.no);
}

/** The rows in ranking order with their places 1…n; every place is distinct (ties go by employee number). */
export function rankRows<T extends RankingFigures>(rows: readonly T[]): Array<T & { rank: number }> {
  return [...rows].sort(compareRanking).map((r, i) => ({ ...r, rank: i + 1 }));
}
