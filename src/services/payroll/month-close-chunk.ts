import type { Employee, Payslip } from '../../db/entities';
import type { PayslipItem } from '../../db/entities/payslip.entity';
import { insertPayslips, payslipRevisionsOf } from '../../db/stores/payroll-store';
import type { Tx } from '../../db/stores/tx';
import { computePayslip, type PayslipFigures } from '../../domain/payslip';
import { employeesOf, type EmployeeRef } from '../employee-batch';
import type { ServiceContext } from '../service-context';
import { gatherMonthPayFacts } from './pay-facts';
import { changedFields, payslipItems } from './payslip-items';

/** How a re-close changed one employee's pay slip. */
export interface PayslipChange {
  employee: Employee;
  before: PayslipFigures;
  after: PayslipFigures;
  fields: string[];
}

/** A pay slip a close wrote, as stored: what its notice shows. */
export interface ClosedSlip {
  employee: Employee;
  revision: number;
  figures: PayslipFigures;
  items: PayslipItem[];
  createdAt: Date;
}

/** The run of a close that handles a chunk: its id (payslips.close_id), month and stamp. */
export interface CloseRun {
  id: number;
  month: string;
  /** A close of the month finished before this run: only changed slips are written. */
  reclose: boolean;
  now: Date;
}

/** What a chunk did for one employee: the slip this run wrote (and, on a re-close, how it changed), or null (not employed, or unchanged). */
export type SlipOutcome = { slip: ClosedSlip; change: PayslipChange | null } | null;

const figuresOf = (p: Payslip): PayslipFigures => ({
  baseFen: p.baseFen, validCalls: p.validCalls, callPayFen: p.callPayFen, aLeads: p.aLeads, bLeads: p.bLeads, leadBonusFen: p.leadBonusFen,
  collectedFen: p.collectedFen, commissionFen: p.commissionFen, score: p.score, scoreBonusFen: p.scoreBonusFen, finesFen: p.finesFen, totalFen: p.totalFen,
});

/** The revisions of each employee, oldest first. */
function revisionsByEmployee(slips: Payslip[]): Map<number, Payslip[]> {
  const by = new Map<number, Payslip[]>();
  for (const s of slips) by.set(s.employeeId, [...(by.get(s.employeeId) ?? []), s]);
  for (const list of by.values()) list.sort((a, b) => a.revision - b.revision);
  return by;
}

/**
 * Closes the employees `refs` in the caller's transaction (H-8): their facts read with one
 * grouped query per kind, each slip computed with the pure rules, the new revisions written
 * in multi-row inserts. Idempotent within a run, so a run resumed after a crash converges: a
 * slip this run already wrote (close_id) and that still holds counts as written and is not
 * written again. On a re-close only a slip that differs from the one before the run is
 * written. One outcome per employee of `refs`, in order.
 */
export async function closeChunk(tx: Tx, ctx: ServiceContext, run: CloseRun, refs: EmployeeRef[]): Promise<SlipOutcome[]> {
  const employees = await employeesOf(tx, refs);
  const facts = await gatherMonthPayFacts(tx, ctx, employees, run.month);
  const stored = revisionsByEmployee(await payslipRevisionsOf(tx, run.month, [...facts.keys()]));
  const rows: Array<Omit<Payslip, 'id'>> = [];
  const outcomes = employees.map((employee): SlipOutcome => {
    const f = facts.get(employee.id);
    if (!f) return null;
    const figures = computePayslip(f, ctx.policy);
    const revisions = stored.get(employee.id) ?? [];
    const latest = revisions.at(-1);
    const mine = latest?.closeId === run.id ? latest : undefined;
    const before = revisions.filter((r) => r.closeId !== run.id).at(-1);
    const change = (): PayslipChange | null =>
      run.reclose ? { employee, before: before ?? figures, after: figures, fields: before ? changedFields(before, figures) : ['new'] } : null;
    if (mine && !changedFields(mine, figures).length) {
      return { slip: { employee, revision: mine.revision, figures: figuresOf(mine), items: mine.items, createdAt: mine.createdAt }, change: change() };
    }
    if (!mine && run.reclose && before && !changedFields(before, figures).length) return null;
    const slip: ClosedSlip = { employee, revision: (latest?.revision ?? 0) + 1, figures, items: payslipItems(figures, ctx.policy), createdAt: run.now };
    rows.push({ employeeId: employee.id, month: run.month, revision: slip.revision, ...figures, items: slip.items, createdAt: slip.createdAt, closeId: run.id });
    return { slip, change: change() };
  });
  if (rows.length) await insertPayslips(tx, rows);
  return outcomes;
}
