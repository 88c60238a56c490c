import { provisionalWarning } from '../config/calendar-loader';
import { UserError } from '../core/errors';
import { yearsToWarn } from '../domain/calendar';
import { addDays, mondayOf, monthOf, monthRange, zonedInstant, zonedMinute } from '../domain/dates';
import { closeDay } from '../services/attendance';
import { closeMonth, payslipOf, type CloseMonthResult } from '../services/payroll';
import { employedOn } from '../services/people';
import type { Notice } from '../core/notifier';
import { formatYuan } from '../domain/money';
import type { Notifier } from '../core/notifier';
import type { ServiceContext } from '../services/service-context';
import type { JobViews } from './job-views';
import { checkWeek, summaryDeadline } from '../services/weekly';
import { SENDING_JOBS } from './sending-jobs';
import { failureNotices, failuresOutcome } from './failure-notices';

/** What a job needs to run one period. */
export interface JobRunArgs {
  ctx: ServiceContext;
  /** The period's key: a day, a week's Monday or a month. */
  slot: string;
  now: Date;
  force: boolean;
  /** Writes notices to the outbox (deduplicated by key). */
  notify: Notifier;
  views: JobViews;
  /** Appended to every dedup key: '' normally, ':r<run>' on a forced run so it sends again. */
  keySuffix: string;
}

/** A job: how a date maps to its period, and what it does for one period. */
export interface JobSpec {
  name: string;
  /** A sending job sends again when forced; a judging job converges. */
  sends?: boolean;
  /** The slot (business period) containing `date`. */
  slotOf(date: string): string;
  /** The period meant when no date is given, at `now`. */
  defaultSlot(now: Date, timeZone: string): string;
  /** Runs the period; resolves to a one-line outcome for people. */
  run(args: JobRunArgs): Promise<string>;
}

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

/**
 * The daily warning while a year is provisional (H-1): this year's, and next year's from the
 * 1st of `calendar.warnFromMonth` (November), until the year is official (`节假日 YYYY 确认`).
 * Once a day per admin (the dedup key names the day); a catch-up of days older than yesterday
 * sends none, so a replica back after a week does not send seven at once.
 */
async function calendarWarnings(ctx: ServiceContext, slot: string, now: Date, notify: Notifier): Promise<void> {
  if (slot < addDays(today(now, ctx.policy.timezone), -1)) return;
  for (const year of yearsToWarn(ctx.calendar, slot, ctx.policy.calendar.warnFromMonth)) {
    const warning = provisionalWarning(ctx.calendar, year, ctx.policy.calendar.overridesFile) as string;
    ctx.logger?.warn({ date: slot, year, provisionalCalendar: true }, warning);
    await notify(
      (await employedOn(ctx, slot, ['admin'])).map((a) => ({
        intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: a.id }, body: { kind: 'text' as const, text: warning } },
        dedupKey: `calendar-warning:${year}:${slot}:${a.id}`,
      })),
    );
  }
}

/** The jobs that judge (points, fines, pay slips): re-running one converges to the same ledger. */
export const JUDGING_JOBS: JobSpec[] = [
  {
    name: 'close-day',
    slotOf: (date) => date,
    defaultSlot: today,
    async run({ ctx, slot, now, notify }) {
      if (now < zonedInstant(slot, ctx.policy.workHours.end, ctx.policy.timezone)) {
        throw new UserError(`${slot} 的下班时间还没到，不能结算这一天。`, undefined, 'jobs.day-open');
      }
      const r = await closeDay(ctx, slot, now);
      await notify(
        await failureNotices(ctx, { job: 'close-day', slot, date: today(now, ctx.policy.timezone), failures: r.failures, when: `${slot} 的考勤结算时`, outcome: '没有判定', again: '重新结算' }),
      );
      await calendarWarnings(ctx, slot, now, notify);
      return `${slot}: judged ${r.judged}, ${r.incidents} incidents, ${r.added} entries added, ${r.reversed} reversed${r.provisional ? ' (provisional calendar)' : ''}${failuresOutcome(r.failures)}`;
    },
  },
  {
    name: 'weekly-summary-check',
    slotOf: mondayOf,
    defaultSlot: (now, tz) => mondayOf(today(now, tz)),
    async run({ ctx, slot, now, notify }) {
      const deadline = summaryDeadline(ctx, slot);
      if (deadline && now < deadline.at) throw new UserError(`${slot} 这一周的周报截止时间还没到，不能检查。`, undefined, 'jobs.week-open');
      const r = await checkWeek(ctx, slot, now);
      await notify(
        await failureNotices(ctx, {
          job: 'weekly-summary-check', slot, date: today(now, ctx.policy.timezone), failures: r.failures, when: `${slot} 这一周的周报检查时`, outcome: '没有判定', again: '重新检查',
        }),
      );
      return `week of ${slot}: deadline ${r.deadline ?? 'none (no workday)'}, ${r.missing} missing, ${r.added} added, ${r.reversed} reversed${failuresOutcome(r.failures)}`;
    },
  },
  {
    name: 'close-month',
    slotOf: monthOf,
    defaultSlot: (now, tz) => monthOf(addDays(monthRange(monthOf(today(now, tz))).first, -1)),
    async run({ ctx, slot, now, force, notify, views, keySuffix }) {
      const r = await closeMonth(ctx, slot, { now, force, actor: 'job' });
      if (r.alreadyClosed) return `${slot}: already closed`;
      await notify(await payslipNotices(ctx, slot, r, views, now, keySuffix));
      await notify(
        await failureNotices(ctx, {
          job: 'close-month', slot, date: today(now, ctx.policy.timezone), failures: r.failures, when: `${monthTitle(slot)}结算时`, outcome: '没有工资条', again: '重新结算',
        }),
      );
      if (!force) return `${slot}: ${r.created} payslips${failuresOutcome(r.failures)}`;
      const changed = r.changes.map((c) => `${c.employee.no} ${c.fields.join('/')}`).join('; ');
      return `${slot}: re-closed, ${r.created} payslips changed${changed ? `: ${changed}` : ''}${failuresOutcome(r.failures)}`;
    },
  },
];

/** '2026年11月' of '2026-11'. */
const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/**
 * After a close: each pay slip this run wrote, in private to its employee (everyone with a slip
 * on a first close, those who left during the month included; the changed ones on a re-close),
 * and the admins a summary with the command that exports the payroll file.
 */
async function payslipNotices(ctx: ServiceContext, month: string, r: CloseMonthResult, views: JobViews, now: Date, keySuffix: string): Promise<Notice[]> {
  const asOf = zonedMinute(now, ctx.policy.timezone).date;
  const { last } = monthRange(month);
  const people = r.written;
  const notices: Notice[] = [];
  let totalFen = 0;
  for (const e of people) {
    const slip = await payslipOf(ctx, e.id, month);
    if (!slip) continue;
    totalFen += slip.figures.totalFen;
    notices.push({
      intent: { kind: 'send', to: { kind: 'employee', employeeId: e.id }, body: { kind: 'card', card: views.payslip(e.name, slip, asOf) } },
      dedupKey: `payslip:${month}:${e.id}:r${slip.revision ?? 0}`,
    });
  }
  const what = r.changes.length ? `重新结算，${people.length} 人的工资条有变化` : `已结算，共 ${people.length} 人，合计 ${formatYuan(totalFen)} 元`;
  for (const admin of await employedOn(ctx, last, ['admin'])) {
    notices.push({
      intent: { kind: 'send', to: { kind: 'employee', employeeId: admin.id }, body: { kind: 'text', text: `${month} 工资${what}。导出工资表：bot payroll export --month ${month} --format xlsx --out 工资${month}.xlsx` } },
      dedupKey: `payroll-summary:${month}:${admin.id}${keySuffix}:${r.changes.length ? 'reclose' : 'close'}`,
    });
  }
  return notices;
}

/** Finds a job by name. */
export function findJob(name: string): JobSpec | undefined {
  return ALL_JOBS.find((j) => j.name === name);
}

/** Every job: the judging ones and the sending ones. */
export const ALL_JOBS: JobSpec[] = [...JUDGING_JOBS, ...SENDING_JOBS];
