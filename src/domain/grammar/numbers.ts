/**
 * Whole numbers typed in a command (calls in 日报, points in 扣分 / 加分). Parse generously,
 * answer strictly (docs/commands.md): full-width digits are read (NFKC) and `1,200` groups thousands,
 * but `1e3`, `0x10`, `12.5`, `一百二` and out-of-range counts are refused with what is wrong —
 * never read as the digits before the first odd character (`1e3` was once stored as 1).
 */
import { quoted } from './free-text';
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** What a count is and which values it takes. */
export interface CountRule {
  /** The count in the users' words: 通话数, 分数. */
  what: string;
  min: number;
  max: number;
  /** A correct value shown with refusals: 120. */
  example: string;
  /** Unit characters that may follow the number (个通次 for calls, 分 for points). */
  units: string;
}

/** A count read at the start of a text: its sign as typed ('' when none), its value, and the text after it. */
export interface LeadingCount {
  sign: '' | '+' | '-';
  value: number;
  rest: string;
  /** How many characters of the (normalised) text the number took, its sign included. */
  length: number;
}

/**
 * A number-like token: a sign, then ASCII digits running on over letters, digits and `_`, and
 * over `.` or `,` between them (`1e3`, `0x1F`, `12.5`, `1,200`), so a malformed number is
 * refused whole. Chinese text right after the digits (`120个`, `120备注`) ends it.
 */
const ASCII_NUMBER = /^([-+−]?)([0-9](?:[0-9A-Za-z_]|[.,](?=[0-9A-Za-z]))*)/;
/** Numbers that are not ASCII digits: Chinese numerals, other scripts' digits (NFKC leaves ٣ alone). */
const OTHER_NUMBER = /^[-+−]?(?:[零〇一二两三四五六七八九十百千万亿]+|[^\P{Nd}0-9]+)/u;
/** What may follow a Chinese numeral for it to be read as a count: the end, a space or punctuation (or a unit of the rule). */
const AFTER_NUMERAL = /^(?:$|[\s,;:.、。])/;
const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;

/** The rule's range refusal: `通话数应为 0 到 1000 的整数，如 120`. */
export function outOfRange(rule: CountRule): string {
  return `${rule.what}应为 ${rule.min} 到 ${rule.max} 的整数，如 ${rule.example}`;
}

/**
 * The whole number at the start of `text`, or null when the text does not start with anything
 * number-like (the caller then says the count is missing). Refused, with the rule's words:
 * Chinese numerals and other scripts' digits (write it in digits), scientific, hexadecimal or
 * otherwise malformed tokens (`1e3`, `0x10`, `12a`), decimals, and values outside min–max. The
 * sign is returned as typed and not applied: whether `-3` or `+5` is allowed is the caller's rule
 * (a count with a sign is range-checked as its digits).
 */
export function takeLeadingCount(text: string, rule: CountRule): Parsed<LeadingCount> | null {
  const t = normalizeText(text);
  const m = ASCII_NUMBER.exec(t);
  if (!m) {
    const other = OTHER_NUMBER.exec(t);
    const after = t.slice(other?.[0].length ?? 0);
    if (other && (AFTER_NUMERAL.test(after) || rule.units.includes(after[0]))) return fail(`${rule.what}请用阿拉伯数字写，如 ${rule.example}`);
    return null;
  }
  const sign = m[1] === '' ? '' : m[1] === '+' ? '+' : '-';
  const token = m[2];
  let digits: string;
  if (/^\d+$/.test(token)) digits = token;
  else if (THOUSANDS.test(token)) digits = token.replace(/,/g, '');
  else if (/^\d+\.\d+$/.test(token)) return fail(outOfRange(rule));
  else return fail(`${rule.what}${quoted(m[0])}看不懂，请直接写数字，如 ${rule.example}`);
  const significant = digits.replace(/^0+(?=\d)/, '');
  // Compared as text first: a 30-digit count must not round to something in range.
  if (significant.length > String(rule.max).length) return fail(outOfRange(rule));
  const value = Number(significant);
  if (value < rule.min || value > rule.max) return fail(outOfRange(rule));
  return ok({ sign, value, rest: t.slice(m[0].length), length: m[0].length });
}
