/**
 * NeutralChart → the card JSON 2.0 `chart` element (docs/platforms/feishu.md §2.6):
 * Feishu draws a VChart spec (`chart_spec`) itself, so no image is uploaded. The data go in as
 * rows {category, series, value} with xField/yField/seriesField; no functions (the element
 * takes no JavaScript), colours from the client's theme (color_theme brand).
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart
 */
import type { NeutralChart } from '../../src/core/chart';

/** The card element of a chart. */
export function chartElement(chart: NeutralChart): Record<string, unknown> {
  const values = chart.series.flatMap((s) => chart.categories.map((category, i) => ({ category, series: s.name, value: s.values[i] ?? 0 })));
  const grouped = chart.kind === 'bar' && chart.series.length > 1;
  const spec: Record<string, unknown> = {
    type: chart.kind === 'line' ? 'line' : 'bar',
    title: { text: chart.title },
    data: [{ id: 'values', values }],
    // Why an array for grouped bars: VChart puts the bars of one category side by side when
    // xField names the category and then the series.
    xField: grouped ? ['category', 'series'] : 'category',
    yField: 'value',
    seriesField: 'series',
    ...(chart.kind === 'stacked' ? { stack: true } : {}),
    legends: { visible: chart.series.length > 1, orient: 'bottom' },
    label: { visible: chart.kind !== 'line' && chart.series.length === 1 },
    axes: [
      { orient: 'bottom', type: 'band' },
      { orient: 'left', type: 'linear', ...(chart.unit ? { title: { visible: true, text: chart.unit } } : {}) },
    ],
  };
  return { tag: 'chart', aspect_ratio: '16:9', color_theme: 'brand', preview: true, height: 'auto', chart_spec: spec };
}
