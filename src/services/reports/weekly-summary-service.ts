import { UserError } from '../../core/errors';
import type { WeeklySummary } from '../../db/entities';
import { employee } from '../../db/stores/org-store';
import { insertWeeklySummary, lockWeeklySummary, saveWeeklySummary, weeklySummaryId } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { recheckWeekIfJudged } from '../weekly';
import type { Person } from '../../domain/authority';
import { mondayOf, zonedInstant } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { notAfter, SUMMARY_EXAMPLE, workDateOf } from './report-rules';
import { writeTransaction } from '../../db/transaction';

/** Input of {@link submitWeeklySummary}: the 周报 command, parsed. */
export interface WeeklySummaryInput {
  employee: Person;
  text: string;
  /** When the platform says the message was sent: decides the week and whether it is on time. */
  sentAt: Date;
  /** The application clock's time: when a re-judging it causes is written (default sentAt). */
  now?: Date;
}

/** Result of {@link submitWeeklySummary}. */
export interface WeeklySummaryResult {
  summary: WeeklySummary;
  /** Monday of the week. */
  week: string;
  /** A summary of that week was there before; its text is replaced. */
  replaced: boolean;
  /** The week's last workday; null for a week without workdays (nothing is due). */
  lastWorkday: string | null;
  /** The deadline (H-13): policy.weeklySummary.deadline on the last workday; null when nothing is due. */
  deadline: Date | null;
  /** The stored summary met the deadline and counts (H-13); false: stored, but it does not count. */
  onTime: boolean;
  /** The stored stamp is an earlier hand-in's, kept so a late replacement does not make an on-time summary late. */
  keptEarlierStamp: boolean;
}

/**
 * Files an employee's weekly summary 周总结 (H-7) for the week (Monday–Sunday) of its work
 * date. A second one that week replaces the text; the stored stamp is the earliest hand-in, so
 * a summary once on time stays on time. It is on time when stamped, to the minute, not after
 * the policy's deadline on the week's last workday; a late one is stored but does not count
 * (H-13), and the result says so.
 */
export async function submitWeeklySummary(ctx: ServiceContext, input: WeeklySummaryInput): Promise<WeeklySummaryResult> {
  // Its length is the 周报 command's check (textLimits.summary), before anything is read from the database.
  const text = input.text.trim();
  if (text === '') throw new UserError('周报内容不能为空。', SUMMARY_EXAMPLE, 'summary.empty');
  const { policy, calendar } = ctx;
  const week = mondayOf(workDateOf(input.sentAt, policy));
  const lastWorkday = calendar.lastWorkdayOfWeek(week);
  const deadlineMinute = policy.weeklySummary.deadline;
  const onTimeAt = (at: Date) => lastWorkday === null || notAfter(at, lastWorkday, deadlineMinute, policy);
  const employeeId = input.employee.id;
  const { summary, replaced } = await writeTransaction(ctx.ds, async (tx) => {
    const stored = await storeSummary(tx, { employeeId, week, text, sentAt: input.sentAt });
    // A summary stamped in time but delivered after its week was judged re-judges it (H-13).
    await recheckWeekIfJudged(tx, ctx, await employee(tx, employeeId), week, input.now ?? input.sentAt);
    return stored;
  });
  return {
    summary,
    week,
    replaced,
    lastWorkday,
    deadline: lastWorkday === null ? null : zonedInstant(lastWorkday, deadlineMinute, policy.timezone),
    onTime: onTimeAt(summary.sentAt),
    keptEarlierStamp: summary.sentAt.getTime() < input.sentAt.getTime(),
  };
}

/** Inserts the week's summary, or replaces its text keeping the earliest stamp. */
async function storeSummary(
  tx: Tx,
  v: { employeeId: number; week: string; text: string; sentAt: Date },
): Promise<{ summary: WeeklySummary; replaced: boolean }> {
  const found = await weeklySummaryId(tx, v.employeeId, v.week);
  if (found === null) {
    const created = { employeeId: v.employeeId, week: v.week, text: v.text, sentAt: v.sentAt, createdAt: v.sentAt, updatedAt: v.sentAt };
    return { summary: await insertWeeklySummary(tx, created), replaced: false };
  }
  const stored = await lockWeeklySummary(tx, found);
  const earliest = stored.sentAt.getTime() <= v.sentAt.getTime() ? stored.sentAt : v.sentAt;
  Object.assign(stored, { text: v.text, sentAt: earliest, updatedAt: v.sentAt });
  return { summary: await saveWeeklySummary(tx, stored), replaced: true };
}
