import type { Appeal, AttendanceDay, Employee, LeaveRequest, Payslip } from '../../db/entities';
import {
  appealsOfEntries, attendanceDaysBetween, customerRecordsBetween, dailyReportsBetween, leaveTouching, punchesBetween,
} from '../../db/stores/console-read-store';
import { monthEntries } from '../../db/stores/ledger-store';
import { employeesByIds, findTeam } from '../../db/stores/org-store';
import { closesOfMonth, payslipRevisionsOf } from '../../db/stores/payroll-store';
import { currentManager } from '../../db/transaction';
import type { CalendarDay } from '../../domain/calendar';
import { datesBetween, formatMinute, monthRange, zonedMinute } from '../../domain/dates';
import type { PointEntry } from '../../db/entities';
import { payslipOf, type PayslipView } from '../payroll';
import { maskText } from '../reports/record-visibility';
import type { ServiceContext } from '../service-context';

/** A customer record as the console shows it: the phone always masked (H-20: a screen is seen by others). */
export interface ConsoleRecord {
  company: string;
  contact: string;
  titlePhone: string;
  grade: string;
  complete: boolean;
  qualified: boolean;
}

/** One date of the employee's month with everything that happened on it. */
export interface EmployeeDay {
  date: string;
  calendar: CalendarDay;
  /** The close-day's judgement; null when the day is not judged (future, off, not employed, no data). */
  verdict: Pick<AttendanceDay, 'status' | 'lateMinutes' | 'earlyMinutes' | 'provisional'> | null;
  punches: Array<{ kind: string; time: string; correctionId: number | null }>;
  report: { calls: number; note: string | null } | null;
  records: ConsoleRecord[];
  /** Leave requests (any status) covering the date. */
  leave: LeaveRequest[];
  /** The codes of the day's ledger entries that stand (not reversed, no reversal themselves): what the judgement found. */
  codes: string[];
}

/** One ledger entry with who made it and its appeals. */
export interface LedgerLine {
  entry: PointEntry;
  /** Who made it: a person's name, or null for the bot's own judgement (a job). */
  by: string | null;
  /** The id of the entry that reverses this one, if any. */
  reversedBy: number | null;
  appeals: Appeal[];
}

/** The 员工 page's data for one employee and month. */
export interface EmployeeMonth {
  employee: Employee;
  team: string | null;
  month: string;
  days: EmployeeDay[];
  ledger: LedgerLine[];
  /** The slip as 工资 shows it (the latest revision once closed, else the draft); null when not employed that month. */
  payslip: PayslipView | null;
  /** Every published revision of the month's slip, oldest first. */
  revisions: Payslip[];
}

/**
 * Everything the 员工 page shows of `employee` in `month` (docs/console.md, "Pages"): each
 * kind of fact read once for the whole month (punches, reports, records, leave, judged days,
 * ledger, appeals, revisions) and grouped by date here.
 */
export async function employeeMonth(ctx: ServiceContext, employee: Employee, month: string): Promise<EmployeeMonth> {
  const tx = currentManager(ctx.ds);
  const tz = ctx.policy.timezone;
  const { first, last } = monthRange(month);
  const id = employee.id;
  const [verdicts, punches, reports, records, leave, entries] = [
    await attendanceDaysBetween(tx, id, first, last), await punchesBetween(tx, id, first, last), await dailyReportsBetween(tx, id, first, last),
    await customerRecordsBetween(tx, id, first, last), await leaveTouching(tx, id, first, last), await monthEntries(tx, id, month),
  ];
  const byDate = <T extends { workDate: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.workDate, [...(m.get(r.workDate) ?? []), r]);
    return m;
  };
  const reversed = new Set(entries.flatMap((e) => (e.reversesId === null ? [] : [e.reversesId])));
  const standing = byDate(entries.filter((e) => e.reversesId === null && !reversed.has(e.id)));
  const [v, p, rep, rec] = [byDate(verdicts), byDate(punches), byDate(reports), byDate(records)];
  const days = datesBetween(first, last).map((date): EmployeeDay => ({
    date,
    calendar: ctx.calendar.day(date),
    verdict: v.get(date)?.[0] ?? null,
    punches: (p.get(date) ?? []).map((x) => ({ kind: x.kind, time: formatMinute(zonedMinute(x.at, tz).minute), correctionId: x.correctionId ?? null })),
    report: rep.get(date)?.map((r) => ({ calls: r.calls, note: r.note }))[0] ?? null,
    records: (rec.get(date) ?? []).map((r) => ({
      company: r.company, contact: r.contact, titlePhone: maskText(r.titlePhone, ctx.policy.customerRecord.phonePattern), grade: r.grade, complete: r.complete, qualified: r.qualifiedAt !== null,
    })),
    leave: leave.filter((l) => l.startDate <= date && l.endDate >= date),
    codes: (standing.get(date) ?? []).map((e) => e.code),
  }));
  const authors = new Map((await employeesByIds(tx, [...new Set(entries.flatMap((e) => (e.createdBy === null ? [] : [e.createdBy])))])).map((a) => [a.id, a.name]));
  const appeals = await appealsOfEntries(tx, entries.map((e) => e.id));
  const reversedBy = new Map(entries.filter((e) => e.reversesId !== null).map((e) => [e.reversesId as number, e.id]));
  const ledger = entries.map((entry) => ({
    entry,
    by: entry.createdBy === null ? null : (authors.get(entry.createdBy) ?? `#${entry.createdBy}`),
    reversedBy: reversedBy.get(entry.id) ?? null,
    appeals: appeals.filter((a) => a.entryId === entry.id),
  }));
  const unfinished = new Set((await closesOfMonth(tx, month)).filter((r) => r.finishedAt === null).map((r) => r.id));
  const revisions = (await payslipRevisionsOf(tx, month, [id])).filter((s) => s.closeId === null || !unfinished.has(s.closeId)).sort((a, b) => a.revision - b.revision);
  const team = employee.teamId === null ? null : ((await findTeam(tx, employee.teamId))?.name ?? null);
  return { employee, team, month, days, ledger, payslip: await payslipOf(ctx, id, month), revisions };
}
