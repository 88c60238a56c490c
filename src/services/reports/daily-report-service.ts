import { UserError } from '../../core/errors';
import type { DailyReport } from '../../db/entities';
import { completeRecordsGraded, dailyReportId, insertDailyReport, lockDailyReport, saveDailyReport, validCallsBetween } from '../../db/stores/report-store';
import type { Person } from '../../domain/authority';
import type { ServiceContext } from '../service-context';
import { REPORT_EXAMPLE, requireAgent, workDateOf } from './report-rules';
import { writeTransaction } from '../../db/transaction';

/** A complete A/B record of the day, shown in the 日报 reply as a lead to be qualified. */
export interface LeadCandidate {
  id: number;
  company: string;
  grade: 'A' | 'B';
  qualified: boolean;
}

/** Input of {@link submitDailyReport}: the 日报 command, parsed. */
export interface DailyReportInput {
  employee: Person;
  /** Calls made that day (拨打), as the agent typed it. */
  calls: number;
  note?: string | null;
  /** When the platform says the message was sent: decides the work day. */
  sentAt: Date;
  sourceEvent?: string | null;
}

/** Result of {@link submitDailyReport}, with what the reply shows. */
export interface DailyReportResult {
  /** The day's stored report (after this message). */
  report: DailyReport;
  workDate: string;
  /** A report of that day was there before and this one replaced it. */
  replaced: boolean;
  /** The replaced report's calls; null when nothing was replaced. */
  previousCalls: number | null;
  /**
   * This message was sent before the stored report of the same day (a late redelivery): the
   * later report stays and nothing changed.
   */
  stale: boolean;
  /** Valid calls of the day so far: complete records (H-3), not the typed number. */
  validCalls: number;
  /** Complete A/B records of the day: leads to be qualified (H-4). */
  candidates: LeadCandidate[];
}

/**
 * Files an agent's call report 《电话销售日报表》 (H-2): one per agent and work day; a second
 * the same day replaces the first and says so. The reply's valid calls and A/B candidates come
 * from the day's customer records (H-3), whatever number was typed.
 */
export async function submitDailyReport(ctx: ServiceContext, input: DailyReportInput): Promise<DailyReportResult> {
  requireAgent(input.employee, '日报');
  if (!Number.isSafeInteger(input.calls) || input.calls < 0) {
    throw new UserError('通话数要写成不小于 0 的整数。', REPORT_EXAMPLE, 'report.calls');
  }
  // The note's length is the grammar's (textLimits.note): the text and the form both read it.
  const note = input.note?.trim() || null;
  const workDate = workDateOf(input.sentAt, ctx.policy);
  const employeeId = input.employee.id;
  return writeTransaction(ctx.ds, async (tx) => {
    const found = await dailyReportId(tx, employeeId, workDate);
    let report: DailyReport;
    let previousCalls: number | null = null;
    let stale = false;
    if (found === null) {
      report = await insertDailyReport(tx, {
        employeeId, workDate, calls: input.calls, note, sentAt: input.sentAt, sourceEvent: input.sourceEvent ?? null, createdAt: input.sentAt, updatedAt: input.sentAt,
      });
    } else {
      report = await lockDailyReport(tx, found);
      stale = input.sentAt.getTime() < report.sentAt.getTime();
      if (!stale) {
        previousCalls = report.calls;
        Object.assign(report, { calls: input.calls, note, sentAt: input.sentAt, sourceEvent: input.sourceEvent ?? null, updatedAt: input.sentAt });
        report = await saveDailyReport(tx, report);
      }
    }
    const validCalls = await validCallsBetween(tx, employeeId, workDate, workDate);
    const leads = await completeRecordsGraded(tx, employeeId, workDate, ctx.policy.customerRecord.payGrades);
    const candidates = leads.map((r): LeadCandidate => ({ id: r.id, company: r.company, grade: r.grade as 'A' | 'B', qualified: r.qualifiedAt !== null }));
    return { report, workDate, replaced: previousCalls !== null, previousCalls, stale, validCalls, candidates };
  });
}
