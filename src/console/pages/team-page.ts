import type { NeutralChart } from '../../core/chart';
import { zonedMinute } from '../../domain/dates';
import { teamCharts, type TeamCharts, RANKING_HISTORY_WEEKS } from '../../services/console/team-charts';
import { allTeams } from '../../services/people';
import { ConsoleError, type ConsoleDeps, type ConsolePageSpec, type PageRequest, type Viewer } from '../console-page';
import { escapeHtml, html, raw, type SafeHtml } from '../html';
import { monthOfQuery } from './page-kit';
import { MAX_LINES, shortDate, teamChartViews } from './team-chart-views';

/** A team as the picker lists it. */
type Team = { id: number; name: string };

/**
 * Whose charts: a supervisor's own team, always (another team's id is refused with 403); an
 * admin's chosen team, else the first by name. Null when there is no team at all.
 */
function teamOf(viewer: Viewer, req: PageRequest, teams: Team[]): Team | null {
  const asked = req.query.get('team');
  const id = asked === null || asked === '' ? null : /^\d{1,9}$/.test(asked) ? Number(asked) : NaN;
  if (Number.isNaN(id)) throw new ConsoleError(400, '组的编号不对，请从列表中选择。');
  if (viewer.role !== 'admin') {
    if (viewer.teamId === null) throw new ConsoleError(403, '你还没有分到组，没有可看的团队数据。');
    if (id !== null && id !== viewer.teamId) throw new ConsoleError(403, '你只能查看自己组的团队数据。');
    return teams.find((t) => t.id === viewer.teamId) ?? null;
  }
  if (id === null) return teams[0] ?? null;
  const team = teams.find((t) => t.id === id);
  if (!team) throw new ConsoleError(404, '没有这个组，请从列表中选择。');
  return team;
}

/** The picker: a GET form (no script), the team select for admins only. */
function picker(viewer: Viewer, teams: Team[], team: Team | null, month: string): SafeHtml {
  const teamSelect =
    viewer.role === 'admin'
      ? html`<label>组 <select name="team">${teams.map((t) => html`<option value="${t.id}"${raw(t.id === team?.id ? ' selected' : '')}>${t.name}</option>`)}</select></label>`
      : '';
  return html`<form class="filters" method="get" action="/admin/team">${teamSelect}<label>月份 <input type="month" name="month" value="${month}" pattern="[0-9]{4}-[0-9]{2}" required></label><button type="submit">查看</button></form>`;
}

/**
 * A chart as inline SVG sized by its container (its viewBox keeps the proportions), named for
 * screen readers; a renderer failure leaves the text and the table (logged).
 */
function drawn(deps: ConsoleDeps, chart: NeutralChart, label: string): SafeHtml {
  try {
    const svg = deps.charts.svg(chart, { width: 720, height: 360 });
    return raw(svg.replace(/^<svg width="\d+" height="\d+"/, `<svg width="100%" role="img" aria-label="${escapeHtml(label)}" focusable="false"`));
  } catch (err) {
    deps.ctx.logger?.warn({ err, chart: chart.title }, 'console: a team chart could not be drawn; showing its table only');
    return html`<p class="chart-failed">图表暂时无法显示，数据见下表。</p>`;
  }
}

/** One chart's section: heading, the figure with its summary, the table behind it; or the empty state. */
function section(id: string, heading: string, body: { chart: SafeHtml; summary: string; table: SafeHtml } | { empty: string }): SafeHtml {
  const inner =
    'empty' in body
      ? html`<p class="empty">${body.empty}</p>`
      : html`<figure class="chart">${body.chart}<figcaption>${body.summary}</figcaption></figure><details class="chart-data"><summary>查看数据表</summary><div class="table-wrap">${body.table}</div></details>`;
  return html`<section class="chart-section" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${inner}</section>`;
}

function callsSection(deps: ConsoleDeps, c: TeamCharts, chart: NeutralChart | null): SafeHtml {
  if (!chart) return section('chart-calls', '每日有效电话', { empty: c.days.length ? '这个月还没有有效电话。' : '这个月还没开始。' });
  const total = c.agents.reduce((s, a) => s + a.calls, 0);
  const top = [...c.agents].sort((a, b) => b.calls - a.calls)[0];
  const summary = `${c.agents.length} 位电话销售员本月共 ${total} 个有效电话，最多的是${top.name}（${top.calls} 个）。${chart.series.length < c.agents.length ? `图中画出${chart.series.length < MAX_LINES ? '有有效电话' : '最多'}的 ${chart.series.length} 位，表中是全部。` : ''}`;
  const table = html`<table><thead><tr><th scope="col">电话销售员</th><th scope="col">工号</th><th scope="col">本月有效电话</th><th scope="col">最多的一天</th></tr></thead><tbody>${c.agents.map((a) => {
    const best = Math.max(0, ...a.callsByDay);
    const day = best > 0 ? shortDate(c.days[a.callsByDay.indexOf(best)]) : '';
    return html`<tr><th scope="row">${a.name}</th><td>${a.no}</td><td>${a.calls}</td><td>${best > 0 ? `${day}：${best} 个` : '—'}</td></tr>`;
  })}</tbody></table>`;
  return section('chart-calls', '每日有效电话', { chart: drawn(deps, chart, summary), summary, table });
}

function attendanceSection(deps: ConsoleDeps, c: TeamCharts, chart: NeutralChart | null): SafeHtml {
  if (!chart) return section('chart-attendance', '迟到与缺勤', { empty: c.days.length ? '这个月还没有迟到或缺勤（只计已结束的工作日）。' : '这个月还没开始。' });
  const sum = (k: 'late' | 'halfAbsent' | 'absent') => c.attendance.reduce((s, d) => s + d[k], 0);
  const summary = `本月迟到 ${sum('late')} 人次，缺勤半天 ${sum('halfAbsent')} 人次，旷工一天 ${sum('absent')} 人次（按已结束的工作日）。`;
  const rows = c.attendance.filter((d) => d.late + d.halfAbsent + d.absent > 0);
  const table = html`<table><thead><tr><th scope="col">日期</th><th scope="col">迟到</th><th scope="col">缺勤半天</th><th scope="col">旷工一天</th></tr></thead><tbody>${rows.map(
    (d) => html`<tr><th scope="row">${d.date}</th><td>${d.late}</td><td>${d.halfAbsent}</td><td>${d.absent}</td></tr>`,
  )}</tbody></table>`;
  return section('chart-attendance', '迟到与缺勤', { chart: drawn(deps, chart, summary), summary, table });
}

function scoresSection(deps: ConsoleDeps, c: TeamCharts, chart: NeutralChart | null): SafeHtml {
  if (!chart) return section('chart-scores', '本月积分分布', { empty: c.days.length ? '这个组本月没有在职的成员。' : '这个月还没开始。' });
  const { penaltyBelow, bonusAbove } = deps.ctx.policy.score;
  const summary = `${c.scores.length} 人中，${c.scores.filter((s) => s.score < penaltyBelow).length} 人低于 ${penaltyBelow} 分，${c.scores.filter((s) => s.score > bonusAbove).length} 人高于 ${bonusAbove} 分。`;
  const table = html`<table><thead><tr><th scope="col">积分</th><th scope="col">人数</th><th scope="col">成员</th></tr></thead><tbody>${c.buckets.map((b) => {
    const names = c.scores.filter((s) => s.bucket === b.label).map((s) => `${s.name} ${s.score}`);
    return html`<tr><th scope="row">${b.label}</th><td>${b.count}</td><td>${names.join('、') || '—'}</td></tr>`;
  })}</tbody></table>`;
  return section('chart-scores', '本月积分分布', { chart: drawn(deps, chart, summary), summary, table });
}

function rankingSection(deps: ConsoleDeps, c: TeamCharts, chart: NeutralChart | null): SafeHtml {
  const heading = `周排名（最近 ${RANKING_HISTORY_WEEKS} 周）`;
  if (!chart) return section('chart-ranking', heading, { empty: c.weeks.length ? '最近几周还没有有效电话或 A/B 客户。' : '这个月还没开始。' });
  const latest = c.weeks[c.weeks.length - 1];
  const leader = latest.rows[0];
  const summary = `每周确认的 A/B 客户数；最近一周（${shortDate(latest.monday)} 起）第一名：${leader ? `${leader.name}（有效电话 ${leader.validCalls}，A/B 客户 ${leader.leads}）` : '无'}。表中是每周名次。`;
  const agents = new Map<number, string>();
  for (const w of c.weeks) for (const r of w.rows) agents.set(r.employeeId, r.name);
  const table = html`<table><thead><tr><th scope="col">电话销售员</th>${c.weeks.map((w) => html`<th scope="col">${shortDate(w.monday)} 周</th>`)}</tr></thead><tbody>${[...agents].map(
    ([id, name]) =>
      html`<tr><th scope="row">${name}</th>${c.weeks.map((w) => {
        const r = w.rows.find((x) => x.employeeId === id);
        return html`<td>${r ? `第 ${r.rank} 名（${r.validCalls}/${r.leads}）` : '—'}</td>`;
      })}</tr>`,
  )}</tbody></table><p class="note">括号内：有效电话/A/B 客户。排序：有效电话 → A/B 客户 → 本周积分 → 工号（H-6）。</p>`;
  return section('chart-ranking', heading, { chart: drawn(deps, chart, summary), summary, table });
}

/**
 * 团队 (/admin/team?month=YYYY-MM&team=ID): a team's month in four charts drawn on the server
 * (ECharts SSR, inline SVG, no script): valid calls per day and agent, late and absent people per
 * day, the month's score distribution, and the weekly ranking's last weeks; each with a text
 * summary and its table, and an empty state when there is nothing to draw.
 */
export const teamPage: ConsolePageSpec = {
  path: '/admin/team',
  nav: '团队',
  async render(deps, viewer, req) {
    const today = zonedMinute(deps.now(), deps.ctx.policy.timezone).date;
    const month = monthOfQuery(deps, req);
    const teams = await allTeams(deps.ctx);
    const team = teamOf(viewer, req, teams);
    const form = picker(viewer, teams, team, month);
    if (!team) return { title: '团队', body: html`${form}<p class="empty">还没有组。先在组织文件里建组（bot org import）。</p>` };
    const c = await teamCharts(deps.ctx, team.id, month, today);
    const views = teamChartViews(c);
    const nothing = !views.calls && !views.attendance && !views.ranking && !c.days.length;
    return {
      title: `团队 · ${team.name} · ${month}`,
      body: html`${form}${nothing ? html`<p class="empty">${month} 还没有数据。</p>` : ''}<div class="team-charts">${callsSection(deps, c, views.calls)}${attendanceSection(deps, c, views.attendance)}${scoresSection(deps, c, views.scores)}${rankingSection(deps, c, views.ranking)}</div>`,
    };
  },
};
