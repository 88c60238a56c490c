import { formatMonthWithYear } from '../../domain/date-format';
import { monthTable, type MonthTable, type MonthTableRow } from '../../services/console';
import { ConsoleError, teamScopeOf, type ConsolePageSpec, type PageRequest, type Viewer } from '../console-page';
import { html, type SafeHtml } from '../html';
import { badge, emptyState, idOfQuery, monthName, monthOfQuery, personOf, yuan } from './page-kit';

/** The 本月 page (docs/console.md, "Pages"): one row per employee employed in the month. */

/** Yuan text ('-12.50') as integer fen, without floating point. */
const fenOf = (yuanText: string | number): number => {
  const [int, dec = '00'] = String(yuanText).split('.');
  const sign = int.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(int)) * 100 + Number(dec.padEnd(2, '0').slice(0, 2)));
};

/** Days worked: a half-day absence counts half. */
const worked = (r: MonthTableRow): number => r.days.worked + r.days.halfAbsent / 2;

interface Column {
  key: string;
  label: string;
  num: boolean;
  /** The sort key of a row. */
  value(r: MonthTableRow, team: string): number | string;
  /** The cell; default: the value. */
  cell?(r: MonthTableRow, team: string, month: string): SafeHtml | string | number;
  /** The totals row's cell. */
  total?(rows: MonthTableRow[]): string | number;
}

const payNum = (key: 'valid_calls' | 'a_leads' | 'b_leads' | 'score') => (r: MonthTableRow) => Number(r.pay?.[key] ?? 0);
const payFen = (key: 'collected' | 'fines' | 'total') => (r: MonthTableRow) => (r.pay ? fenOf(r.pay[key]) : 0);
const sumOf = (f: (r: MonthTableRow) => number) => (rows: MonthTableRow[]) => rows.reduce((n, r) => n + f(r), 0);
const sumYuan = (f: (r: MonthTableRow) => number) => (rows: MonthTableRow[]) => yuan(sumOf(f)(rows));

const COLUMNS: Column[] = [
  { key: 'no', label: '工号', num: false, value: (r) => r.no },
  { key: 'name', label: '姓名', num: false, value: (r) => r.name, cell: (r, _t, month) => html`<a href="/admin/employee/${r.employeeId}?month=${month}">${r.name}</a>` },
  { key: 'team', label: '团队', num: false, value: (_r, team) => team },
  { key: 'worked', label: '出勤天数', num: true, value: worked, total: sumOf(worked) },
  { key: 'late', label: '迟到', num: true, value: (r) => r.days.late, total: sumOf((r) => r.days.late) },
  { key: 'absent', label: '旷工', num: true, value: (r) => r.days.absent + r.days.halfAbsent, cell: (r) => (r.days.halfAbsent ? `${r.days.absent} 天 + ${r.days.halfAbsent} 个半天` : r.days.absent), total: sumOf((r) => r.days.absent + r.days.halfAbsent) },
  { key: 'calls', label: '有效电话', num: true, value: payNum('valid_calls'), total: sumOf(payNum('valid_calls')) },
  { key: 'a', label: 'A 类', num: true, value: payNum('a_leads'), total: sumOf(payNum('a_leads')) },
  { key: 'b', label: 'B 类', num: true, value: payNum('b_leads'), total: sumOf(payNum('b_leads')) },
  { key: 'collected', label: '回款（元）', num: true, value: payFen('collected'), cell: (r) => r.pay?.collected ?? '—', total: sumYuan(payFen('collected')) },
  { key: 'score', label: '积分', num: true, value: payNum('score'), cell: (r) => r.pay?.score ?? '—' },
  { key: 'fines', label: '罚款（元）', num: true, value: payFen('fines'), cell: (r) => r.pay?.fines ?? '—', total: sumYuan(payFen('fines')) },
  {
    key: 'total', label: '工资（元）', num: true, value: payFen('total'), total: sumYuan(payFen('total')),
    cell: (r) => (r.pay ? html`${r.pay.total}${r.revision !== null ? html` <small>第 ${r.revision} 版</small>` : ''}` : '未结算'),
  },
];

type Dir = 'asc' | 'desc';

function sortRows(rows: MonthTableRow[], teams: Map<number, string>, key: string, dir: Dir): MonthTableRow[] {
  const col = COLUMNS.find((c) => c.key === key) ?? COLUMNS[0];
  const team = (r: MonthTableRow) => teams.get(r.teamId ?? 0) ?? '';
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [col.value(a, team(a)), col.value(b, team(b))];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return sign * c || (a.no < b.no ? -1 : 1);
  });
}

function link(q: { month: string; team?: number; sort: string; dir: Dir }): string {
  const p = new URLSearchParams({ month: q.month, ...(q.team ? { team: String(q.team) } : {}), sort: q.sort, dir: q.dir });
  return `/admin/month?${p.toString()}`;
}

function header(c: Column, q: { month: string; team?: number; sort: string; dir: Dir }): SafeHtml {
  const active = c.key === q.sort;
  const sort = active ? (q.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const next: Dir = active && q.dir === 'asc' ? 'desc' : 'asc';
  const arrow = active ? (q.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return html`<th scope="col" aria-sort="${sort}" class="${c.num ? 'num' : ''}"><a href="${link({ ...q, sort: c.key, dir: next })}">${c.label}${arrow}</a></th>`;
}

function filterForm(viewer: Viewer, t: MonthTable, q: { month: string; team?: number; sort: string; dir: Dir }): SafeHtml {
  const teamSelect =
    viewer.role === 'admin'
      ? html`<label>团队 <select name="team"><option value="">全部团队</option>${t.teams.map((x) => html`<option value="${x.id}"${x.id === q.team ? ' selected' : ''}>${x.name}</option>`)}</select></label>`
      : html`<span>团队：${t.teams[0]?.name ?? '—'}</span>`;
  return html`<form method="get" action="/admin/month" class="filters">
<label>月份 <input type="month" name="month" value="${q.month}" required></label> ${teamSelect}
<input type="hidden" name="sort" value="${q.sort}"><input type="hidden" name="dir" value="${q.dir}">
<button type="submit">查看</button></form>`;
}

function actions(viewer: Viewer, t: MonthTable): SafeHtml {
  if (viewer.role !== 'admin') return html``;
  const m = monthName(t.month);
  const verb = t.closed ? '重新结算' : '结算';
  const files = t.closed ? '工资表' : '工资草稿';
  return html`<p class="actions">
<button type="button" data-command="结算 ${formatMonthWithYear(t.month)}">${verb} ${m}</button>
<a href="/admin/api/payroll?month=${t.month}&amp;format=xlsx" download>下载${files} xlsx</a>
<a href="/admin/api/payroll?month=${t.month}&amp;format=csv" download>下载${files} CSV</a></p>`;
}

/** Whether anything has happened in the month yet: a judged day, a call, a lead, a collection, a point or a close. */
function hasData(t: MonthTable, start: number): boolean {
  return t.closed || t.rows.some((r) => r.days.worked + r.days.halfAbsent + r.days.absent + r.days.late > 0 || (r.pay !== null && (
    Number(r.pay.valid_calls) + Number(r.pay.a_leads) + Number(r.pay.b_leads) > 0 || fenOf(r.pay.collected) !== 0 || fenOf(r.pay.fines) !== 0 || Number(r.pay.score) !== start)));
}

function flagCell(r: MonthTableRow): SafeHtml {
  return html`${r.flags.map((f) => badge(f, f === '待重新结算' ? 'warn' : 'bad'))}`;
}

function table(t: MonthTable, q: { month: string; team?: number; sort: string; dir: Dir }): SafeHtml {
  const teams = new Map(t.teams.map((x) => [x.id, x.name]));
  const rows = sortRows(t.rows, teams, q.sort, q.dir);
  const body = rows.map((r) => {
    const team = teams.get(r.teamId ?? 0) ?? '';
    return html`<tr data-no="${r.no}">${COLUMNS.map((c) => html`<td data-col="${c.key}" class="${c.num ? 'num' : ''}">${c.cell ? c.cell(r, team, t.month) : c.value(r, team)}</td>`)}<td data-col="flags">${flagCell(r)}</td></tr>`;
  });
  const totals = COLUMNS.map((c, i) => html`<td class="${c.num ? 'num' : ''}">${i === 0 ? `合计 ${rows.length} 人` : c.total ? c.total(rows) : ''}</td>`);
  return html`<div class="table-wrap"><table class="data">
<caption>${formatMonthWithYear(t.month)}${t.closed ? '（已结算：工资为工资条的最新版本）' : '（未结算：工资为到目前为止的草稿）'}</caption>
<thead><tr>${COLUMNS.map((c) => header(c, q))}<th scope="col">标记</th></tr></thead>
<tbody>${body}</tbody><tfoot><tr>${totals}<td></td></tr></tfoot></table></div>`;
}

async function render(deps: Parameters<ConsolePageSpec['render']>[0], viewer: Viewer, req: PageRequest) {
  const month = monthOfQuery(deps, req);
  const team = idOfQuery(req.query.get('team'), '团队');
  if (team !== undefined && viewer.role !== 'admin' && team !== viewer.teamId) throw new ConsoleError(403, '你只能查看自己团队的数据。请去掉团队筛选，或请管理员查看。');
  const sortKey = req.query.get('sort') ?? 'no';
  const sort = COLUMNS.some((c) => c.key === sortKey) ? sortKey : 'no';
  const dir: Dir = req.query.get('dir') === 'desc' ? 'desc' : 'asc';
  const t = await monthTable(deps.ctx, month, { scope: teamScopeOf(viewer), team, viewer: personOf(viewer) });
  if (team !== undefined && !t.teams.some((x) => x.id === team)) throw new ConsoleError(404, '没有这个团队。请在团队列表里重新选择。');
  const q = { month, team, sort, dir };
  const title = `${formatMonthWithYear(month)} 本月概况`;
  const ym = formatMonthWithYear(month);
  let content: SafeHtml;
  if (!t.rows.length) content = emptyState(`${ym}还没有数据：这个月没有在职员工。`, '员工按组织文件的入职、离职日期计入月份；导入组织文件（bot org import）后，这里每人一行。');
  else if (!hasData(t, deps.ctx.policy.score.start)) {
    content = emptyState(
      `${ym}还没有数据。`,
      '员工打卡、交日报、录入客户记录和回款，主管加减分后，这里按人显示出勤、有效电话、A/B 类客户、回款、积分、罚款和工资草稿；每天的考勤在当晚结算后计入。',
    );
  } else content = html`${actions(viewer, t)}${table(t, q)}`;
  return { title, body: html`${filterForm(viewer, t, q)}${content}` };
}

/** 本月: the month table (sortable, filterable by team, with the close and the downloads for admins). */
export const monthPage: ConsolePageSpec = { path: '/admin/month', nav: '本月', render };
