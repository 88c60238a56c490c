import type { Employee, Team } from '../../db/entities';
import { dayCountsByEmployee, latestRevisionNumbers, type DayCounts } from '../../db/stores/console-read-store';
import { openMonthChanges } from '../../db/stores/month-change-store';
import { allEmployees, allTeams } from '../../db/stores/org-store';
import { previousRevisionTotals } from '../../db/stores/payroll-export-store';
import { inTransaction } from '../../db/transaction';
import { monthRange } from '../../domain/dates';
import { employedRange, isMonthClosed, movedMoreThan, NEGATIVE_TOTAL, payrollRowsIn, type PayrollRow } from '../payroll';
import type { ServiceContext } from '../service-context';
import { mayView, type Person } from '../../domain/authority';

/** One employee's row of the 本月 table. */
export interface MonthTableRow {
  employeeId: number;
  no: string;
  name: string;
  teamId: number | null;
  days: DayCounts;
  /**
   * The employee's row of the payroll file for the month, the very row the CSV and xlsx hold
   * (the draft while the month is open, the latest published slip once closed); null when the
   * closed month has no slip for them (a close failed for them).
   */
  pay: PayrollRow | null;
  /** The closed slip's revision; null while the month is open. */
  revision: number | null;
  /** The close summary's flags: 合计为负, 合计变动超过 N 元, 待重新结算. */
  flags: string[];
}

/** The 本月 table of a month, for one scope. */
export interface MonthTable {
  month: string;
  /** A close of the month has finished: the money columns are the stored slips. */
  closed: boolean;
  rows: MonthTableRow[];
  /** The teams the viewer may filter by (every team for an admin, their own for a supervisor). */
  teams: Team[];
}

/** Who the table shows: every team or one team, optionally narrowed to one team by a filter. */
export interface MonthScope {
  scope: number | 'all';
  team?: number;
  /** Who looks: only the rows they may view are shown (src/domain/authority.ts mayView). */
  viewer: Person;
}

/**
 * The 本月 table (docs/console.md, "Pages"): one row per employee employed in `month` within
 * the scope, the attendance counts from the judged days (one grouped statement), and every
 * money and count column from the payroll rows (services/payroll payrollRowsIn), the same rows
 * the payroll CSV and xlsx hold, read in one transaction, so the page and the file never differ.
 */
export async function monthTable(ctx: ServiceContext, month: string, where: MonthScope): Promise<MonthTable> {
  return inTransaction(ctx.ds, async (tx) => {
    const closed = await isMonthClosed(tx, month);
    const inTeam = (teamId: number | null) => (where.scope === 'all' || teamId === where.scope) && (where.team === undefined || teamId === where.team);
    const shown = (e: Employee) => inTeam(e.teamId) && mayView(where.viewer, e);
    const pay = new Map<string, PayrollRow>();
    await payrollRowsIn(tx, ctx, month, !closed, async (page) => {
      for (const r of page) pay.set(String(r.employee_no), r);
    }, { only: shown });
    const teams = (await allTeams(tx)).filter((t) => where.scope === 'all' || t.id === where.scope);
    const employees = (await allEmployees(tx)).filter((e) => shown(e) && employedRange(e, month) !== null);
    const { first, last } = monthRange(month);
    const days = await dayCountsByEmployee(tx, employees.map((e) => e.id), first, last);
    const revisions = closed ? await latestRevisionNumbers(tx, month) : new Map<number, number>();
    const rules = [NEGATIVE_TOTAL, ...(closed ? [movedMoreThan(await previousRevisionTotals(tx, month), ctx.policy.payroll.flagChangeFen)] : [])];
    const pending = new Set(closed ? (await openMonthChanges(tx, month)).map((c) => c.employeeId) : []);
    const rows = employees
      .sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0))
      .map((e): MonthTableRow => {
        const row = pay.get(e.no) ?? null;
        const flags = row ? rules.flatMap((r) => r.flag(row) ?? []) : [];
        if (pending.has(e.id)) flags.push('待重新结算');
        return {
          employeeId: e.id, no: e.no, name: e.name, teamId: e.teamId, pay: row, revision: revisions.get(e.id) ?? null, flags,
          days: days.get(e.id) ?? { worked: 0, halfAbsent: 0, absent: 0, late: 0 },
        };
      });
    return { month, closed, rows, teams };
  });
}
