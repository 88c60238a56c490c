import type { NeutralChart } from '../../core/chart';
import type { TeamCharts } from '../../services/console/team-charts';
import { distinctNames } from '../../domain/display-names';

/** 'YYYY-MM-DD' → 'M-D' (the axis of a month's days). */
export const shortDate = (date: string): string => `${Number(date.slice(5, 7))}-${Number(date.slice(8, 10))}`;

/**
 * The most agents drawn as lines in one chart: more lines are unreadable (the table below the
 * chart lists everyone). The agents with the most calls of the month are drawn.
 */
export const MAX_LINES = 12;

/** The four charts of the 团队 page, each null when it has nothing to draw (the page shows the empty state). */
export interface TeamChartViews {
  calls: NeutralChart | null;
  attendance: NeutralChart | null;
  scores: NeutralChart | null;
  ranking: NeutralChart | null;
}

const busiest = <T extends { total: number }>(rows: T[], max: number): T[] => [...rows].sort((a, b) => b.total - a.total).slice(0, max);

/** NeutralCharts of a team's month; the page draws them with the console's ChartRenderer. */
export function teamChartViews(c: TeamCharts): TeamChartViews {
  const categories = c.days.map(shortDate);
  const lines = busiest(c.agents.map((a) => ({ ...a, total: a.calls })), MAX_LINES).filter((a) => a.total > 0);
  const attendanceTotal = c.attendance.reduce((s, d) => s + d.late + d.halfAbsent + d.absent, 0);
  const lineNames = distinctNames(lines);
  const weekAgents = new Map<number, { name: string; no: string; total: number }>();
  for (const w of c.weeks) for (const r of w.rows) weekAgents.set(r.employeeId, { name: r.name, no: r.no, total: (weekAgents.get(r.employeeId)?.total ?? 0) + r.leads + r.validCalls });
  const ranked = busiest([...weekAgents].map(([id, a]) => ({ id, ...a })), MAX_LINES).filter((a) => a.total > 0);
  const rankedNames = distinctNames(ranked);
  return {
    calls: lines.length
      ? { title: `${c.team.name} 每日有效电话`, kind: 'line', unit: '有效电话', categories, series: lines.map((a, i) => ({ name: lineNames[i], values: a.callsByDay })) }
      : null,
    attendance: attendanceTotal
      ? {
          title: `${c.team.name} 每日迟到与缺勤`,
          kind: 'stacked',
          unit: '人',
          categories,
          series: [
            { name: '迟到', values: c.attendance.map((d) => d.late) },
            { name: '缺勤半天', values: c.attendance.map((d) => d.halfAbsent) },
            { name: '旷工一天', values: c.attendance.map((d) => d.absent) },
          ],
        }
      : null,
    scores: c.scores.length
      ? { title: `${c.team.name} ${c.month} 积分分布`, kind: 'bar', unit: '人', categories: c.buckets.map((b) => b.label), series: [{ name: '人数', values: c.buckets.map((b) => b.count) }] }
      : null,
    ranking: ranked.length
      ? {
          title: `${c.team.name} 每周 A/B 客户`,
          kind: 'line',
          unit: 'A/B 客户',
          categories: c.weeks.map((w) => shortDate(w.monday)),
          series: ranked.map((a, i) => ({ name: rankedNames[i], values: c.weeks.map((w) => w.rows.find((r) => r.employeeId === a.id)?.leads ?? 0) })),
        }
      : null,
  };
}
