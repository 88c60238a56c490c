import type { PayslipFigures } from '../../domain/payslip';
import { In, IsNull } from 'typeorm';
import { Employee, MonthClose, Payslip, Team } from '../entities';
import { column, Statement } from '../lean-queries';
import type { Tx } from './tx';

/** The payroll file's rows (docs/architecture.md: Payroll CSV columns), read a page at a time. */

/** One stored pay slip (its latest revision) with its employee's number and name and the team's name. */
export interface PayrollSlipRow {
  no: string;
  name: string;
  /** The employee's team now; null without one. */
  team: string | null;
  figures: PayslipFigures;
}

/** The columns of a slip the file shows: only these are read (not the items, not the stamps). */
const FIGURES: Array<keyof PayslipFigures> = [
  'baseFen', 'validCalls', 'callPayFen', 'aLeads', 'bLeads', 'leadBonusFen', 'collectedFen', 'commissionFen', 'score', 'scoreBonusFen', 'finesFen', 'totalFen',
];

/**
 * The latest published revision of each pay slip of a month whose employee's number comes after
 * `afterNo`, by number, at most `limit`: a keyset page. The latest revisions come from one
 * grouped pass over the month's slips, then each is fetched by its unique key; a correlated
 * "no newer revision" test let MariaDB probe the month's index per slip (quadratic: 0.5 s a
 * page at 1,000 employees).
 */
const SLIP_PAGE = new Statement((n) => {
  const p = (prop: string) => `p.${n.column(Payslip, prop)}`;
  const e = (prop: string) => `e.${n.column(Employee, prop)}`;
  const s = (prop: string) => `s.${n.column(Payslip, prop)}`;
  const [employeeId, revision] = [n.column(Payslip, 'employeeId'), n.column(Payslip, 'revision')];
  // Published: not written by a close that has not finished (a re-close a crash interrupted).
  const published = `NOT EXISTS (SELECT 1 FROM ${n.table(MonthClose)} c WHERE c.${n.column(MonthClose, 'id')} = ${s('closeId')} AND c.${n.column(MonthClose, 'finishedAt')} IS NULL)`;
  const latest = `SELECT ${s('employeeId')} AS ${employeeId}, MAX(${s('revision')}) AS ${revision} FROM ${n.table(Payslip)} s WHERE ${s('month')} = ? AND ${published} GROUP BY ${s('employeeId')}`;
  return (
    `SELECT ${FIGURES.map(p).join(', ')}, ${e('no')} AS payroll_no, ${e('name')} AS payroll_name, t.${n.column(Team, 'name')} AS payroll_team` +
    ` FROM (${latest}) m JOIN ${n.table(Payslip)} p ON ${p('employeeId')} = m.${employeeId} AND ${p('month')} = ? AND ${p('revision')} = m.${revision}` +
    ` JOIN ${n.table(Employee)} e ON ${e('id')} = ${p('employeeId')}` +
    ` LEFT JOIN ${n.table(Team)} t ON t.${n.column(Team, 'id')} = ${e('teamId')}` +
    ` WHERE ${e('no')} > ? ORDER BY ${e('no')} LIMIT ?`
  );
});

/** A page of {@link SLIP_PAGE}: pass the last row's `no` as `afterNo` for the next ('' for the first). */
export async function payslipPage(tx: Tx, month: string, afterNo: string, limit: number): Promise<PayrollSlipRow[]> {
  const rows = await SLIP_PAGE.run<Record<string, unknown>>(tx, [month, month, afterNo, limit]);
  const metadata = tx.dataSource.getMetadata(Payslip);
  const columns = FIGURES.map((f) => [f, column(metadata, f)] as const);
  const driver = tx.dataSource.driver;
  return rows.map((r) => ({
    no: String(r.payroll_no),
    name: String(r.payroll_name),
    team: r.payroll_team === null ? null : String(r.payroll_team),
    figures: Object.fromEntries(columns.map(([f, c]) => [f, driver.prepareHydratedValue(r[c.databaseName], c)])) as unknown as PayslipFigures,
  }));
}

/**
 * For each employee of `month` with two or more published revisions, by employee number, the
 * total (fen) of the revision before the latest: what a re-close moved a slip from (the close
 * summary's "moved" flag, on the exported payroll).
 */
export async function previousRevisionTotals(tx: Tx, month: string): Promise<Map<string, number>> {
  const open = new Set((await tx.find(MonthClose, { where: { month, finishedAt: IsNull() }, select: { id: true } })).map((c) => c.id));
  const slips = await tx.find(Payslip, { where: { month }, select: { employeeId: true, revision: true, totalFen: true, closeId: true }, order: { revision: 'DESC' } });
  const totals = new Map<number, number[]>();
  for (const s of slips) {
    if (s.closeId !== null && open.has(s.closeId)) continue;
    const newestFirst = totals.get(s.employeeId) ?? [];
    if (newestFirst.length < 2) newestFirst.push(s.totalFen);
    totals.set(s.employeeId, newestFirst);
  }
  const ids = [...totals].filter(([, t]) => t.length === 2).map(([id]) => id);
  const employees = ids.length ? await tx.find(Employee, { where: { id: In(ids) }, select: { id: true, no: true } }) : [];
  return new Map(employees.map((e) => [e.no, (totals.get(e.id) as number[])[1]]));
}
