export { EchartsRenderer, DEFAULT_CHART_SIZE } from './echarts-renderer';
export { boundedChart, ChartInputError, CHART_LIMITS } from './chart-bounds';
export { cleanSvg } from './svg-clean';
export { CachedChartRenderer } from './cached-renderer';
