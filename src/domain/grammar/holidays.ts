/**
 * The arguments of `节假日` (docs/commands.md): a year to show, a year to confirm, or a
 * date range with what it is. Pure: today is an argument.
 */
import type { WorkDate } from '../dates';
import { leadingDateToken, parseDate } from './dates';
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** What a `节假日` message asks for. */
export type HolidaysArgs =
  | { kind: 'view'; year: number }
  | { kind: 'confirm'; year: number }
  | { kind: 'days'; from: WorkDate; to: WorkDate; action: 'holiday' | 'workday' | 'clear'; name: string | null };

const ACTIONS: ReadonlyArray<[RegExp, 'holiday' | 'workday' | 'clear']> = [
  [/^(休息|休假|放假|休|off)(?![a-z])/i, 'holiday'],
  [/^(调休上班|补班|上班|工作日|work)(?![a-z])/i, 'workday'],
  [/^(清除|删除|clear)(?![a-z])/i, 'clear'],
];
const RANGE = /^(至|到|~|—|–|-)\s*/;
const WHAT = '请写明这些日子是「休」（放假）、「上班」（调休上班）还是「清除」（还原）';

/**
 * What a range's end is read from: a year of its own as written; a day of the month (13日) in
 * the start's month; a month and day in the start's year; words (明天, 下周一) from today. So
 * an end before its start stays before it (and is refused), never moved into the next year.
 */
function endReference(token: string, from: WorkDate, today: WorkDate): WorkDate {
  if (/^\d{4}/.test(token)) return today;
  if (/^\d{1,2}[日号]/.test(token)) return `${from.slice(0, 7)}-01`;
  if (/^\d{1,2}(月|[-/.])/.test(token)) return `${from.slice(0, 4)}-01-01`;
  return today;
}

/**
 * `` (this year) or `2027` / `2027年`: show the year; `2027 确认`: confirm it; `2027-02-05 至
 * 2027-02-13 休 [名称]`, `2027-02-14 上班`, `2027-02-14 清除`: days off, workdays, or back to
 * the other sources. Dates take every form of parseDate (a date without a year is the next
 * such date); the end of `2月5日至13日` is read from its start (see endReference).
 */
export function parseHolidaysArgs(text: string, today: WorkDate): Parsed<HolidaysArgs> {
  const t = normalizeText(text);
  if (t === '') return ok({ kind: 'view', year: Number(today.slice(0, 4)) });
  const year = /^(\d{4})\s*年?(?:\s*(确认|confirm))?$/i.exec(t);
  if (year) return ok({ kind: year[2] ? 'confirm' : 'view', year: Number(year[1]) });
  const first = leadingDateToken(t);
  if (!first) return fail(`看不懂“${t}”：请写年份（如 2027）、年份加「确认」，或日期加「休」/「上班」`);
  const from = parseDate(first, { today, mode: 'future' });
  if (!from.ok) return from;
  let rest = t.slice(first.length).trim();
  let to = from.value;
  const range = RANGE.exec(rest);
  if (range) {
    rest = rest.slice(range[0].length);
    const second = leadingDateToken(rest);
    if (!second) return fail(`“${range[1]}”后面缺少结束日期`);
    const end = parseDate(second, { today: endReference(second, from.value, today), mode: 'future' });
    if (!end.ok) return end;
    to = end.value;
    rest = rest.slice(second.length).trim();
  }
  for (const [re, action] of ACTIONS) {
    const m = re.exec(rest);
    if (m) return ok({ kind: 'days', from: from.value, to, action, name: rest.slice(m[0].length).trim() || null });
  }
  return fail(rest ? `看不懂“${rest}”，${WHAT}` : WHAT);
}
