import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { CalendarData, overlayCalendar, WorkCalendar } from '../domain/calendar';
import { isWorkDate } from '../domain/dates';
import { statutoryHolidays, type LunarCalendar } from '../domain/statutory-holidays';
import { ConfigError } from './config-error';

const date = z.string().refine(isWorkDate, 'must be a date YYYY-MM-DD');
const overridesSchema = z
  .object({
    holidays: z.record(date, z.string()).nullish(),
    workdays: z.record(date, z.string()).nullish(),
    completeYears: z.array(z.number().int().min(2000).max(2100)).nullish(),
  })
  .strict();

/** The package's data: chinese-days keeps holidays and make-up workdays as date → "English,中文,n". */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** Calendar data from the chinese-days package: the years it lists holidays for are covered. */
export function packageCalendarData(): CalendarData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const map = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([d, v]) => [d, chineseName(v)]));
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return { holidays: map(data.holidays), makeupWorkdays: map(data.workdays), coveredYears: [...years].sort() };
}

/** Reads and checks the override file; a missing file is no override. */
export function readOverrides(file: string): CalendarData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { holidays: {}, makeupWorkdays: {}, coveredYears: [] };
    throw e;
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ConfigError(`The calendar overrides ${file} are not valid YAML:`, [(e as Error).message.split('\n')[0]]);
  }
  const result = overridesSchema.safeParse(doc ?? {});
  if (!result.success) {
    throw new ConfigError(`The calendar overrides ${file} are not valid:`, result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`));
  }
  const o = result.data;
  return { holidays: o.holidays ?? {}, makeupWorkdays: o.workdays ?? {}, coveredYears: o.completeYears ?? [] };
}

/**
 * Package data with the overrides laid over it: a date in the file wins (a holiday there is
 * no longer a make-up workday and the reverse); a year is covered if either covers it.
 */
export function mergeCalendarData(base: CalendarData, over: CalendarData): CalendarData {
  const { holidays, makeupWorkdays, coveredYears } = overlayCalendar({ ...base, sources: {} }, over, 'file');
  return { holidays, makeupWorkdays, coveredYears };
}

/**
 * The years the package's astronomy tables compute (its lunar table runs 1900–2100); outside
 * them it answers with dates of other years, so no statutory day is guessed there.
 */
const LUNAR_YEARS = { from: 1901, to: 2099 };

/** The lunar calendar and the 清明 solar term from chinese-days, for the statutory days. */
export const chineseDaysLunar: LunarCalendar = {
  solarOfLunar(year, month, day) {
    if (year < LUNAR_YEARS.from || year > LUNAR_YEARS.to) return null;
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // `.date` is the ordinary month's day; a leap month of the same number is `.leapMonthDate`.
    return getSolarDateFromLunar(date).date;
  },
  qingming(year) {
    if (year < LUNAR_YEARS.from || year > LUNAR_YEARS.to) return null;
    return getSolarTermDate(year, 4, 'pure_brightness');
  },
};

/**
 * The work calendar from the package and the override file named by the policy, with the
 * statutory days for the years the package does not cover. Days entered in chat are added
 * later, from the database (services/calendar).
 */
export function loadCalendar(overridesFile: string): WorkCalendar {
  const pkg = packageCalendarData();
  const merged = overlayCalendar({ ...pkg, sources: {} }, readOverrides(overridesFile), 'file');
  return new WorkCalendar(merged, {
    sources: merged.sources,
    packageYears: pkg.coveredYears,
    statutory: (year) => statutoryHolidays(year, chineseDaysLunar),
  });
}
