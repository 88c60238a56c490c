/**
 * A chart in words, before any renderer: categories along the x axis and one or more series of
 * numbers over them. The console draws it as SVG (src/charts), Feishu as a card `chart`
 * element, WeCom and wechaty as a PNG of the same SVG; the text beside it stays the fallback.
 */
export interface NeutralChart {
  title: string;
  /** lines: one line per series; bars: grouped bars; stacked: bars stacked per category. */
  kind: 'line' | 'bar' | 'stacked';
  /** The x axis: days, names, score buckets. */
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  /** The y axis's name, e.g. '有效通话'. */
  unit?: string;
}

/** Draws a {@link NeutralChart} (implemented in src/charts; adapters receive it from the wiring). */
export interface ChartRenderer {
  /** A standalone SVG document, `width`×`height` pixels. */
  svg(chart: NeutralChart, size?: { width: number; height: number }): string;
  /** The same drawing as a PNG. */
  png(chart: NeutralChart, size?: { width: number; height: number }): Buffer;
}
