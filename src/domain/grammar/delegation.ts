/**
 * The dates of a 代理 after the person (docs/commands.md): one day (`12月10日`) or a range
 * (`12月10日 至 12月12日`, `12-10到12-12`), read like leave dates (a date without a year is the
 * nearest one; a range's end is read around its start).
 */
import type { WorkDate } from '../dates';
import { leadingDateToken, parseDate, type DateRules } from './dates';
import { fail, normalizeText, ok, type Parsed } from './normalize';

export const DELEGATION_TEXT_EXAMPLE = '代理 @李四 12月10日 至 12月12日';
const RANGE = /^\s*(?:至|到|—+|[-~–〜])\s*/;

/** A date range as typed, both ends included; an end before the start is refused, never moved into another year. */
export function parseDateRange(text: string, o: { today: WorkDate; dates: DateRules }): Parsed<{ start: WorkDate; end: WorkDate }> {
  const t = normalizeText(text);
  const first = leadingDateToken(t);
  if (!first) return fail(`缺少日期，例：${DELEGATION_TEXT_EXAMPLE}`);
  const start = parseDate(first, { today: o.today, mode: 'nearest', rules: o.dates });
  if (!start.ok) return fail(`${start.error}，例：${DELEGATION_TEXT_EXAMPLE}`);
  let rest = t.slice(first.length);
  const sep = RANGE.exec(rest);
  if (!sep) return rest.trim() ? fail(`看不懂“${rest.trim()}”，例：${DELEGATION_TEXT_EXAMPLE}`) : ok({ start: start.value, end: start.value });
  rest = rest.slice(sep[0].length);
  const second = leadingDateToken(rest);
  if (!second || rest.slice(second.length).trim()) return fail(`结束日期看不懂，例：${DELEGATION_TEXT_EXAMPLE}`);
  const end = parseDate(second, { today: o.today, mode: 'nearest', anchor: start.value, rules: o.dates });
  if (!end.ok) return fail(`${end.error}，例：${DELEGATION_TEXT_EXAMPLE}`);
  if (end.value < start.value) return fail(`结束日期早于开始日期，例：${DELEGATION_TEXT_EXAMPLE}`);
  return ok({ start: start.value, end: end.value });
}
