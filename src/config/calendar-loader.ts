import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { CalendarData, WorkCalendar } from '../domain/calendar';
import { isWorkDate } from '../domain/dates';
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
  const holidays = { ...base.holidays };
  const makeupWorkdays = { ...base.makeupWorkdays };
  for (const [d, name] of Object.entries(over.holidays)) {
    holidays[d] = name;
    delete makeupWorkdays[d];
  }
  for (const [d, name] of Object.entries(over.makeupWorkdays)) {
    makeupWorkdays[d] = name;
    delete holidays[d];
  }
  const coveredYears = [...new Set([...base.coveredYears, ...over.coveredYears])].sort();
  return { holidays, makeupWorkdays, coveredYears };
}

/** The work calendar from the package and the override file named by the policy. */
export function loadCalendar(overridesFile: string): WorkCalendar {
  return new WorkCalendar(mergeCalendarData(packageCalendarData(), readOverrides(overridesFile)));
}

/** The warning for admins when `year` is provisional; undefined when it is covered. */
export function provisionalWarning(calendar: WorkCalendar, year: number, overridesFile: string): string | undefined {
  if (!calendar.isProvisionalYear(year)) return undefined;
  return `${year} 年的节假日数据缺失：目前按“仅周末休息”的临时日历判定考勤，节假日和调休都不会被识别。请在 ${overridesFile} 中补充 ${year} 年的节假日与调休日期，并把 ${year} 加入 completeYears（或升级 chinese-days）。`;
}
