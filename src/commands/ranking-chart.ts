import type { NeutralChart } from '../core/chart';
import { distinctNames } from '../domain/display-names';
import type { WeeklyRanking } from '../services/ranking';

/**
 * How many agents the ranking's chart shows: the first places. Why 15: fifteen bars with
 * Chinese names stay readable on a phone (Feishu's card, a PNG in WeCom and WeChat); the card's
 * lines still list everyone.
 */
export const RANKING_CHART_TOP = 15;

/**
 * The Friday ranking's chart: the A/B leads (H-4) of the first {@link RANKING_CHART_TOP}
 * places, as bars in ranking order. Undefined when nobody is ranked.
 */
export function rankingChart(r: WeeklyRanking): NeutralChart | undefined {
  const rows = r.rows.slice(0, RANKING_CHART_TOP);
  if (!rows.length) return undefined;
  const scope = r.scope.kind === 'company' ? '全公司' : r.teamName ?? '';
  const top = r.rows.length > rows.length ? `（前 ${rows.length} 名）` : '';
  return {
    title: `${scope}本周 A/B 客户${top}`,
    kind: 'bar',
    unit: 'A/B 客户',
    categories: distinctNames(rows),
    series: [{ name: 'A/B 客户', values: rows.map((row) => row.leads) }],
  };
}
