/**
 * Amounts of money as typed (docs/commands.md reading rules): yuan in digits with at most two
 * decimals, read into integer fen by string arithmetic (no floating point touches an amount).
 */
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** The hint every amount error ends with. */
export const AMOUNT_HINT = '请用数字写金额，如 52000 或 8888.88';

/** Up to 12 integer digits: below 10^12 yuan, so the fen value stays a safe integer. */
const MAX_INTEGER_DIGITS = 12;
const DIGITS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Yuan → fen: `52000` → 5200000, `8888.88` → 888888, `52,000` → 5200000, `0.5` → 50; an optional
 * `¥` before or `元` / `块` after. Rejected with a Chinese reason ending in {@link AMOUNT_HINT}:
 * units or Chinese numerals (`5.2万`, `五万`), negatives, more than two decimals, zero, and
 * anything else that is not digits.
 */
export function parseYuan(token: string): Parsed<number> {
  const t = normalizeText(token).replace(/^¥\s*/, '').replace(/\s*[元块]$/, '');
  if (t === '') return fail(`缺少金额，${AMOUNT_HINT}`);
  if (/[万千百亿]|\d\s*[kKwW]$/.test(t)) return fail(`金额不能带“万”“千”等单位，${AMOUNT_HINT}`);
  if (/^-/.test(t)) return fail(`金额不能是负数，${AMOUNT_HINT}`);
  const m = DIGITS.exec(t);
  if (!m) return fail(AMOUNT_HINT);
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return fail(`金额最多两位小数，${AMOUNT_HINT}`);
  const integer = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) return fail(`金额太大，${AMOUNT_HINT}`);
  const fen = Number(`${integer}${decimals.padEnd(2, '0')}`);
  if (fen === 0) return fail(`金额必须大于 0，${AMOUNT_HINT}`);
  return ok(fen);
}

/**
 * The amount at the start of a command's text and the text after it:
 * `52000 华为技术` → { fen: 5200000, rest: '华为技术' }. Errors as {@link parseYuan}.
 */
export function takeLeadingYuan(text: string): Parsed<{ fen: number; rest: string }> {
  const t = normalizeText(text);
  const m = /^(¥?\s*\S+?)(?:\s+([\s\S]*))?$/.exec(t);
  const after = (m?.[2] ?? '').trim();
  if (/^[万千百亿]/.test(after)) return fail(`金额不能带“万”“千”等单位，${AMOUNT_HINT}`);
  const fen = parseYuan(m ? m[1] : '');
  return fen.ok ? ok({ fen: fen.value, rest: after.replace(/^[元块](?:\s+|$)/, '') }) : fen;
}
