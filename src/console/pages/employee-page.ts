import { formatDateWithWeekday, formatMonthWithYear, formatZonedDateTime } from '../../domain/date-format';
import { weekday } from '../../domain/dates';
import { codeName } from '../../domain/ledger-codes';
import { employeeById } from '../../services/people';
import { employeeMonth, type EmployeeDay, type EmployeeMonth, type LedgerLine } from '../../services/console';
import { describeSpan, kindName, STATUS_NAME } from '../../services/leave';
import { ConsoleError, type ConsoleDeps, type ConsolePageSpec, type PageRequest, type Viewer } from '../console-page';
import { html, type SafeHtml } from '../html';
import { badge, idOfQuery, mayView, monthOfQuery, todayOf, yuan } from './page-kit';

/** The 员工 page (docs/console.md, "Pages"): one employee's month as a calendar, the ledger and the pay slip. */

/** A day's judgement as a CSS class and the words shown with it (never the colour alone). */
export function dayJudgement(d: EmployeeDay, today: string): { css: string; label: string } {
  const v = d.verdict;
  const leave = d.leave.find((l) => l.status === 'approved');
  if (v) {
    if (v.status === 'leave') return { css: 'leave', label: leave ? kindName(leave.kind) : '请假' };
    if (v.status === 'absent-day') return { css: 'absent', label: '旷工' };
    if (v.status === 'absent-half') return { css: 'half', label: leave ? `半天${kindName(leave.kind)}，半天旷工` : '半天旷工' };
    const parts: string[] = [];
    if (v.lateMinutes > 0) parts.push(`迟到 ${v.lateMinutes} 分钟`);
    if (v.earlyMinutes > 0) parts.push(`早退 ${v.earlyMinutes} 分钟`);
    if (leave) parts.push(`半天${kindName(leave.kind)}`);
    if (v.status === 'incidents' && !parts.length) parts.push(d.codes.length ? d.codes.map(codeName).join('，') : '有违规记录');
    return parts.length ? { css: v.lateMinutes > 0 || v.earlyMinutes > 0 || v.status === 'incidents' ? 'late' : 'leave', label: parts.join('，') } : { css: 'ontime', label: '准时' };
  }
  const c = d.calendar;
  if (c.kind === 'holiday') return { css: 'off', label: `节假日${c.name ? `（${c.name}）` : ''}` };
  if (c.kind === 'weekend') return { css: 'off', label: '休息日' };
  if (d.date > today) return { css: 'none', label: c.kind === 'makeup' ? '调休上班（尚未到来）' : '尚未到来' };
  if (leave) return { css: 'leave', label: kindName(leave.kind) };
  return { css: 'none', label: d.date === today ? '今天（晚上结算）' : '没有考勤数据' };
}

function dayDetails(d: EmployeeDay, today: string): SafeHtml {
  const j = dayJudgement(d, today);
  const day = Number(d.date.slice(8, 10));
  const punches = d.punches.length
    ? html`<ul>${d.punches.map((p) => html`<li>${p.kind === 'in' ? '上班' : '下班'} ${p.time}${p.correctionId ? `（补卡 B${p.correctionId}）` : ''}</li>`)}</ul>`
    : html`<p>没有打卡</p>`;
  const report = d.report ? html`<p>日报：${d.report.calls} 个电话${d.report.note ? html`，${d.report.note}` : ''}</p>` : html``;
  const records = d.records.length
    ? html`<p>客户记录 ${d.records.length} 条：</p><ul>${d.records.map((r) => html`<li>${r.company} · ${r.contact} · ${r.titlePhone} · ${r.grade} 类${r.complete ? '' : '（不完整）'}${r.qualified ? '（已确认）' : ''}</li>`)}</ul>`
    : html``;
  const leave = d.leave.map((l) => html`<p>L${l.id} ${kindName(l.kind)} ${describeSpan(l, today)}（${STATUS_NAME[l.status] ?? l.status}）：${l.reason}</p>`);
  const makeup = d.calendar.kind === 'makeup' ? html`<p>调休上班日${d.calendar.name ? `（${d.calendar.name}）` : ''}</p>` : html``;
  return html`<details class="day-${j.css}"><summary><strong>${day}</strong> ${j.label}<span class="sr-only">（${formatDateWithWeekday(d.date, today)}）</span></summary>${makeup}${punches}${report}${records}${leave}</details>`;
}

function calendarGrid(m: EmployeeMonth, today: string): SafeHtml {
  const lead = (weekday(m.days[0].date) + 6) % 7;
  const heads = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((w) => html`<div class="dow" aria-hidden="true">${w}</div>`);
  const blanks = Array.from({ length: lead }, () => html`<div></div>`);
  return html`<section aria-labelledby="cal-h"><h2 id="cal-h">考勤日历</h2>
<p>点开每一天可以看当天的打卡、日报、客户记录和请假。</p>
<div class="cal">${heads}${blanks}${m.days.map((d) => dayDetails(d, today))}</div></section>`;
}

function ledgerRow(l: LedgerLine, deps: ConsoleDeps, today: string): SafeHtml {
  const e = l.entry;
  const tz = deps.ctx.policy.timezone;
  const notes: Array<SafeHtml | string> = [];
  if (e.reversesId !== null) notes.push(`撤销 P${e.reversesId}`);
  if (l.reversedBy !== null) notes.push(`已被 P${l.reversedBy} 撤销`);
  const appeals = l.appeals.map((a) => html`<div>申诉 S${a.id}：${STATUS_NAME[a.status] ?? a.status}（${a.reason}${a.decisionNote ? html`；处理意见：${a.decisionNote}` : ''}）</div>`);
  return html`<tr><td>P${e.id}</td><td>${e.workDate}</td><td>${e.rule} ${codeName(e.code)}</td><td>${e.reason ?? ''}</td>
<td class="num">${e.points > 0 ? `+${e.points}` : e.points}</td><td class="num">${yuan(e.fineFen)}</td>
<td>${l.by ?? '系统（自动判定）'}<br><small>${formatZonedDateTime(e.createdAt, tz, today)}</small></td><td>${notes.join('；')}${appeals}</td></tr>`;
}

function ledger(m: EmployeeMonth, deps: ConsoleDeps, today: string): SafeHtml {
  const body = m.ledger.length
    ? html`<div class="table-wrap"><table class="data"><thead><tr><th scope="col">编号</th><th scope="col">日期</th><th scope="col">规则</th><th scope="col">依据</th><th scope="col" class="num">积分</th><th scope="col" class="num">罚款（元）</th><th scope="col">记录人</th><th scope="col">撤销 / 申诉</th></tr></thead>
<tbody>${m.ledger.map((l) => ledgerRow(l, deps, today))}</tbody></table></div>`
    : html`<p>这个月还没有积分记录。</p>`;
  return html`<section aria-labelledby="ledger-h"><h2 id="ledger-h">积分明细</h2>${body}</section>`;
}

function payslip(m: EmployeeMonth, deps: ConsoleDeps, today: string): SafeHtml {
  const p = m.payslip;
  if (!p) return html`<section aria-labelledby="pay-h"><h2 id="pay-h">工资条</h2><p>这个月不在职，没有工资条。</p></section>`;
  const tz = deps.ctx.policy.timezone;
  const state = p.state === 'closed' ? `已结算，第 ${p.revision} 版` : p.monthClosed ? '本月已结算，但没有这个人的工资条（草稿）' : '未结算：到目前为止的草稿，数字还会变';
  const lines = p.items.map((i) => html`<tr><td>${i.label}</td><td class="num">${yuan(i.fen)}</td><td>${i.detail ?? ''}</td></tr>`);
  const pending = p.pending.length ? html`<p>${badge('待重新结算', 'warn')} ${p.pending.map((x) => `${x.date} ${x.what}`).join('；')}</p>` : html``;
  const revisions = m.revisions.length
    ? html`<h3>各版本</h3><ul>${m.revisions.map((r) => html`<li>第 ${r.revision} 版：合计 ${yuan(r.totalFen)} 元，${formatZonedDateTime(r.createdAt, tz, today)} 生成</li>`)}</ul>`
    : html``;
  return html`<section aria-labelledby="pay-h"><h2 id="pay-h">工资条</h2><p>${state}</p>${pending}
<div class="table-wrap"><table class="data"><tbody>${lines}</tbody><tfoot><tr><th scope="row">合计</th><td class="num"><strong>${yuan(p.figures.totalFen)}</strong></td><td>元</td></tr></tfoot></table></div>${revisions}</section>`;
}

async function render(deps: ConsoleDeps, viewer: Viewer, req: PageRequest) {
  const id = idOfQuery(req.params.id, '员工');
  const month = monthOfQuery(deps, req);
  const employee = id === undefined ? null : await employeeById(deps.ctx, id);
  if (!employee) throw new ConsoleError(404, '没有这个员工。请从「本月」页面的名单进入。');
  if (!mayView(viewer, employee)) throw new ConsoleError(403, '你只能查看自己和本团队电话销售员、业务员的记录。请从「本月」页面选择。');
  const today = todayOf(deps);
  const m = await employeeMonth(deps.ctx, employee, month);
  const title = `${employee.name}（${employee.no}）${formatMonthWithYear(month)}`;
  const nav = html`<form method="get" action="/admin/employee/${employee.id}" class="filters"><label>月份 <input type="month" name="month" value="${month}" required></label> <button type="submit">查看</button>
<a href="/admin/month?month=${month}">返回本月</a></form>`;
  return { title, body: html`${nav}<p>团队：${m.team ?? '无'}</p>${calendarGrid(m, today)}${ledger(m, deps, today)}${payslip(m, deps, today)}` };
}

/** 员工: one employee's month (reached from 本月; no navigation entry). */
export const employeePage: ConsolePageSpec = { path: '/admin/employee/:id', render };
