import type { NeutralChart } from '../core/chart';

/**
 * How much one chart may hold. Why: a chart is drawn inside a request or an outbox send, so its
 * size must not depend on how much data a month or a company has; a month's days (31), two
 * months of days or a team's weeks fit in the categories, a team's agents in the series.
 */
export const CHART_LIMITS = { categories: 62, series: 60, textChars: 40, titleChars: 80, width: { min: 240, max: 2000 }, height: { min: 160, max: 1600 } } as const;

/** A chart its caller built wrong (too many categories or series, a value that is not a number). */
export class ChartInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartInputError';
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The chart checked and trimmed for drawing: counts within {@link CHART_LIMITS} (more is the
 * caller's mistake and throws), every value a finite number, every series as long as the
 * categories, texts cut to a length a label can show.
 */
export function boundedChart(chart: NeutralChart): NeutralChart {
  if (chart.categories.length > CHART_LIMITS.categories) throw new ChartInputError(`a chart takes at most ${CHART_LIMITS.categories} categories, got ${chart.categories.length}`);
  if (chart.series.length > CHART_LIMITS.series) throw new ChartInputError(`a chart takes at most ${CHART_LIMITS.series} series, got ${chart.series.length}`);
  const series = chart.series.map((s) => {
    if (s.values.length !== chart.categories.length) throw new ChartInputError(`series ${JSON.stringify(clip(s.name, 20))} has ${s.values.length} values for ${chart.categories.length} categories`);
    if (!s.values.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new ChartInputError(`series ${JSON.stringify(clip(s.name, 20))} has a value that is not a finite number`);
    return { name: clip(s.name, CHART_LIMITS.textChars), values: [...s.values] };
  });
  return {
    title: clip(chart.title, CHART_LIMITS.titleChars),
    kind: chart.kind,
    categories: chart.categories.map((c) => clip(c, CHART_LIMITS.textChars)),
    series,
    ...(chart.unit !== undefined ? { unit: clip(chart.unit, CHART_LIMITS.textChars) } : {}),
  };
}

/** A size within the limits (a default when none is given). */
export function boundedSize(size: { width: number; height: number } | undefined, fallback: { width: number; height: number }): { width: number; height: number } {
  const s = size ?? fallback;
  const within = (v: number, r: { min: number; max: number }, d: number) => (Number.isFinite(v) ? Math.min(Math.max(Math.round(v), r.min), r.max) : d);
  return { width: within(s.width, CHART_LIMITS.width, fallback.width), height: within(s.height, CHART_LIMITS.height, fallback.height) };
}
