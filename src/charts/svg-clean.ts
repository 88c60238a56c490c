/**
 * Makes ECharts' SSR SVG fit a page with a strict CSP (src/http/browser-guard.ts pagePolicy:
 * styles only by hash, no inline style attributes) and an `<img>`:
 * - the `<style>` element ECharts appends (hover rules for the interactive chart) is dropped:
 *   the drawing is static;
 * - `style="font-size:…;font-family:…"` on texts becomes presentation attributes
 *   (font-size="…" font-family="…"), which no CSP blocks and resvg reads too;
 * - ECharts' `ecmeta_*` bookkeeping attributes (for client-side hydration) are dropped.
 * A `<script>`, `<foreignObject>` or event attribute left after that is refused: ECharts escapes
 * every text it writes, so one would mean a broken assumption, not a chart to show.
 */
export function cleanSvg(svg: string): string {
  const out = svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) => styleAttributes(css))
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
  for (const [, name, attrs] of out.matchAll(/<\/?([A-Za-z][\w:-]*)([^>]*)>/g)) {
    if (FORBIDDEN_TAGS.has(name.toLowerCase()) || /\son[a-z]+\s*=|javascript:/i.test(attrs)) {
      throw new Error(`the chart SVG holds markup that must not be shown (<${name}>, a script, a style or an event handler)`);
    }
  }
  return out;
}

/** Elements a static drawing never needs and a page must not run or style from. */
const FORBIDDEN_TAGS = new Set(['script', 'style', 'foreignobject', 'iframe', 'object', 'embed', 'a', 'image', 'use', 'animate', 'set']);

/** Properties a text's style may carry and their presentation attribute (the same names). */
const ALLOWED = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

function styleAttributes(css: string): string {
  const attrs: string[] = [];
  for (const decl of css.split(';')) {
    const at = decl.indexOf(':');
    if (at < 0) continue;
    const name = decl.slice(0, at).trim().toLowerCase();
    const value = decl.slice(at + 1).trim();
    // The value came out of an attribute value ECharts escaped; quotes are kept escaped.
    if (ALLOWED.has(name) && value && !/[<>"]/.test(value)) attrs.push(` ${name}="${value}"`);
  }
  return attrs.join('');
}
