import { UserError } from '../../core/errors';
import type { CalendarSource, ScheduleDay, YearStatus } from '../../domain/calendar';
import { formatDateRange, formatZonedDateTime } from '../../domain/date-format';
import { addDays, datesBetween, weekday } from '../../domain/dates';
import { calendarYear, type CalendarYearView } from '../../services/calendar';
import { ConsoleError, type ConsoleDeps, type ConsolePageSpec, type PageRequest, type Viewer } from '../console-page';
import { html, type SafeHtml } from '../html';
import { badge, todayOf } from './page-kit';

/** The 日历 page (docs/console.md, "Pages"): a year's workdays, days off and make-up days with their sources, as `节假日 2027` shows them. */

const SOURCES: Record<Exclude<CalendarSource, 'chat'>, string> = { package: '节假日数据包（chinese-days）', file: '配置文件（holidays.yaml）', statutory: '法定推算（临时）' };
const KINDS = { workday: ['班', 'ontime', '工作日'], weekend: ['休', 'off', '周末'], holiday: ['假', 'leave', '节假日'], makeup: ['调', 'makeup', '调休上班'] } as const;

function statusText(view: CalendarYearView, deps: ConsoleDeps, today: string): SafeHtml {
  const by = view.confirmed ? `，${view.confirmed.name} 于 ${formatZonedDateTime(view.confirmed.at, deps.ctx.policy.timezone, today)}确认` : '';
  const texts: Record<YearStatus, [string, string]> = {
    package: ['官方安排', '来自节假日数据包 chinese-days'],
    file: ['官方安排', '来自配置文件 holidays.yaml 的 completeYears'],
    chat: ['官方安排', `已在聊天中确认${by}`],
    provisional: ['临时安排', '还没有官方数据：按周末加法定节假日推算，没有调休上班日'],
  };
  const [word, detail] = texts[view.status];
  return html`<p>${view.year} 年：${badge(word, view.status === 'provisional' ? 'warn' : 'ok')} ${detail}。</p>`;
}

function sourceText(d: ScheduleDay, view: CalendarYearView, deps: ConsoleDeps, today: string): string {
  if (d.source !== 'chat') return SOURCES[d.source];
  const r = view.enteredBy[d.date];
  return r ? `聊天录入（${r.name}，${formatZonedDateTime(r.at, deps.ctx.policy.timezone, today)}）` : '聊天录入';
}

/** Consecutive days of one kind, name and source, as one line each. */
function runs(view: CalendarYearView, deps: ConsoleDeps, today: string): Array<{ from: string; to: string; kind: string; name?: string; source: string }> {
  const out: Array<{ from: string; to: string; kind: string; name?: string; source: string }> = [];
  for (const d of view.days) {
    const source = sourceText(d, view, deps, today);
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d.date && last.kind === d.kind && last.name === d.name && last.source === source) last.to = d.date;
    else out.push({ from: d.date, to: d.date, kind: d.kind, name: d.name, source });
  }
  return out;
}

function monthGrid(deps: ConsoleDeps, year: number, m: number, sources: Map<string, string>): SafeHtml {
  const mm = String(m).padStart(2, '0');
  const days = datesBetween(`${year}-${mm}-01`, addDays(`${m === 12 ? year + 1 : year}-${String((m % 12) + 1).padStart(2, '0')}-01`, -1));
  const lead = (weekday(days[0]) + 6) % 7;
  const cells = days.map((d) => {
    const day = deps.ctx.calendar.day(d);
    const [short, css, long] = KINDS[day.kind];
    const why = [long, day.name, sources.get(d)].filter(Boolean).join('，');
    return html`<div class="day-${css}" title="${why}"><span>${Number(d.slice(8))}</span> <small>${short}</small><span class="sr-only">${why}</span></div>`;
  });
  return html`<section><h3>${m}月</h3><div class="cal">${['一', '二', '三', '四', '五', '六', '日'].map((w) => html`<div class="dow" aria-hidden="true">${w}</div>`)}${Array.from({ length: lead }, () => html`<div></div>`)}${cells}</div></section>`;
}

function adminForm(view: CalendarYearView): SafeHtml {
  const y = view.year;
  return html`<section aria-labelledby="cal-edit"><h2 id="cal-edit">修改安排（管理员）</h2>
<p>和聊天里的「节假日」命令一样：录入后立即生效，并记入审计日志；聊天录入的安排优先于数据包和配置文件。</p>
<form data-command-prefix="节假日" data-empty="请先写明日期和安排，例如 ${y}-02-14 上班。"><label>节假日 <input type="text" name="text" required size="40" autocomplete="off" placeholder="${y}-02-05 至 ${y}-02-13 休 春节"></label> <button type="submit">录入</button></form>
<p><small>写法：<code>${y}-02-05 至 ${y}-02-13 休 春节</code>（放假）、<code>${y}-02-14 上班</code>（调休上班）、<code>${y}-02-14 清除</code>（还原为数据包或配置文件）。</small></p>
${view.status === 'provisional' ? html`<p><button type="button" data-command="节假日 ${y} 确认">确认 ${y} 年安排</button> 全部录入并核对后确认，每天的提醒随之停止。</p>` : html``}
</section>`;
}

async function render(deps: ConsoleDeps, viewer: Viewer, req: PageRequest) {
  const today = todayOf(deps);
  const text = req.query.get('year')?.trim() || today.slice(0, 4);
  if (!/^\d{4}$/.test(text)) throw new ConsoleError(400, `看不懂年份“${text}”：请写四位数字，例如 ${today.slice(0, 4)}。`);
  const year = Number(text);
  let view: CalendarYearView;
  try {
    view = await calendarYear(deps.ctx, { year, at: deps.now() });
  } catch (e) {
    if (e instanceof UserError) throw new ConsoleError(400, e.message);
    throw e;
  }
  const sources = new Map(view.days.map((d) => [d.date, sourceText(d, view, deps, today)]));
  const list = runs(view, deps, today);
  const line = (r: (typeof list)[number]) => html`<li>${formatDateRange(r.from, r.to, today)} ${r.name ?? ''} · ${r.source}</li>`;
  const off = list.filter((r) => r.kind === 'holiday');
  const on = list.filter((r) => r.kind === 'makeup');
  const picker = html`<form method="get" action="/admin/calendar" class="filters"><label>年份 <input type="number" name="year" value="${year}" min="${Number(today.slice(0, 4)) - 1}" max="${Number(today.slice(0, 4)) + 1}" required></label> <button type="submit">查看</button></form>`;
  const legend = html`<p>图例：<span class="day-ontime">班 工作日</span> <span class="day-off">休 周末</span> <span class="day-leave">假 节假日</span> <span class="day-makeup">调 调休上班</span></p>`;
  const months = html`<div class="year">${Array.from({ length: 12 }, (_x, i) => monthGrid(deps, year, i + 1, sources))}</div>`;
  const body = html`${picker}${statusText(view, deps, today)}
<section aria-labelledby="cal-list"><h2 id="cal-list">放假和调休</h2><h3>放假</h3><ul>${off.length ? off.map(line) : html`<li>（无）</li>`}</ul>
<h3>调休上班</h3><ul>${on.length ? on.map(line) : html`<li>（无）</li>`}</ul></section>
${viewer.role === 'admin' ? adminForm(view) : html``}
<section aria-labelledby="cal-year"><h2 id="cal-year">全年</h2>${legend}${months}</section>`;
  return { title: `${year} 年工作日历`, body };
}

/** 日历: the year's calendar with its sources; admins edit it as with `节假日`. */
export const calendarPage: ConsolePageSpec = { path: '/admin/calendar', nav: '日历', render };
