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
  /** The year's arrangement is not official yet: weekends plus the statutory days (H-1). */
  provisional: boolean;
}

/** The data a calendar is built from: package data merged with the override file. */
export interface CalendarData {
  /** Days off besides weekends: date → name. */
  holidays: Record<WorkDate, string>;
  /** Weekend days that are workdays: date → name. */
  makeupWorkdays: Record<WorkDate, string>;
  /** Years whose holidays are known; any other year is provisional. */
  coveredYears: number[];
}

/**
 * Where a holiday or make-up day comes from, lowest first: the holiday package, the override
 * file, the statutory days computed for a year the package lacks, and days entered in chat
 * (`节假日`, stored in the database), which win over all the others.
 */
export type CalendarSource = 'package' | 'file' | 'statutory' | 'chat';

/** Calendar data with the source of each holiday and make-up day. */
export interface SourcedCalendarData extends CalendarData {
  sources: Record<WorkDate, CalendarSource>;
}

/** How a year's arrangement stands: official from the package, the file or a 确认 in chat; or provisional. */
export type YearStatus = 'package' | 'file' | 'chat' | 'provisional';

/** A holiday or make-up workday of a year, with where it comes from (what `节假日 2027` lists). */
export interface ScheduleDay {
  date: WorkDate;
  kind: 'holiday' | 'makeup';
  name: string;
  source: CalendarSource;
}

/** What a calendar is built with besides its data. */
export interface CalendarOptions {
  /** Where each date of the data comes from; 'package' when not given. */
  sources?: Record<WorkDate, CalendarSource>;
  /** Years the package covers: official, and never given the statutory days. Default: the data's coveredYears. */
  packageYears?: number[];
  /** The statutory days off of a year the package does not cover (statutory-holidays.ts); none when absent. */
  statutory?: (year: number) => Record<WorkDate, string>;
}

const NONE: Readonly<Record<WorkDate, string>> = Object.freeze({});

/**
 * `over` laid on `base`: a date in `over` wins (a holiday there is no longer a make-up workday
 * and the reverse) and takes `source`; a year is covered if either covers it. Inputs unchanged.
 */
export function overlayCalendar(base: SourcedCalendarData, over: CalendarData, source: CalendarSource): SourcedCalendarData {
  const holidays = { ...base.holidays };
  const makeupWorkdays = { ...base.makeupWorkdays };
  const sources = { ...base.sources };
  for (const [d, name] of Object.entries(over.holidays)) {
    holidays[d] = name;
    delete makeupWorkdays[d];
    sources[d] = source;
  }
  for (const [d, name] of Object.entries(over.makeupWorkdays)) {
    makeupWorkdays[d] = name;
    delete holidays[d];
    sources[d] = source;
  }
  const coveredYears = [...new Set([...base.coveredYears, ...over.coveredYears])].sort();
  return { holidays, makeupWorkdays, coveredYears, sources };
}

/**
 * The work calendar (H-1): pure lookups over the package's and the file's data, the statutory
 * days of years the package lacks, and the days entered in chat. The chat layer is replaced
 * whole by {@link setEntered} when the database says it changed; everything else is fixed.
 */
export class WorkCalendar {
  private readonly base: SourcedCalendarData;
  private readonly packageYears: Set<number>;
  private readonly statutoryByYear = new Map<number, Readonly<Record<WorkDate, string>>>();
  private merged: SourcedCalendarData;
  private covered: Set<number>;
  private chatYears = new Set<number>();
  private version = '';

  constructor(
    data: CalendarData,
    private readonly options: CalendarOptions = {},
  ) {
    const sources: Record<WorkDate, CalendarSource> = {};
    for (const d of [...Object.keys(data.holidays), ...Object.keys(data.makeupWorkdays)]) sources[d] = options.sources?.[d] ?? 'package';
    this.base = { ...data, sources };
    this.packageYears = new Set(options.packageYears ?? data.coveredYears);
    this.merged = this.base;
    this.covered = new Set(data.coveredYears);
  }

  /**
   * Replaces the days entered in chat: `entered.coveredYears` are the years confirmed there.
   * `version` names the database state they were read from (see {@link enteredVersion}).
   */
  setEntered(entered: CalendarData, version: string): void {
    this.merged = overlayCalendar(this.base, entered, 'chat');
    this.covered = new Set(this.merged.coveredYears);
    this.chatYears = new Set(entered.coveredYears);
    this.version = version;
  }

  /** The version given to the last {@link setEntered}; '' before any. */
  get enteredVersion(): string {
    return this.version;
  }

  /** How `date` counts. */
  day(date: WorkDate): CalendarDay {
    const year = Number(date.slice(0, 4));
    const provisional = !this.covered.has(year);
    const makeup = this.merged.makeupWorkdays[date];
    if (makeup !== undefined) return { date, kind: 'makeup', workday: true, name: makeup, provisional };
    const holiday = this.merged.holidays[date] ?? this.statutoryDays(year)[date];
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

  /** True when the year's arrangement is not official (package, file or 确认) and is decided by weekends and the statutory days. */
  isProvisionalYear(year: number): boolean {
    return !this.covered.has(year);
  }

  /** Where the year's arrangement comes from, or 'provisional'. */
  yearStatus(year: number): YearStatus {
    if (this.packageYears.has(year)) return 'package';
    if (this.chatYears.has(year)) return 'chat';
    return this.covered.has(year) ? 'file' : 'provisional';
  }

  /** The statutory days off of `year` when the package does not cover it (date → name); {} otherwise. */
  statutoryDays(year: number): Readonly<Record<WorkDate, string>> {
    if (!this.options.statutory || this.packageYears.has(year)) return NONE;
    let days = this.statutoryByYear.get(year);
    if (!days) {
      days = Object.freeze(this.options.statutory(year));
      this.statutoryByYear.set(year, days);
    }
    return days;
  }

  /** The year's holidays and make-up workdays in date order, each with its source. */
  schedule(year: number): ScheduleDay[] {
    const prefix = `${year}-`;
    const days = new Map<WorkDate, ScheduleDay>();
    for (const [date, name] of Object.entries(this.statutoryDays(year))) days.set(date, { date, kind: 'holiday', name, source: 'statutory' });
    for (const [kind, record] of [['holiday', this.merged.holidays], ['makeup', this.merged.makeupWorkdays]] as const) {
      for (const [date, name] of Object.entries(record)) {
        if (date.startsWith(prefix)) days.set(date, { date, kind, name, source: this.merged.sources[date] ?? 'package' });
      }
    }
    return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}

/**
 * The provisional years admins are warned about on `today`: this year while it is provisional,
 * and next year from the first day of `warnFromMonth` (policy calendar.warnFromMonth, November).
 */
export function yearsToWarn(calendar: WorkCalendar, today: WorkDate, warnFromMonth: number): number[] {
  const year = Number(today.slice(0, 4));
  const years = Number(today.slice(5, 7)) >= warnFromMonth ? [year, year + 1] : [year];
  return years.filter((y) => calendar.isProvisionalYear(y));
}
