/**
 * Dates, months and weeks as users type them (docs/commands.md reading rules). "Today" is always an
 * argument, 'YYYY-MM-DD' in the company's zone; no clock is read here.
 */
import { addDays, daysInMonth, isWorkDate, mondayOf, type WorkDate } from '../dates';
import { fail, normalizeText, ok, type Parsed } from './normalize';

/**
 * What a typed date may be (policy `dates`, docs/commands.md reading rules): a year from
 * `yearsBack` before today's to `yearsAhead` after it, and a date without a year read in the
 * window from `yearlessMonthsBack` months before today to `yearlessMonthsAhead` months after.
 */
export interface DateRules {
  yearsBack: number;
  yearsAhead: number;
  yearlessMonthsBack: number;
  yearlessMonthsAhead: number;
}

/** How a date without a year (or month) is resolved. */
export interface DateOptions {
  /** Today in the company's zone, 'YYYY-MM-DD'. */
  today: WorkDate;
  /**
   * 'nearest' (leave): a date without a year is the one in the rules' window around today (2
   * months back, 10 ahead), a day without a month the next one; 'past' (queries): the last not
   * after today.
   */
  mode: 'nearest' | 'past';
  /** 'nearest' only: read dates without a year or month around this date instead of today (a range's end around its start). */
  anchor?: WorkDate;
  rules: DateRules;
}

const DATE_HINT = '请写 12月3日、2026-12-03、明天 或 下周一';
const RELATIVE: Readonly<Record<string, number>> = {
  今天: 0, 今日: 0, today: 0, 明天: 1, 明日: 1, tomorrow: 1, 后天: 2, 大后天: 3,
  昨天: -1, 昨日: -1, yesterday: -1, 前天: -2, 大前天: -3,
};
const WEEK_SHIFT: Readonly<Record<string, number>> = { '': 0, 本: 0, 这: 0, 下: 1, 下下: 2, 上: -1, 上上: -2 };
const WEEKDAYS = '一二三四五六日';

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

function monthShift(y: number, m: number, by: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + by;
  return { y: Math.floor(total / 12), m: (total % 12) + 1 };
}

/** The first and last year a typed date may be in. */
export function acceptedYears(today: WorkDate, rules: Pick<DateRules, 'yearsBack' | 'yearsAhead'>): { first: number; last: number } {
  const y = Number(today.slice(0, 4));
  return { first: y - rules.yearsBack, last: y + rules.yearsAhead };
}

/** The refusal of a date outside the accepted years, naming them; null when it is inside. */
export function outOfRange(raw: string, date: WorkDate, o: Pick<DateOptions, 'today' | 'rules'>): string | null {
  const { first, last } = acceptedYears(o.today, o.rules);
  const y = Number(date.slice(0, 4));
  if (y >= first && y <= last) return null;
  return `“${raw}”超出范围：日期只能在 ${first}年1月1日 至 ${last}年12月31日 之间`;
}

function full(raw: string, y: number, m: number, d: number): Parsed<WorkDate> {
  const date = ymd(y, m, d);
  return isWorkDate(date) ? ok(date) : fail(`日期不存在：${raw}`);
}

/** The month-day `m`/`d` in the window of 12 months that starts `back` months before `anchor`. */
function nearestYear(anchor: WorkDate, m: number, d: number, back: number): number {
  const start = monthShift(Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)), -back);
  const startDay = Math.min(Number(anchor.slice(8, 10)), daysInMonth(start.y, start.m));
  return m > start.m || (m === start.m && d >= startDay) ? start.y : start.y + 1;
}

function yearless(raw: string, m: number, d: number, o: DateOptions): Parsed<WorkDate> {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(2000, m)) return fail(`日期不存在：${raw}`);
  let y: number;
  if (o.mode === 'nearest') {
    y = nearestYear(o.anchor ?? o.today, m, d, o.rules.yearlessMonthsBack);
  } else {
    const md = `${pad(m)}-${pad(d)}`;
    y = Number(o.today.slice(0, 4)) - (md > o.today.slice(5) ? 1 : 0);
  }
  return isWorkDate(ymd(y, m, d)) ? ok(ymd(y, m, d)) : fail(`${y}年没有${m}月${d}日`);
}

function monthless(raw: string, d: number, o: DateOptions): Parsed<WorkDate> {
  if (d < 1 || d > 31) return fail(`日期不存在：${raw}`);
  const ref = o.mode === 'nearest' && o.anchor && o.anchor > o.today ? o.anchor : o.today;
  for (let k = 0; k < 3; k += 1) {
    const { y, m } = monthShift(Number(ref.slice(0, 4)), Number(ref.slice(5, 7)), o.mode === 'nearest' ? k : -k);
    const date = ymd(y, m, d);
    if (isWorkDate(date) && (o.mode === 'nearest' ? date >= ref : date <= ref)) return ok(date);
  }
  return fail(`日期不存在：${raw}`);
}

type Resolver = (m: RegExpExecArray, o: DateOptions) => Parsed<WorkDate>;

/** Date forms, tried in this order at the start of a text. */
const FORMS: ReadonlyArray<[RegExp, Resolver]> = [
  [/^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?!\d)/, (m) => full(m[0], +m[1], +m[2], +m[3])],
  [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/, (m) => full(m[0], +m[1], +m[3], +m[4])],
  [/^(\d{1,2})月(\d{1,2})[日号]?(?!\d)/, (m, o) => yearless(m[0], +m[1], +m[2], o)],
  [/^(\d{1,2})[-/.](\d{1,2})(?!\d)/, (m, o) => yearless(m[0], +m[1], +m[2], o)],
  [/^(\d{1,2})[日号]/, (m, o) => monthless(m[0], +m[1], o)],
  [/^(大后天|大前天|今天|今日|明天|明日|后天|昨天|昨日|前天|today|tomorrow|yesterday)(?![a-z])/i,
    (m, o) => ok(addDays(o.today, RELATIVE[m[1].toLowerCase()]))],
  [/^(下下|上上|下|上|本|这)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])/, (m, o) => {
    const day = /\d/.test(m[2]) ? Number(m[2]) - 1 : m[2] === '天' ? 6 : WEEKDAYS.indexOf(m[2]);
    return ok(addDays(mondayOf(o.today), WEEK_SHIFT[m[1] ?? ''] * 7 + day));
  }],
];

function matchForm(t: string): [RegExpExecArray, Resolver] | null {
  for (const [re, resolve] of FORMS) {
    const m = re.exec(t);
    if (m) return [m, resolve];
  }
  return null;
}

/** The date-looking text at the start of normalised `text` ('' when none): `12月3日至5日` → `12月3日`. */
export function leadingDateToken(text: string): string {
  return matchForm(text)?.[0][0] ?? '';
}

/**
 * One date as typed, without the accepted-years check (for a caller that checks order and span
 * first, as leave does); see {@link parseDate}. Never throws: arithmetic past the years
 * 0000–9999 is refused as out of range.
 */
export function readDate(token: string, options: DateOptions): Parsed<WorkDate> {
  const t = normalizeText(token);
  if (t === '') return fail('缺少日期，例：12月3日');
  const found = matchForm(t);
  if (!found || found[0][0] !== t) return fail(`看不懂日期“${t}”，${DATE_HINT}`);
  try {
    return found[1](found[0], options);
  } catch (err) {
    if (err instanceof RangeError) return fail(`“${t}”超出范围`);
    throw err;
  }
}

/**
 * One date: 今天 明天 后天 昨天 前天 (大后天 大前天), 周五 / 本周五 / 这周五 (this week's),
 * 下周一 (下星期一, 下礼拜一), 上周五, 12月3日 / 12月3号 / 12.3 / 12-3 / 12/3, 3号 (a day of
 * the month), 2026-12-03 / 2026/12/3 / 2026.12.3 / 2026年12月3日. Dates without a year follow
 * `mode` (docs/commands.md reading rules); a date outside the accepted years (last year to next
 * year) and a nonexistent date (2月30日) are refused.
 */
export function parseDate(token: string, options: DateOptions): Parsed<WorkDate> {
  const date = readDate(token, options);
  if (!date.ok) return date;
  const refusal = outOfRange(normalizeText(token), date.value, options);
  return refusal ? fail(refusal) : date;
}

const RELATIVE_MONTHS: Readonly<Record<string, number>> = {
  '': 0, 本月: 0, 本月份: 0, 这月: 0, 这个月: 0, 当月: 0, 'this month': 0,
  上月: -1, 上个月: -1, 'last month': -1, 上上月: -2, 上上个月: -2,
};

const MONTH_WITH_YEAR = /^(\d{4})(?:年|[-/.])(\d{1,2})(?:月份?)?$/;
const BARE_MONTH = /^(\d{1,2})(?:月份?)?$/;
const monthText = (token: string): string => normalizeText(token).toLowerCase().replace(/\s+/g, ' ');

/** True when `token` is written as a month (11月, 2019-11, 上月 …), acceptable or not: then it is no name. */
export function isMonthToken(token: string): boolean {
  const t = monthText(token);
  return Object.hasOwn(RELATIVE_MONTHS, t) || MONTH_WITH_YEAR.test(t) || BARE_MONTH.test(t);
}

/**
 * A month 'YYYY-MM': 11月 / 11月份 / 11, 2026-11 / 2026/11 / 2026.11 / 2026年11月, 上月 / 上个月,
 * 本月 / 这个月, or '' (this month). A month without a year is the most recent one, not after
 * today's (`11月` in January is last November); a month with a year is taken as written, and
 * refused outside the accepted years (last year to next year).
 */
export function parseMonth(token: string, options: { today: WorkDate; rules: Pick<DateRules, 'yearsBack' | 'yearsAhead'> }): Parsed<string> {
  const t = monthText(token);
  const y = Number(options.today.slice(0, 4));
  const m = Number(options.today.slice(5, 7));
  // Why own properties: `t in` would take 'constructor' or 'toString' for a month word.
  if (Object.hasOwn(RELATIVE_MONTHS, t)) {
    const s = monthShift(y, m, RELATIVE_MONTHS[t]);
    return ok(`${s.y}-${pad(s.m)}`);
  }
  const withYear = MONTH_WITH_YEAR.exec(t);
  const bare = BARE_MONTH.exec(t);
  const month = Number(withYear ? withYear[2] : bare?.[1]);
  if (!withYear && !bare) return fail(`看不懂月份“${t}”，请写 11月、2026-11、上月 或 本月`);
  if (month < 1 || month > 12) return fail(`月份应在 1 到 12 之间：${t}`);
  const year = withYear ? Number(withYear[1]) : month > m ? y - 1 : y;
  const { first, last } = acceptedYears(options.today, options.rules);
  if (year < first || year > last) return fail(`“${t}”超出范围：月份只能在 ${first}年1月 至 ${last}年12月 之间`);
  return ok(`${year}-${pad(month)}`);
}

/**
 * A week relative to this one, in weeks: '' / 本周 / 这周 / 本星期 / 这礼拜 → 0, 上周 / 上星期 /
 * 上个礼拜 → -1, 上上周 → -2 (also 'this week', 'last week').
 */
export function parseWeekRef(token: string): Parsed<number> {
  const t = normalizeText(token).toLowerCase().replace(/\s+/g, ' ');
  if (t === '' || t === 'this week') return ok(0);
  if (t === 'last week') return ok(-1);
  const m = /^(本|这个?|上上个?|上个?)?(?:周|星期|礼拜)$/.exec(t);
  if (!m) return fail(`看不懂“${t}”，请写 本周 或 上周`);
  const prefix = (m[1] ?? '').replace('个', '');
  return ok(prefix === '上上' ? -2 : prefix === '上' ? -1 : 0);
}

/** The Monday of the week `offsetWeeks` from today's week (0 this week, -1 last week). */
export function weekMonday(today: WorkDate, offsetWeeks: number): WorkDate {
  return addDays(mondayOf(today), 7 * offsetWeeks);
}
