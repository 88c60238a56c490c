/**
 * The text of a 补卡 after its word (docs/commands.md): a date, 上班 or 下班, a time and the
 * reason, e.g. `12月3日 上班 09:00 忘记打卡`, `昨天 下班 18:05 手机没电` (上班/下班 may come
 * first). Whether the day may still be corrected is decided elsewhere.
 */
import type { WorkDate } from '../dates';
import { leadingDateToken, parseDate, type DateRules } from './dates';
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** The example shown with 补卡 errors. */
export const CORRECTION_TEXT_EXAMPLE = '补卡 12月3日 上班 09:00 忘记打卡';

/** A 补卡 as typed. */
export interface CorrectionText {
  date: WorkDate;
  kind: 'in' | 'out';
  /** Minutes after midnight. */
  minute: number;
  reason: string;
}

const KIND = /^(上班|下班|签到|签退|in|out)卡?(?=\s|\d|$)/i;
const KINDS: Record<string, 'in' | 'out'> = { 上班: 'in', 签到: 'in', in: 'in', 下班: 'out', 签退: 'out', out: 'out' };
const TIME = /^(\d{1,2})(?::(\d{1,2})|点(?:(\d{1,2})分?|半)?)(?=\s|$)/;

function takeKind(t: string): { kind: 'in' | 'out'; rest: string } | null {
  const m = KIND.exec(t);
  return m ? { kind: KINDS[m[1].toLowerCase()], rest: t.slice(m[0].length).trimStart() } : null;
}

/** `09:00`, `9:05`, `9点`, `9点05`, `9点半` → minutes after midnight; null when it is none. */
function takeTime(t: string): Parsed<{ minute: number; rest: string }> | null {
  const m = TIME.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[0].endsWith('半') ? 30 : Number(m[2] ?? m[3] ?? 0);
  if (h > 23 || min > 59) return fail(`时间“${m[0]}”不对，应在 00:00 到 23:59 之间`);
  return ok({ minute: h * 60 + min, rest: t.slice(m[0].length).trimStart() });
}

/**
 * Reads `日期 上班|下班 时间 原因` (or `上班|下班 日期 时间 原因`). A date without a year is the
 * most recent such day (a 补卡 is always for the past); the reason may be empty here (the
 * service asks for it).
 */
export function parseCorrection(text: string, o: { today: WorkDate; dates: DateRules }): Parsed<CorrectionText> {
  let t = normalizeText(text);
  let kind = takeKind(t);
  if (kind) t = kind.rest;
  const token = leadingDateToken(t);
  if (!token) return fail(`缺少日期，例：${CORRECTION_TEXT_EXAMPLE}`);
  const date = parseDate(token, { today: o.today, mode: 'past', rules: o.dates });
  if (!date.ok) return fail(`${date.error}，例：${CORRECTION_TEXT_EXAMPLE}`);
  t = t.slice(token.length).trimStart();
  if (!kind) {
    kind = takeKind(t);
    if (!kind) return fail(`请写明补上班卡还是下班卡（上班 或 下班），例：${CORRECTION_TEXT_EXAMPLE}`);
    t = kind.rest;
  }
  const time = takeTime(t);
  if (!time) return fail(`缺少时间，请写如 09:00，例：${CORRECTION_TEXT_EXAMPLE}`);
  if (!time.ok) return fail(`${time.error}，例：${CORRECTION_TEXT_EXAMPLE}`);
  return ok({ date: date.value, kind: kind.kind, minute: time.value.minute, reason: time.value.rest.trim() });
}
