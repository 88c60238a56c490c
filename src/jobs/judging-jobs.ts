import { UserError } from '../core/errors';
import { formatMonthWithYear } from '../domain/date-format';
import { addDays, mondayOf, monthOf, monthRange, zonedInstant, zonedMinute } from '../domain/dates';
import { closeDay } from '../services/attendance';
import { closeFlagsOutcome, closeMonthWithSlips } from '../services/payroll';
import { checkWeek, summaryDeadline } from '../services/weekly';
import { calendarWarnings } from './calendar-warnings';
import { failureNotices, failuresOutcome, failuresSummary } from './failure-notices';
import type { JobSpec } from './job-spec';
import { payslipNotices } from './payslip-notices';

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

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
      return {
        outcome: `${slot}: judged ${r.judged}, ${r.incidents} incidents, ${r.added} entries added, ${r.reversed} reversed${r.provisional ? ' (provisional calendar)' : ''}${failuresOutcome(r.failures)}`,
        summary: `${slot} 判定 ${r.judged} 人，${r.incidents} 起考勤问题，新增 ${r.added} 条积分记录，冲销 ${r.reversed} 条${r.provisional ? '（暂定日历）' : ''}${failuresSummary(r.failures)}`,
      };
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
      return {
        outcome: `week of ${slot}: deadline ${r.deadline ?? 'none (no workday)'}, ${r.missing} missing, ${r.added} added, ${r.reversed} reversed${failuresOutcome(r.failures)}`,
        summary: `${slot} 这一周${r.deadline ? `（截止 ${r.deadline}）` : '没有工作日'}：${r.missing} 人没交周报，新增 ${r.added} 条，冲销 ${r.reversed} 条${failuresSummary(r.failures)}`,
      };
    },
  },
  {
    name: 'close-month',
    slotOf: monthOf,
    defaultSlot: (now, tz) => monthOf(addDays(monthRange(monthOf(today(now, tz))).first, -1)),
    async run({ ctx, slot, now, force, notify, views, keySuffix }) {
      const { result: r, slips } = await closeMonthWithSlips(ctx, slot, { now, force, actor: 'job' });
      if (r.alreadyClosed) return { outcome: `${slot}: already closed`, summary: `${monthTitle(slot)}已经结算过` };
      await notify(await payslipNotices(ctx, slot, r, slips, views, now, keySuffix));
      await notify(
        await failureNotices(ctx, {
          job: 'close-month', slot, date: today(now, ctx.policy.timezone), failures: r.failures, when: `${monthTitle(slot)}结算时`, outcome: '没有工资条', again: '重新结算',
        }),
      );
      const flags = closeFlagsOutcome(r, slips, ctx.policy);
      if (!r.reclose) return { outcome: `${slot}: ${r.created} payslips${failuresOutcome(r.failures)}${flags}`, summary: `${monthTitle(slot)}：${r.created} 张工资条${failuresSummary(r.failures)}` };
      const changed = r.changes.map((c) => `${c.employee.no} ${c.fields.join('/')}`).join('; ');
      return {
        outcome: `${slot}: re-closed, ${r.created} payslips changed${changed ? `: ${changed}` : ''}${failuresOutcome(r.failures)}${flags}`,
        summary: `${monthTitle(slot)}重新结算：${r.created} 张工资条有变化${failuresSummary(r.failures)}`,
      };
    },
  },
];

/** '2026年11月' of '2026-11'. */
const monthTitle = formatMonthWithYear;
