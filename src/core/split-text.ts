/**
 * Splitting a long reply into messages a platform accepts: whole lines where they fit, a longer
 * line at code points (never inside a character). Each platform measures in its own unit
 * (WeCom in UTF-8 bytes, WeChat in characters).
 */

/** The size of a string in a platform's unit. */
export type Measure = (s: string) => number;

/** Splits one line that is longer than `max` at code points. */
function splitLine(line: string, max: number, measure: Measure): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (current !== '' && measure(current) + measure(ch) > max) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  out.push(current);
  return out;
}

/** Splits `text` into pieces of at most `max` (by `measure`), joining whole lines where they fit. */
export function splitByLines(text: string, max: number, measure: Measure): string[] {
  if (measure(text) <= max) return [text];
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n').flatMap((l) => splitLine(l, max, measure))) {
    if (current === undefined) current = line;
    else if (measure(current) + 1 + measure(line) <= max) current += `\n${line}`;
    else {
      pieces.push(current);
      current = line;
    }
  }
  if (current !== undefined) pieces.push(current);
  return pieces;
}
