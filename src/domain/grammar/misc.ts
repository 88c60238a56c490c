/**
 * Small argument forms: the short ids users type (L42, P1288, C310, R17), points for 扣分 / 加分,
 * and the arguments of 日报 (COMMANDS.md).
 */
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** L: leave request, P: ledger entry (points), C: customer record, R: collection (回款). */
export type IdPrefix = 'L' | 'P' | 'C' | 'R';

const ID_EXAMPLE: Readonly<Record<IdPrefix, string>> = { L: 'L42', P: 'P1288', C: 'C310', R: 'R17' };

function idOf(token: string, prefix: IdPrefix): number | null {
  const m = /^#?([a-z]?)(\d{1,9})$/i.exec(token);
  if (!m || (m[1] !== '' && m[1].toUpperCase() !== prefix)) return null;
  const n = Number(m[2]);
  return n > 0 ? n : null;
}

const badId = (token: string, prefix: IdPrefix): string =>
  `看不懂编号“${token}”，应为 ${prefix} 加数字，如 ${ID_EXAMPLE[prefix]}`;

/**
 * One or more ids of one kind, separated by spaces, commas or 、: `L42`, `l42`, `Ｌ４２`, `#42`
 * and bare `42` (the prefix is implied by the command); `L42 L43` → [42, 43] (duplicates dropped).
 * Another prefix (`P42` where L is expected), zero or no id at all → error.
 */
export function parseIds(text: string, prefix: IdPrefix): Parsed<number[]> {
  const tokens = normalizeText(text).split(/[\s,;、]+/).filter((s) => s !== '');
  if (tokens.length === 0) return fail(`缺少编号，如 ${ID_EXAMPLE[prefix]}`);
  const ids: number[] = [];
  for (const token of tokens) {
    const id = idOf(token, prefix);
    if (id === null) return fail(badId(token, prefix));
    if (!ids.includes(id)) ids.push(id);
  }
  return ok(ids);
}

/** The id at the start of a command's text and the text after it: `L42 当天有培训` → { id: 42, rest: '当天有培训' }. */
export function takeLeadingId(text: string, prefix: IdPrefix): Parsed<{ id: number; rest: string }> {
  const t = normalizeText(text);
  const token = /^[^\s,;、:]*/.exec(t)?.[0] ?? '';
  if (token === '') return fail(`缺少编号，如 ${ID_EXAMPLE[prefix]}`);
  const id = idOf(token, prefix);
  if (id === null) return fail(badId(token, prefix));
  return ok({ id, rest: t.slice(token.length).replace(/^[\s,;、:]+/, '') });
}

/**
 * The id at the start of a command's text when it may be of several kinds (撤销 P1288 / R17):
 * `R17 输错了` → { prefix: 'R', id: 17, rest: '输错了' }; a bare number is of the first kind.
 */
export function takeLeadingIdOf(text: string, prefixes: readonly [IdPrefix, ...IdPrefix[]]): Parsed<{ prefix: IdPrefix; id: number; rest: string }> {
  const t = normalizeText(text);
  const token = /^[^\s,;、:]*/.exec(t)?.[0] ?? '';
  const examples = prefixes.map((p) => ID_EXAMPLE[p]).join(' 或 ');
  if (token === '') return fail(`缺少编号，如 ${examples}`);
  const letter = /^#?([a-z])/i.exec(token)?.[1]?.toUpperCase();
  const prefix = prefixes.find((p) => p === letter) ?? prefixes[0];
  const id = idOf(token, prefix);
  if (id === null) return fail(`看不懂编号“${token}”，应为 ${prefixes.join(' 或 ')} 加数字，如 ${examples}`);
  return ok({ prefix, id, rest: t.slice(token.length).replace(/^[\s,;、:]+/, '') });
}

/** Points for 扣分 / 加分: an integer 1–100, optionally followed by 分 (`3`, `３`, `3分`). */
export function parsePoints(token: string): Parsed<number> {
  const m = /^(\d{1,3})分?$/.exec(normalizeText(token));
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= 100 ? ok(n) : fail('分数应为 1 到 100 的整数，如 3');
}

/** The arguments of 日报: calls made today and an optional note. */
export interface ReportArgs {
  calls: number;
  note: string;
}

/** The example shown with 日报 errors. */
export const REPORT_EXAMPLE = '日报 通话 120';
const MAX_CALLS = 9999;
const CALLS_LABEL = '(?:通话数?|拨打数?|电话数?|外呼|呼出|calls?|dials?)';
const UNIT = '(?:个|通|次|\\s+(?:个|通|次)(?=[\\s,;]|$))?';
const LABELLED = new RegExp(`(^|[\\s,;])${CALLS_LABEL}\\s*[:=]?\\s*(-?\\d+(?:\\.\\d+)?)${UNIT}`, 'i');
const LEADING = new RegExp(`^(-?\\d+(?:\\.\\d+)?)${UNIT}`);
const NOTE_LABEL = /^(?:(?:备注|说明)\s*[:=]?|(?:notes?|remarks?)(?:\s*[:=]|\s|$))\s*/i;

/**
 * `通话 120`, `通话120`, `拨打:120 备注:周五客户多`, `120`, `calls 120 note …`, `备注:… 拨打:120`:
 * calls 0–9999 (an integer) and the rest as the note (its label removed; '' when none).
 */
export function parseReportArgs(rest: string): Parsed<ReportArgs> {
  const t = normalizeText(rest);
  const labelled = LABELLED.exec(t);
  const leading = labelled ? null : LEADING.exec(t);
  const number = labelled ? labelled[2] : leading?.[1];
  if (number === undefined) return fail(`缺少通话数，例：${REPORT_EXAMPLE}`);
  if (!/^\d+$/.test(number) || Number(number) > MAX_CALLS) {
    return fail(`通话数应为 0 到 ${MAX_CALLS} 的整数，例：${REPORT_EXAMPLE}`);
  }
  let remaining = t.slice(leading ? leading[0].length : 0);
  if (labelled) remaining = `${t.slice(0, labelled.index).trimEnd()} ${t.slice(labelled.index + labelled[0].length).trimStart()}`;
  const note = remaining.trim().replace(/^[,;:]+/, '').trim().replace(NOTE_LABEL, '').trim();
  return ok({ calls: Number(number), note });
}
