import { addDays, isWorkDate, zonedInstant } from '../../domain/dates';
import { auditLogPage, type AuditQuery } from '../../services/console';
import { ConsoleError, type ConsolePageSpec, type PageRequest } from '../console-page';
import { html, type SafeHtml } from '../html';
import { formatInstant } from './page-format';

/** Rows per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** The last page one may ask for (deep offsets are slow and nobody reads them: narrow the filters). */
export const AUDIT_MAX_PAGE = 200;

/** The filters of the query string, checked: person (工号), action, from and to (dates, inclusive), page. */
function filtersOf(req: PageRequest, timeZone: string): { query: AuditQuery; page: number; form: Record<string, string> } {
  const form = Object.fromEntries(['person', 'action', 'from', 'to'].map((k) => [k, (req.query.get(k) ?? '').trim()]));
  for (const k of ['from', 'to']) if (form[k] && !isWorkDate(form[k])) throw new ConsoleError(400, '日期格式应为 YYYY-MM-DD，例如 2026-12-03。');
  const page = Number(req.query.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > AUDIT_MAX_PAGE) throw new ConsoleError(400, `页码应在 1 到 ${AUDIT_MAX_PAGE} 之间；更早的记录请缩小日期范围。`);
  const query: AuditQuery = {
    ...(form.person ? { actorNo: form.person.slice(0, 32) } : {}),
    ...(form.action ? { action: form.action.slice(0, 64) } : {}),
    ...(form.from ? { from: zonedInstant(form.from, 0, timeZone) } : {}),
    ...(form.to ? { until: zonedInstant(addDays(form.to, 1), 0, timeZone) } : {}),
  };
  return { query, page, form };
}

/** An instant as JSON writes it (what the details of sign-ins and links hold). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The details of a row, short and readable: `key: value` pairs (an instant in the company's
 * time, nested values as JSON), cut at 300 characters.
 */
function detailsText(details: unknown, timeZone: string): string {
  if (details === null || details === undefined) return '';
  const value = (v: unknown): string => (typeof v === 'string' ? (ISO_INSTANT.test(v) ? formatInstant(new Date(v), timeZone) : v) : JSON.stringify(v));
  const text = typeof details === 'object' && !Array.isArray(details)
    ? Object.entries(details as Record<string, unknown>).map(([k, v]) => `${k}: ${value(v)}`).join('；')
    : value(details);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function pageLink(form: Record<string, string>, page: number, label: string, rel: string): SafeHtml {
  const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(form).filter(([, v]) => v)), page: String(page) });
  return html`<a class="btn" rel="${rel}" href="/admin/audit?${q.toString()}">${label}</a>`;
}

/** 审计 (/admin/audit, admins): the audit log, newest first, filtered by person, action and dates, 50 a page. */
export const auditPage: ConsolePageSpec = {
  path: '/admin/audit',
  nav: '审计',
  adminOnly: true,
  async render(deps, _viewer, req) {
    const tz = deps.ctx.policy.timezone;
    const { query, page, form } = filtersOf(req, tz);
    const result = await auditLogPage(deps.ctx, query, (page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
    const options = result.actions.map((a) => html`<option value="${a}"${a === form.action ? html` selected` : ''}>${a}</option>`);
    const filters = html`<form class="filters" method="get" action="/admin/audit" role="search">
<label>工号<input name="person" value="${form.person}" inputmode="text" autocomplete="off" placeholder="如 E001"></label>
<label>动作<select name="action"><option value="">全部</option>${options}</select></label>
<label>从<input type="date" name="from" value="${form.from}"></label>
<label>到<input type="date" name="to" value="${form.to}"></label>
<button type="submit" class="primary">筛选</button> <a class="btn" href="/admin/audit">清除</a></form>`;
    const rows = result.rows.map(
      (r) => html`<tr><td>${formatInstant(r.at, tz)}</td><td>${r.actor}</td><td><code>${r.action}</code></td><td>${r.subject}</td><td class="wrap muted">${detailsText(r.details, tz)}</td></tr>`,
    );
    const empty = result.unknownActor ? `没有工号为「${form.person}」的员工。` : page > 1 ? '这一页没有记录了。' : '没有符合条件的审计记录。';
    const table = rows.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">动作</th><th scope="col">对象</th><th scope="col">详情</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : html`<p class="empty">${empty}</p>`;
    const pager = html`<nav class="pager" aria-label="翻页">${page > 1 ? pageLink(form, page - 1, '上一页', 'prev') : ''}<span class="muted">第 ${page} 页</span>${result.more && page < AUDIT_MAX_PAGE ? pageLink(form, page + 1, '下一页', 'next') : ''}</nav>`;
    return { title: '审计', body: html`${filters}${table}${pager}` };
  },
};
