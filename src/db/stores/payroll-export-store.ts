import type { PayslipFigures } from '../../domain/payslip';
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
 * The latest published revision of each pay slip of a month whose employee's number comes after `afterNo`,
 * by number, at most `limit`: a keyset page (each page one indexed range, however far along).
 */
const SLIP_PAGE = new Statement((n) => {
  const p = (prop: string) => `p.${n.column(Payslip, prop)}`;
  const e = (prop: string) => `e.${n.column(Employee, prop)}`;
  // Published: not written by a close that has not finished (a re-close a crash interrupted).
  const published = (slip: string) =>
    `NOT EXISTS (SELECT 1 FROM ${n.table(MonthClose)} c WHERE c.${n.column(MonthClose, 'id')} = ${slip}.${n.column(Payslip, 'closeId')} AND c.${n.column(MonthClose, 'finishedAt')} IS NULL)`;
  return (
    `SELECT ${FIGURES.map(p).join(', ')}, ${e('no')} AS payroll_no, ${e('name')} AS payroll_name, t.${n.column(Team, 'name')} AS payroll_team` +
    ` FROM ${n.table(Payslip)} p JOIN ${n.table(Employee)} e ON ${e('id')} = ${p('employeeId')}` +
    ` LEFT JOIN ${n.table(Team)} t ON t.${n.column(Team, 'id')} = ${e('teamId')}` +
    ` WHERE ${p('month')} = ? AND ${e('no')} > ? AND ${published('p')}` +
    ` AND NOT EXISTS (SELECT 1 FROM ${n.table(Payslip)} q WHERE q.${n.column(Payslip, 'employeeId')} = ${p('employeeId')}` +
    ` AND q.${n.column(Payslip, 'month')} = ${p('month')} AND q.${n.column(Payslip, 'revision')} > ${p('revision')} AND ${published('q')})` +
    ` ORDER BY ${e('no')} LIMIT ?`
  );
});

/** A page of {@link SLIP_PAGE}: pass the last row's `no` as `afterNo` for the next ('' for the first). */
export async function payslipPage(tx: Tx, month: string, afterNo: string, limit: number): Promise<PayrollSlipRow[]> {
  const rows = await SLIP_PAGE.run<Record<string, unknown>>(tx, [month, afterNo, limit]);
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
