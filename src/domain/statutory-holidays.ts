/**
 * The public holidays the law fixes (国务院《全国年节及纪念日放假办法》, as amended in 2024 and
 * in force from 2025), for a year whose official arrangement is not known yet. Pure: the lunar
 * calendar and the solar terms come in through {@link LunarCalendar}, a port the config layer
 * implements with the holiday package's astronomy tables.
 */
import { addDays, isWorkDate, type WorkDate } from './dates';

/** Lunar dates and solar terms, as the port answers them; null for a year it cannot compute. */
export interface LunarCalendar {
  /** The Gregorian date of lunar `month`/`day` (the ordinary month, never a leap one) of lunar year `year`. */
  solarOfLunar(year: number, month: number, day: number): WorkDate | null;
  /** The Gregorian date of the solar term 清明 in `year`. */
  qingming(year: number): WorkDate | null;
}

/** How one holiday's first day is found, and how many days it lasts. */
interface StatutoryRule {
  name: string;
  days: number;
  first(year: number, lunar: LunarCalendar): WorkDate | null;
}

const solar = (md: string) => (year: number) => `${year}-${md}`;

/**
 * The law's holidays for everyone (Article 2): 元旦 1 day, 春节 4 days from 除夕 (the eve,
 * the last day of the lunar year), 清明节 1 (the solar term), 劳动节 2 (1–2 May), 端午节 1
 * (lunar 5/5), 中秋节 1 (lunar 8/15), 国庆节 3 (1–3 October). The State Council's yearly
 * arrangement adds the bridging days and the make-up workdays (调休); the law does not.
 * Named as the holiday package names them, so a listing reads the same across years.
 */
const RULES: readonly StatutoryRule[] = [
  { name: '元旦', days: 1, first: solar('01-01') },
  {
    name: '春节',
    days: 4,
    first: (year, lunar) => {
      const newYear = lunar.solarOfLunar(year, 1, 1);
      return newYear === null ? null : addDays(newYear, -1);
    },
  },
  { name: '清明', days: 1, first: (year, lunar) => lunar.qingming(year) },
  { name: '劳动节', days: 2, first: solar('05-01') },
  { name: '端午', days: 1, first: (year, lunar) => lunar.solarOfLunar(year, 5, 5) },
  { name: '中秋', days: 1, first: (year, lunar) => lunar.solarOfLunar(year, 8, 15) },
  { name: '国庆节', days: 3, first: solar('10-01') },
];

/**
 * The statutory days off of `year`: date → name. Two holidays on one date (中秋 on 3 October
 * 2028) give one day named after both; a date the port could not compute, or computed outside
 * `year`, is left out rather than guessed.
 */
export function statutoryHolidays(year: number, lunar: LunarCalendar): Record<WorkDate, string> {
  const days: Record<WorkDate, string> = {};
  for (const rule of RULES) {
    const first = rule.first(year, lunar);
    if (first === null || !isWorkDate(first) || Number(first.slice(0, 4)) !== year) continue;
    for (let i = 0; i < rule.days; i++) {
      const date = addDays(first, i);
      days[date] = days[date] ? `${days[date]}、${rule.name}` : rule.name;
    }
  }
  return Object.fromEntries(Object.entries(days).sort(([a], [b]) => (a < b ? -1 : 1)));
}
