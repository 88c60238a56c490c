import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartRenderer, NeutralChart } from '../core/chart';
import { boundedChart, boundedSize } from './chart-bounds';
import { echartsOption } from './chart-option';
import { cleanSvg } from './svg-clean';

/** The size of a chart when the caller gives none: readable in a chat and in a page column. */
export const DEFAULT_CHART_SIZE = { width: 720, height: 360 } as const;

/** The family resvg falls back to for text whose fonts it cannot find (the installed CJK font). */
const PNG_DEFAULT_FONT = 'WenQuanYi Micro Hei';

/**
 * Apache ECharts on the server (SSR: no DOM, no canvas): a {@link NeutralChart} as a
 * standalone SVG, and the same SVG as a PNG drawn by resvg. Synchronous and without state
 * between calls; every chart instance is disposed, or ECharts keeps a timer that holds the
 * process open.
 */
export class EchartsRenderer implements ChartRenderer {
  svg(chart: NeutralChart, size?: { width: number; height: number }): string {
    const c = boundedChart(chart);
    const { width, height } = boundedSize(size, DEFAULT_CHART_SIZE);
    const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      instance.setOption(echartsOption(c, width));
      return cleanSvg(instance.renderToSVGString());
    } finally {
      instance.dispose();
    }
  }

  png(chart: NeutralChart, size?: { width: number; height: number }): Buffer {
    const svg = this.svg(chart, size);
    const resvg = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: PNG_DEFAULT_FONT, sansSerifFamily: PNG_DEFAULT_FONT } });
    return resvg.render().asPng();
  }
}
