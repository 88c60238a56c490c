/**
 * Small argument forms: the short ids users type (L42, P1288, C310, R17), points and a reason
 * for 扣分 / 加分, and the arguments of 日报 (docs/commands.md).
 */
import type { Policy, TextLimits } from '../policy';
import { limitText, quoted, type TextField } from './free-text';
import { fail, normalizeText, ok, type Parsed } from './normalize';
import { outOfRange, takeLeadingCount, type CountRule } from './numbers';

/** L: leave request, P: ledger entry (points), C: customer record, R: collection (回款), B: 补卡, S: 申诉. */
export type IdPrefix = 'L' | 'P' | 'C' | 'R' | 'B' | 'S' | 'U';

const ID_EXAMPLE: Readonly<Record<IdPrefix, string>> = { L: 'L42', P: 'P1288', C: 'C310', R: 'R17', B: 'B5', S: 'S9', U: 'U3' };

function idOf(token: string, prefix: IdPrefix): number | null {
  const m = /^#?([a-z]?)(\d{1,9})$/i.exec(token);
  if (!m || (m[1] !== '' && m[1].toUpperCase() !== prefix)) return null;
  const n = Number(m[2]);
  return n > 0 ? n : null;
}

const badId = (token: string, prefix: IdPrefix): string =>
  `看不懂编号${quoted(token)}，应为 ${prefix} 加数字，如 ${ID_EXAMPLE[prefix]}`;

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

/** Points for 扣分 / 加分: a whole number 1–100, in digits. */
export const POINTS_RULE: CountRule = { what: '分数', min: 1, max: 100, example: '3', units: '分' };

/** Points and a reason as typed after the person in 扣分 / 加分. */
export interface PointsAndReason {
  points: number;
  reason: string;
}

/**
 * What follows the person in 扣分 / 加分 when it starts with a number: `3 态度问题`, `3分态度问题`,
 * `３ 态度问题`, `-3 …` (扣分 only), `+5 …` (加分 only). Points 1–100 in digits (`1e3`, `2.5`,
 * `三` are refused with what is wrong, never read as their first digit); the reason is required
 * and at most `reason.max` characters (refused, never cut). Null when the text does not start
 * with a number: for 扣分 it may be a misconduct name.
 */
export function takePointsAndReason(text: string, verb: '扣分' | '加分', reason: TextField): Parsed<PointsAndReason> | null {
  const count = takeLeadingCount(text, POINTS_RULE);
  if (count === null || !count.ok) return count;
  const wrongSign = verb === '扣分' ? '+' : '-';
  if (count.value.sign === wrongSign) return fail(`${verb}的分数请直接写数字，不带${wrongSign}号。`);
  const why = limitText(count.value.rest.replace(/^\s*分/, ''), reason);
  if (!why.ok) return why;
  if (why.value === '') return fail('请写明原因。');
  return ok({ points: count.value.value, reason: why.value });
}

/** The arguments of 日报: calls made today and an optional note. */
export interface ReportArgs {
  calls: number;
  note: string;
}

/** The limits 日报 is read with: the policy's report.maxCalls and textLimits.note. */
export type ReportLimits = Pick<Policy, 'report'> & { textLimits: Pick<TextLimits, 'note'> };

/** The example shown with 日报 errors. */
export const REPORT_EXAMPLE = '日报 通话 120';
/** What the 日报 note is called in refusals. */
export const REPORT_NOTE_LABEL = '日报备注';
const CALLS_LABEL = /(^|[\s,;])(?:通话数?|拨打数?|电话数?|外呼|呼出|calls?|dials?)\s*[:=]?\s*/gi;
const UNIT = /^(?:个|通|次|\s+(?:个|通|次)(?=[\s,;]|$))?/;
const NOTE_LABEL = /^(?:(?:备注|说明)\s*[:=]?|(?:notes?|remarks?)(?:\s*[:=]|\s|$))\s*/i;

/** The calls of a 日报: a whole number from 0 to the policy's report.maxCalls. */
export function callsRule(limits: Pick<Policy, 'report'>): CountRule {
  return { what: '通话数', min: 0, max: limits.report.maxCalls, example: '120', units: '个通次' };
}

/**
 * The most characters a count is read from. Any number token longer than this is refused either
 * way (more digits than report.maxCalls has, or malformed), and reading a short window keeps a
 * message of many labels linear: each label looks at a few characters, not the rest of the text.
 */
const COUNT_WINDOW = 40;

/** The calls at `at` in normalised `t`, and where they end; null when no number is there. */
function callsAt(t: string, at: number, rule: CountRule): Parsed<{ calls: number; end: number }> | null {
  const count = takeLeadingCount(t.slice(at, at + COUNT_WINDOW), rule);
  if (count === null || !count.ok) return count;
  // A negative count is out of range; `+5` may mean "five more", but a 日报 states the day's total.
  if (count.value.sign === '-') return fail(outOfRange(rule));
  if (count.value.sign === '+') return fail(`通话数请直接写当天的总数，不带正负号，如 ${rule.example}`);
  return ok({ calls: count.value.value, end: at + count.value.length });
}

/**
 * `通话 120`, `通话120`, `拨打:120 备注:周五客户多`, `120`, `calls 120 note …`, `备注:… 拨打:120`:
 * calls 0–report.maxCalls (a whole number in digits: `1e3`, `12.5`, `一百二` are refused with
 * what is wrong) and the rest as the note (its label removed; '' when none), at most
 * textLimits.note characters. The first label followed by a readable number wins; without one,
 * a number at the start; a label followed by an unreadable number is that number's refusal.
 */
export function parseReportArgs(rest: string, limits: ReportLimits): Parsed<ReportArgs> {
  const t = normalizeText(rest);
  const rule = callsRule(limits);
  let refused: Parsed<never> | null = null;
  let found: { calls: number; from: number; end: number } | null = null;
  for (const label of t.matchAll(CALLS_LABEL)) {
    const calls = callsAt(t, label.index + label[0].length, rule);
    if (calls === null) continue;
    if (!calls.ok) {
      refused ??= calls;
      continue;
    }
    found = { calls: calls.value.calls, from: label.index, end: calls.value.end };
    break;
  }
  if (!found && !refused) {
    const leading = callsAt(t, 0, rule);
    if (leading && !leading.ok) refused = leading;
    if (leading?.ok) found = { calls: leading.value.calls, from: 0, end: leading.value.end };
  }
  if (!found) return refused ? fail(`${refused.error}，例：${REPORT_EXAMPLE}`) : fail(`缺少通话数，例：${REPORT_EXAMPLE}`);
  const remaining = `${t.slice(0, found.from).trimEnd()} ${t.slice(found.end).replace(UNIT, '').trimStart()}`;
  const note = limitText(remaining.trim().replace(/^[,;:]+/, '').trim().replace(NOTE_LABEL, ''), { label: REPORT_NOTE_LABEL, max: limits.textLimits.note });
  return note.ok ? ok({ calls: found.calls, note: note.value }) : fail(`${note.error}，例：${REPORT_EXAMPLE}`);
}
