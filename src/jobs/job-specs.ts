import { provisionalWarning } from '../config/calendar-loader';
import { UserError } from '../core/errors';
import { addDays, mondayOf, monthOf, monthRange, zonedInstant, zonedMinute } from '../domain/dates';
import { closeDay } from '../services/attendance';
import { closeMonth } from '../services/payroll';
import type { ServiceContext } from '../services/service-context';
import { checkWeek, summaryDeadline } from '../services/weekly';

/** What a job needs to run one period. */
export interface JobRunArgs {
  ctx: ServiceContext;
  /** The period's key: a day, a week's Monday or a month. */
  slot: string;
  now: Date;
  force: boolean;
}

/** A job: how a date maps to its period, and what it does for one period. */
export interface JobSpec {
  name: string;
  /** The slot (business period) containing `date`. */
  slotOf(date: string): string;
  /** The period meant when no date is given, at `now`. */
  defaultSlot(now: Date, timeZone: string): string;
  /** Runs the period; resolves to a one-line outcome for people. */
  run(args: JobRunArgs): Promise<string>;
}

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

/** The jobs that judge (points, fines, pay slips): re-running one converges to the same ledger. */
export const JUDGING_JOBS: JobSpec[] = [
  {
    name: 'close-day',
    slotOf: (date) => date,
    defaultSlot: today,
    async run({ ctx, slot, now }) {
      if (now < zonedInstant(slot, ctx.policy.workHours.end, ctx.policy.timezone)) {
        throw new UserError(`${slot} 的下班时间还没到，不能结算这一天。`, undefined, 'jobs.day-open');
      }
      const r = await closeDay(ctx, slot, now);
      if (r.provisional) {
        ctx.logger?.warn({ date: slot, provisionalCalendar: true }, provisionalWarning(ctx.calendar, Number(slot.slice(0, 4)), ctx.policy.calendar.overridesFile));
      }
      return `${slot}: judged ${r.judged}, ${r.incidents} incidents, ${r.added} entries added, ${r.reversed} reversed${r.provisional ? ' (provisional calendar)' : ''}`;
    },
  },
  {
    name: 'weekly-summary-check',
    slotOf: mondayOf,
    defaultSlot: (now, tz) => mondayOf(today(now, tz)),
    async run({ ctx, slot, now }) {
      const deadline = summaryDeadline(ctx, slot);
      if (deadline && now < deadline.at) throw new UserError(`${slot} 这一周的周报截止时间还没到，不能检查。`, undefined, 'jobs.week-open');
      const r = await checkWeek(ctx, slot, now);
      return `week of ${slot}: deadline ${r.deadline ?? 'none (no workday)'}, ${r.missing} missing, ${r.added} added, ${r.reversed} reversed`;
    },
  },
  {
    name: 'close-month',
    slotOf: monthOf,
    defaultSlot: (now, tz) => monthOf(addDays(monthRange(monthOf(today(now, tz))).first, -1)),
    async run({ ctx, slot, now, force }) {
      const r = await closeMonth(ctx, slot, { now, force, actor: 'job' });
      if (r.alreadyClosed) return `${slot}: already closed`;
      if (!force) return `${slot}: ${r.created} payslips`;
      const changed = r.changes.map((c) => `${c.employee.no} ${c.fields.join('/')}`).join('; ');
      return `${slot}: re-closed, ${r.created} payslips changed${changed ? `: ${changed}` : ''}`;
    },
  },
];

/** Finds a job by name. */
export function findJob(name: string): JobSpec | undefined {
  return JUDGING_JOBS.find((j) => j.name === name);
}
