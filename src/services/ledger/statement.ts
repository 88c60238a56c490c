import { monthEntries } from '../../db/stores/ledger-store';
import { employeesByIds } from '../../db/stores/org-store';
import type { ServiceContext } from '../service-context';
import { currentManager } from '../../db/transaction';

/** One ledger line as people see it: P<id>, date, rule, points, fine, who. */
export interface StatementLine {
  id: number;
  workDate: string;
  rule: string;
  code: string;
  points: number;
  fineFen: number;
  reason: string | null;
  /** The name of who entered it, or 系统 for the bot's own judgement. */
  by: string;
  /** The entry this one reverses, for a reversal. */
  reversesId: number | null;
  /** The id of the reversal of this entry, if it was reversed. */
  reversedBy: number | null;
}

/** A month's score (H-10) and fines with every entry behind them. */
export interface MonthStatement {
  employeeId: number;
  month: string;
  start: number;
  score: number;
  pointsTotal: number;
  finesFen: number;
  lines: StatementLine[];
}

/**
 * The month's ledger of one employee: score = the policy's start + every entry's points
 * (a reversal cancels its entry), fines = the sum of every entry's fine.
 */
export async function monthStatement(ctx: ServiceContext, employeeId: number, month: string): Promise<MonthStatement> {
  const tx = currentManager(ctx.ds);
  const entries = await monthEntries(tx, employeeId, month);
  const authors = await employeesByIds(tx, [...new Set(entries.map((e) => e.createdBy).filter((id): id is number => id !== null))]);
  const names = new Map(authors.map((a) => [a.id, a.name]));
  const reversedBy = new Map(entries.filter((e) => e.reversesId !== null).map((e) => [e.reversesId as number, e.id]));
  const pointsTotal = entries.reduce((s, e) => s + e.points, 0);
  return {
    employeeId,
    month,
    start: ctx.policy.score.start,
    score: ctx.policy.score.start + pointsTotal,
    pointsTotal,
    finesFen: entries.reduce((s, e) => s + e.fineFen, 0),
    lines: entries.map((e) => ({
      id: e.id,
      workDate: e.workDate,
      rule: e.rule,
      code: e.code,
      points: e.points,
      fineFen: e.fineFen,
      reason: e.reason,
      by: e.createdBy === null ? '系统' : names.get(e.createdBy) ?? `#${e.createdBy}`,
      reversesId: e.reversesId,
      reversedBy: reversedBy.get(e.id) ?? null,
    })),
  };
}
