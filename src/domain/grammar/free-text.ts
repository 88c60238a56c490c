/**
 * Free text as typed (reasons, notes, names, summaries) and its length limit (docs/commands.md, reading
 * rules: "Free text has a length limit per field"; policy textLimits). The one place every
 * command and grammar checks a length: longer text is refused with the field and the limit
 * named, never cut and never left to the database to refuse.
 */
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** A free-text field: what users call it and the most characters it takes. */
export interface TextField {
  /** The field in the users' words, e.g. 扣分原因, 日报备注, 客户名称. */
  label: string;
  /** The policy's limit for it (textLimits), in characters. */
  max: number;
}

/**
 * Characters as MySQL utf8mb4 counts them: code points, so an emoji or a rare Han character
 * outside the BMP is one, as a common one is (String.length would count two).
 */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i += 1;
    }
    n += 1;
  }
  return n;
}

/** The refusal of text over its limit: `扣分原因最多 200 个字，你写了 30000 个字`. */
export function tooLong(field: TextField, count: number): string {
  return `${field.label}最多 ${field.max} 个字，你写了 ${count} 个字`;
}

/**
 * The text as it is stored — normalised (NFKC, {@link normalizeText}) and trimmed — when it has
 * at most `field.max` characters; otherwise the refusal naming the field, the limit and how
 * many were written. Empty text passes (whether a field is required is the caller's rule).
 */
export function limitText(text: string, field: TextField): Parsed<string> {
  const t = normalizeText(text);
  const count = charCount(t);
  return count > field.max ? fail(tooLong(field, count)) : ok(t);
}

/** The most characters of a token a refusal quotes back. */
const QUOTE_CHARS = 20;

/**
 * A token quoted back in a refusal (`看不懂编号“x”`), its first characters only when it is long:
 * a reply never echoes a whole pasted page.
 */
export function quoted(token: string): string {
  const chars = [...token];
  return `“${chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS).join('')}…` : token}”`;
}
