import { addDays, datesBetween, weekday, WorkDate } from './dates';

/** What a date is in the mainland-China work calendar (H-1). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

/** One date, as the calendar sees it. */
export interface CalendarDay {
  date: WorkDate;
  kind: DayKind;
  /** Holidays and weekends are off; workdays and make-up workdays (调休上班) are on. */
  workday: boolean;
  /** The holiday's or make-up day's name, when it has one. */
  name?: string;
  /** Decided by the weekends-off fallback because no data covers the year. */
  provisional: boolean;
}

/** The data a calendar is built from: package data merged with the override file. */
export interface CalendarData {
  /** Days off besides weekends: date → name. */
  holidays: Record<WorkDate, string>;
  /** Weekend days that are workdays: date → name. */
  makeupWorkdays: Record<WorkDate, string>;
  /** Years whose holidays are known; any other year is provisional (weekends off only). */
  coveredYears: number[];
}

/** The work calendar: pure lookups over {@link CalendarData}. */
export class WorkCalendar {
  private readonly covered: Set<number>;

  constructor(private readonly data: CalendarData) {
    this.covered = new Set(data.coveredYears);
  }

  /** How `date` counts. */
  day(date: WorkDate): CalendarDay {
    const provisional = !this.covered.has(Number(date.slice(0, 4)));
    const makeup = this.data.makeupWorkdays[date];
    if (makeup !== undefined) return { date, kind: 'makeup', workday: true, name: makeup, provisional };
    const holiday = this.data.holidays[date];
    if (holiday !== undefined) return { date, kind: 'holiday', workday: false, name: holiday, provisional };
    const dow = weekday(date);
    if (dow === 0 || dow === 6) return { date, kind: 'weekend', workday: false, provisional };
    return { date, kind: 'workday', workday: true, provisional };
  }

  /** True when `date` is a workday (including a make-up workday). */
  isWorkday(date: WorkDate): boolean {
    return this.day(date).workday;
  }

  /** The workdays from `from` to `to`, both included. */
  workdays(from: WorkDate, to: WorkDate): WorkDate[] {
    return datesBetween(from, to).filter((d) => this.isWorkday(d));
  }

  /** The last workday of the Monday–Sunday week starting `monday`, or null for a week without one. */
  lastWorkdayOfWeek(monday: WorkDate): WorkDate | null {
    for (let i = 6; i >= 0; i--) {
      const d = addDays(monday, i);
      if (this.isWorkday(d)) return d;
    }
    return null;
  }

  /** True when the year has no holiday data and is decided by weekends alone. */
  isProvisionalYear(year: number): boolean {
    return !this.covered.has(year);
  }
}
