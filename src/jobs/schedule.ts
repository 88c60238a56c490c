import type { WorkCalendar } from '../domain/calendar';
import { addDays, datesBetween, formatMinute, mondayOf, monthOf, zonedInstant, zonedMinute, type WorkDate } from '../domain/dates';
import type { Policy } from '../domain/policy';

/** When a job fires, which fires count, what period a fire means, and how a missed fire is caught up. */
export interface Trigger {
  job: string;
  /** Minute of the day, in the policy's time zone. */
  minute: number;
  /** A day of the month (close-month), or every day. */
  dayOfMonth?: number;
  /** Whether the fire on `date` runs (workdays only, the week's last workday …). */
  runsOn(date: WorkDate, calendar: WorkCalendar): boolean;
  /** The period a fire on `date` means: cron passes the period it means. */
  slotFor(date: WorkDate): string;
  /** A missed fire is caught up always (judging) or only within this many minutes (reminders). */
  catchUpMinutes: number | 'always';
}

/** The approval-reminder job's period: a half hour, 'YYYY-MM-DDTHH:MM' (docs/architecture.md, jobs). */
export const REMINDER_SLOT_MINUTES = 30;

const isLastWorkday = (date: WorkDate, c: WorkCalendar) => c.lastWorkdayOfWeek(mondayOf(date)) === date;

/**
 * approval-reminder: every half hour of working hours on workdays (start and end included),
 * and at approvals.leaveEveEscalation on every day, so a leave starting after a weekend is
 * escalated the evening before. Its slot is the half hour (docs/architecture.md, jobs).
 */
function reminderTriggers(p: Policy): Trigger[] {
  const step = REMINDER_SLOT_MINUTES;
  const minutes = new Set<number>();
  for (let m = Math.ceil(p.workHours.start / step) * step; m <= p.workHours.end; m += step) minutes.add(m);
  const eve = p.approvals.leaveEveEscalation;
  return [...new Set([...minutes, eve])].sort((a, b) => a - b).map((minute) => ({
    job: 'approval-reminder',
    minute,
    runsOn: (d: WorkDate, c: WorkCalendar) => minute === eve || c.isWorkday(d),
    slotFor: (d: WorkDate) => `${d}T${formatMinute(minute)}`,
    catchUpMinutes: p.schedule.reminderCatchUpMinutes,
  }));
}

/** Every scheduled job with its time from config/policy.yaml (H-5, H-6, H-13 and the closes). */
export function triggers(p: Policy): Trigger[] {
  const tolerance = p.schedule.reminderCatchUpMinutes;
  return [
    { job: 'meeting-reminder', minute: p.schedule.meetingReminder, runsOn: (d, c) => c.isWorkday(d), slotFor: (d) => d, catchUpMinutes: tolerance },
    { job: 'report-nudge', minute: p.schedule.reportNudge, runsOn: (d, c) => c.isWorkday(d), slotFor: (d) => d, catchUpMinutes: tolerance },
    { job: 'weekly-ranking', minute: p.schedule.weeklyRanking, runsOn: isLastWorkday, slotFor: mondayOf, catchUpMinutes: tolerance },
    { job: 'welcome', minute: p.schedule.welcome, runsOn: () => true, slotFor: (d) => d, catchUpMinutes: 'always' },
    { job: 'delegation-handover', minute: p.schedule.delegationHandover, runsOn: () => true, slotFor: (d) => d, catchUpMinutes: 'always' },
    { job: 'weekly-summary-check', minute: p.weeklySummary.deadline, runsOn: isLastWorkday, slotFor: mondayOf, catchUpMinutes: 'always' },
    { job: 'close-day', minute: p.schedule.closeDay, runsOn: () => true, slotFor: (d) => d, catchUpMinutes: 'always' },
    // After the close: it tells what the close found (a caught-up close runs first, fires run in time order).
    { job: 'day-digest', minute: p.schedule.dayDigest, runsOn: () => true, slotFor: (d) => d, catchUpMinutes: 'always' },
    {
      job: 'close-month',
      minute: p.schedule.closeMonthTime,
      dayOfMonth: p.schedule.closeMonthDay,
      runsOn: () => true,
      slotFor: (d) => monthOf(addDays(`${d.slice(0, 7)}-01`, -1)),
      catchUpMinutes: 'always',
    },
    ...reminderTriggers(p),
  ];
}

/** One fire of a trigger. */
export interface Fire {
  trigger: Trigger;
  date: WorkDate;
  at: Date;
  slot: string;
}

/** The fires that run in (from, to], in time order: what cron does live and what catch-up replays. */
export function firesBetween(list: Trigger[], from: Date, to: Date, p: Policy, calendar: WorkCalendar): Fire[] {
  const fires: Fire[] = [];
  const days = datesBetween(zonedMinute(from, p.timezone).date, zonedMinute(to, p.timezone).date);
  for (const date of days) {
    for (const trigger of list) {
      if (trigger.dayOfMonth !== undefined && Number(date.slice(8, 10)) !== trigger.dayOfMonth) continue;
      const at = zonedInstant(date, trigger.minute, p.timezone);
      if (at <= from || at > to || !trigger.runsOn(date, calendar)) continue;
      fires.push({ trigger, date, at, slot: trigger.slotFor(date) });
    }
  }
  return fires.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The cron expression of a trigger (minute hour day-of-month * *), read in the policy's zone. */
export function cronExpression(t: Trigger): string {
  return `${t.minute % 60} ${Math.floor(t.minute / 60)} ${t.dayOfMonth ?? '*'} * *`;
}
