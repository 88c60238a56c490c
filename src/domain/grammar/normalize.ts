/**
 * The base of the chat-command grammar (docs/commands.md, "parse generously"): the result type every
 * parser returns, text normalisation, and splitting the command word off a message. Pure.
 */

/** What every grammar parser returns: the whole value, or a short Chinese reason and nothing else. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A successful parse. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed parse; `error` is short Chinese saying what was wrong (usually with an example). */
export function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * {@link normalizeText} without the final trim: for text whose leading or trailing tabs matter
 * (an Excel row starting with an empty cell).
 */
export function normalizeUntrimmed(s: string): string {
  return s
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n\t]/g, ' ');
}

/**
 * NFKC (full-width digits, letters and punctuation become half-width: `１２０` → `120`,
 * `：` → `:`, `｜` → `|`, `，` → `,`), zero-width characters dropped, CRLF → LF, every other
 * whitespace (full-width space, NBSP, U+2005 …) → one ASCII space each, then trimmed.
 * Newlines and tabs inside are kept (Excel rows are tab separated). Idempotent.
 */
export function normalizeText(s: string): string {
  return normalizeUntrimmed(s).trim();
}

/** A command word found at the start of a message, and the text after it. */
export interface CommandSplit<C extends string> {
  /** The canonical command (the key of the alias table). */
  command: C;
  /** The word as the user typed it (normalised), e.g. '日报' or 'Report'. */
  word: string;
  /**
   * The normalised text after the word and its separator (spaces, ':' or '=', then at most one
   * tab or line break); may be ''. It can start with a further tab: an Excel row's empty first cell.
   */
  rest: string;
}

const ASCII_LETTER_END = /[A-Za-z0-9]$/;

/** The words of an alias table, normalised and lower-cased once per table (the router's is built once). */
const aliasWordCache = new WeakMap<object, ReadonlyArray<{ command: string; word: string }>>();

function aliasWords<C extends string>(aliases: Readonly<Record<C, readonly string[]>>): ReadonlyArray<{ command: C; word: string }> {
  let words = aliasWordCache.get(aliases);
  if (!words) {
    words = (Object.keys(aliases) as C[]).flatMap((command) => aliases[command].map((alias) => ({ command, word: normalizeText(alias).toLowerCase() }))).filter((w) => w.word !== '');
    aliasWordCache.set(aliases, words);
  }
  return words as ReadonlyArray<{ command: C; word: string }>;
}
const ASCII_LETTER_START = /^[A-Za-z]/;

/**
 * Finds the leading command word of `text` in `aliases` (canonical command → its words, Chinese
 * and English). The longest matching word wins (`上班打卡` before `打卡`); English words match
 * case-insensitively and must not run into further letters (`helpme` is not `help`); a Chinese
 * word may be followed directly by text (`日报通话120`). A leading '/' is ignored.
 */
export function splitCommand<C extends string>(
  text: string,
  aliases: Readonly<Record<C, readonly string[]>>,
): Parsed<CommandSplit<C>> {
  const t = normalizeText(text).replace(/^\/\s*/, '');
  let best: { command: C; length: number } | null = null;
  for (const { command, word } of aliasWords(aliases)) {
    if (t.slice(0, word.length).toLowerCase() !== word) continue;
    if (ASCII_LETTER_END.test(word) && ASCII_LETTER_START.test(t.slice(word.length))) continue;
    if (!best || word.length > best.length) best = { command, length: word.length };
  }
  if (!best) return fail('不认识的命令，发送“帮助”查看可用的命令');
  return ok({
    command: best.command,
    word: t.slice(0, best.length),
    rest: t.slice(best.length).replace(/^[ :=]*(?:[\n\t] *)?/, ''),
  });
}

/** The first whitespace-separated token of `text` and the (trimmed) text after it. */
export function takeToken(text: string): { token: string; rest: string } {
  const t = normalizeText(text);
  const m = /^(\S*)\s*([\s\S]*)$/.exec(t);
  return { token: m ? m[1] : '', rest: m ? m[2] : '' };
}
