import { mayView as mayViewPerson, type Person } from '../../domain/authority';
import { formatMonthWithYear } from '../../domain/date-format';
import { zonedMinute } from '../../domain/dates';
import { formatYuan } from '../../domain/money';
import type { ConsoleDeps, PageRequest, Viewer } from '../console-page';
import { ConsoleError } from '../console-page';
import { html, type SafeHtml } from '../html';

/** What the data pages share: today, the month of a query and its bounds, small pieces of markup. */

/** Today in the company's zone. */
export const todayOf = (deps: ConsoleDeps): string => zonedMinute(deps.now(), deps.ctx.policy.timezone).date;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months from 'YYYY-MM' a to b (b − a). */
function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** 'YYYY-MM' shifted by `n` months. */
export function shiftMonth(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * The `month` of the query (default: this month), refused with 400 when malformed or outside
 * the policy's window (consoleMonths.back before this month … consoleMonths.ahead after it).
 */
export function monthOfQuery(deps: ConsoleDeps, req: PageRequest): string {
  const current = todayOf(deps).slice(0, 7);
  const month = req.query.get('month')?.trim() || current;
  if (!MONTH.test(month)) throw new ConsoleError(400, `看不懂月份“${month}”：请写成 2026-11 这样的年-月，或用页面上的月份选择。`);
  const { back, ahead } = deps.ctx.policy.consoleMonths;
  const offset = monthsBetween(current, month);
  if (offset < -back || offset > ahead) {
    throw new ConsoleError(400, `${formatMonthWithYear(month)}不在可查看的范围内：只能查看 ${formatMonthWithYear(shiftMonth(current, -back))} 至 ${formatMonthWithYear(shiftMonth(current, ahead))}。请换一个月份。`);
  }
  return month;
}

/** The integer query parameter `name`, or undefined when absent; 400 when not a positive integer. */
export function idOfQuery(value: string | undefined | null, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new ConsoleError(400, `${what}“${value}”不是有效的编号。请从页面上的链接或选择进入。`);
  return Number(value);
}

/** The viewer as the domain's authority rules see a person. */
export const personOf = (viewer: Viewer): Person => ({ id: viewer.employeeId, role: viewer.role, teamId: viewer.teamId });

/**
 * Whether `viewer` may see `employee`'s records: the chat's rule (src/domain/authority.ts):
 * themselves, and an admin anyone, a supervisor their own team's agents and salespeople (not a
 * co-supervisor or an admin of the same team).
 */
export const mayView = (viewer: Viewer, employee: Person): boolean => mayViewPerson(personOf(viewer), employee);

/** Yuan text of a fen amount with two decimals, a minus for negatives ('-12.50'). */
export const yuan = (fen: number): string => formatYuan(fen);

/** '11月' of a month. */
export const monthName = (month: string): string => `${Number(month.slice(5, 7))}月`;

/** An empty state: a heading line and what fills the page. */
export function emptyState(title: string, detail: string): SafeHtml {
  return html`<div class="empty" role="status"><p><strong>${title}</strong></p><p>${detail}</p></div>`;
}

/** A small label with text (never colour alone): kind is a CSS class suffix. */
export const badge = (text: string, kind = 'info'): SafeHtml => html`<span class="badge badge-${kind}">${text}</span>`;

