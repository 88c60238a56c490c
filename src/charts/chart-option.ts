import type { NeutralChart } from '../core/chart';

/**
 * The font list of every text in the drawing. Why WenQuanYi Micro Hei first: it is the CJK font
 * the server and CI install (fonts-wqy-microhei), and resvg draws the PNG with the first family
 * it finds; browsers showing the SVG fall back to their own CJK fonts.
 */
export const CHART_FONTS = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/**
 * Colours that stay apart from each other and on white (Okabe–Ito, then Tableau 10's darker
 * tones); beyond them the list repeats.
 */
export const CHART_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C564B', '#4E79A7', '#F28E2B', '#59A14F', '#E15759', '#76B7B2', '#B07AA1', '#9C755F', '#555555'];

/** Rough width of one legend entry (icon, gap, a short Chinese name), for the rows it needs. */
const LEGEND_ITEM_PX = 96;

/**
 * The ECharts option of a chart: title on top, legend under the plot (wrapping in rows), the
 * categories along x, a value axis named by the unit, no animation and no hover styles (the
 * SVG is static: drawn once on the server).
 */
export function echartsOption(chart: NeutralChart, width: number): Record<string, unknown> {
  const legendRows = chart.series.length > 0 ? Math.ceil((chart.series.length * LEGEND_ITEM_PX) / Math.max(width - 40, LEGEND_ITEM_PX)) : 0;
  const many = chart.categories.length > 12;
  return {
    animation: false,
    color: CHART_PALETTE,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONTS, color: '#333333' },
    title: { text: chart.title, left: 'center', top: 8, textStyle: { fontFamily: CHART_FONTS, fontSize: 16, color: '#222222' } },
    legend: legendRows ? { show: true, bottom: 8, left: 'center', selectedMode: false, itemWidth: 18, itemHeight: 10, textStyle: { fontFamily: CHART_FONTS, fontSize: 12 } } : { show: false },
    grid: { left: 16, right: 24, top: chart.unit ? 64 : 48, bottom: 16 + legendRows * 22, containLabel: true },
    xAxis: {
      type: 'category',
      data: chart.categories,
      boundaryGap: chart.kind !== 'line',
      axisLabel: { fontFamily: CHART_FONTS, fontSize: 11, hideOverlap: true, rotate: many && chart.categories.some((c) => c.length > 3) ? 45 : 0 },
    },
    yAxis: { type: 'value', name: chart.unit ?? '', minInterval: 1, nameTextStyle: { fontFamily: CHART_FONTS, fontSize: 12 }, axisLabel: { fontFamily: CHART_FONTS, fontSize: 11 } },
    series: chart.series.map((s) => ({
      type: chart.kind === 'line' ? 'line' : 'bar',
      name: s.name,
      data: s.values,
      ...(chart.kind === 'stacked' ? { stack: 'total' } : {}),
      ...(chart.kind === 'line' ? { symbolSize: 5, lineStyle: { width: 2 } } : { barMaxWidth: 36 }),
      emphasis: { disabled: true },
      silent: true,
    })),
  };
}
