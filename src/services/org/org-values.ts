import { isWorkDate } from '../../domain/dates';
import { normalizeMobile } from '../../domain/mobile';
import { formatYuan } from '../../domain/money';
import { ROLES, type Role } from '../../domain/roles';

/** A field read from the file: its value, or why it cannot be used (Chinese, for HR). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/**
 * The largest monthly base salary the file accepts, in fen (21,474,836.47 yuan): a bound on
 * typing mistakes. The column is BIGINT, and a close stores any slip this base can produce.
 */
const MAX_FEN = 2_147_483_647;

/** A role name of {@link ROLES}, exactly as the handbook spells it. */
export function parseRole(text: string): Parsed<Role> {
  const role = ROLES.find((r) => r === text);
  return role ? ok(role) : fail(`未知角色（应为 ${ROLES.join('、')} 之一）`);
}

/**
 * Yuan as written (`1000`, `1000.5`, `1000.10`) to integer fen, by string arithmetic so no
 * float rounding ever touches money: '1000.10' → 100010. Positive, at most two decimals.
 */
export function parseYuanToFen(text: string): Parsed<number> {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return fail('应为以元为单位的金额，如 1000 或 1000.50');
  const [, minus, whole, decimals = ''] = m;
  if (decimals.length > 2) return fail('金额最多两位小数（到分）');
  const digits = `${whole}${decimals.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (minus || /^0+$/.test(digits)) return fail('金额必须为正数');
  if (digits.length > 10 || Number(digits) > MAX_FEN) return fail(`金额过大（最多 ${formatYuan(MAX_FEN)} 元）`);
  return ok(Number(digits));
}

/** A calendar date written 'YYYY-MM-DD' that exists (2026-02-30 does not). */
export function parseWorkDate(text: string): Parsed<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return fail('日期格式应为 YYYY-MM-DD，如 2026-03-01');
  return isWorkDate(text) && text >= '1900' ? ok(text) : fail(`${text} 不是有效日期`);
}

/** Text of at most `max` characters (the column's length). */
export function parseText(text: string, max: number): Parsed<string> {
  const length = [...text].length;
  return length <= max ? ok(text) : fail(`过长（最多 ${max} 个字符，实际 ${length} 个）`);
}

/** A mobile number, normalised (domain/mobile.ts): `13800138000`, `+86 138 0013 8000`. */
export function parseMobile(text: string): Parsed<string> {
  const mobile = normalizeMobile(text);
  return mobile ? ok(mobile) : fail('手机号应为 5 到 15 位数字（可带 +86、空格或短横线）');
}
