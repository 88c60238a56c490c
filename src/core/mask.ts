/**
 * Masking of personal data before anything reaches a log line (docs/rules.md H-20: customer data
 * never leaves the company, and logs are shipped elsewhere).
 */

/** Mobile (1[3-9] + 9 digits) and landline (0 + 2–3 digits, optional '-', 7–8 digits) numbers. */
const PHONE = /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;

/** Keys whose values are secrets or personal data: never logged, whatever they hold. */
const SECRET_KEY = /(secret|token|password|passwd|aes|encrypt|authorization|cookie|signature)/i;

/** Replaces the middle of every phone number in `text` with asterisks, keeping the ends. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (m) => m.slice(0, 3) + '*'.repeat(Math.max(m.length - 7, 1)) + m.slice(-4));
}

/** Deep copy of `value` with phones masked in every string and secret-named keys hidden. */
export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // An Error goes to its serializer; a Date logs as its ISO text (flattening it gave `{}`).
  if (value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? '[hidden]' : maskValue(v, depth + 1);
  }
  return out;
}
