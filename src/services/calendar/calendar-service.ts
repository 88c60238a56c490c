import { ForbiddenError, UserError } from '../../core/errors';
import { appendAudit } from '../../db/stores/audit-store';
import { appendCalendarEntries, calendarEntriesOf, latestConfirmation } from '../../db/stores/calendar-store';
import { slotsRun } from '../../db/stores/job-run-store';
import { employeesByIds, findEmployee } from '../../db/stores/org-store';
import { currentManager, writeTransaction } from '../../db/transaction';
import type { ScheduleDay, YearStatus } from '../../domain/calendar';
import type { CalendarEntryKind } from '../../domain/calendar-entries';
import { addDays, datesBetween, zonedMinute, type WorkDate } from '../../domain/dates';
import type { EmployeeRecord } from '../../domain/employee-record';
import type { ServiceContext } from '../service-context';
import { refreshCalendar } from './calendar-refresh';

/** The examples the 节假日 refusals show. */
export const CALENDAR_EXAMPLES = {
  view: '节假日 2027',
  off: '节假日 2027-02-05 至 2027-02-13 休',
  work: '节假日 2027-02-14 上班',
  confirm: '节假日 2027 确认',
} as const;

/** The audit_log actions of the 节假日 command. */
export const CALENDAR_ACTIONS = { days: 'calendar.days', confirm: 'calendar.confirm' } as const;

/** Who entered something, and when. */
export interface Recorded {
  name: string;
  at: Date;
}

/** A year's calendar as `节假日 2027` shows it. */
export interface CalendarYearView {
  year: number;
  status: YearStatus;
  days: ScheduleDay[];
  /** For a year confirmed in chat: who confirmed it. */
  confirmed?: Recorded;
  /** For each day entered in chat: who entered it. */
  enteredBy: Record<WorkDate, Recorded>;
}

/** What `节假日 … 休|上班|清除` stored. */
export interface EnteredDays {
  from: WorkDate;
  to: WorkDate;
  kind: Exclude<CalendarEntryKind, 'confirm'>;
  name: string | null;
  /** The days in the range whose close-day has already run: their judgement is not redone here. */
  judged: WorkDate[];
}

/** What `节假日 2027 确认` did: confirmed now, or why nothing changed. */
export type ConfirmOutcome = { kind: 'confirmed' } | { kind: 'already'; by?: Recorded; status: YearStatus };

const isAdmin = (actor: EmployeeRecord) => actor.role === 'admin';

function requireAdmin(actor: EmployeeRecord, year: number): void {
  if (!isAdmin(actor)) throw new ForbiddenError(`只有管理员可以录入或确认节假日安排；发送「节假日 ${year}」可以查看。`, 'calendar.forbidden');
}

/** Today's year in the company's zone. */
function currentYear(ctx: ServiceContext, at: Date): number {
  return Number(zonedMinute(at, ctx.policy.timezone).date.slice(0, 4));
}

/** Refuses a year outside last year … next year (docs/commands.md, reading rules). */
export function checkCalendarYear(ctx: ServiceContext, year: number, at: Date, example: string): void {
  const now = currentYear(ctx, at);
  if (year < now - 1 || year > now + 1) {
    throw new UserError(`只能查看或录入去年到明年（${now - 1}–${now + 1} 年）的节假日，${year} 年不在范围内。`, example, 'calendar.year-range');
  }
}

/** The names of the holidays a range touches in the calendar as it stands ('春节'), or null. */
function namesInRange(ctx: ServiceContext, dates: WorkDate[]): string | null {
  const names = new Set<string>();
  for (const d of dates) {
    const day = ctx.calendar.day(d);
    if (day.kind === 'holiday' && day.name) for (const n of day.name.split('、')) names.add(n);
  }
  return names.size ? [...names].join('、') : null;
}

/**
 * Stores `节假日 FROM [至 TO] 休|上班|清除 [名称]` (admins only): one entry per day, an audit row,
 * and the calendar of this replica updated at once (other replicas within the refresh
 * interval, jobs before they run). Dates from last year to next year, at most
 * `calendar.maxRangeDays` days, the end not before the start; nothing is stored on a refusal.
 */
export async function enterCalendarDays(
  ctx: ServiceContext,
  input: { actor: EmployeeRecord; from: WorkDate; to: WorkDate; kind: EnteredDays['kind']; name?: string | null; at: Date },
): Promise<EnteredDays> {
  const { actor, from, to, kind, at } = input;
  const example = kind === 'workday' ? CALENDAR_EXAMPLES.work : CALENDAR_EXAMPLES.off;
  requireAdmin(actor, Number(from.slice(0, 4)));
  checkCalendarYear(ctx, Number(from.slice(0, 4)), at, example);
  checkCalendarYear(ctx, Number(to.slice(0, 4)), at, example);
  if (to < from) throw new UserError(`结束日期 ${to} 早于开始日期 ${from}，请把早的日期写在前面。`, example, 'calendar.reversed');
  const { maxRangeDays, nameMaxChars } = ctx.policy.calendar;
  if (to > addDays(from, maxRangeDays - 1)) {
    throw new UserError(`一次最多录入 ${maxRangeDays} 天（${from} 至 ${to} 超过了），请分段录入。`, example, 'calendar.too-long');
  }
  const given = input.name?.replace(/\s+/g, ' ').trim() || null;
  if (given && kind === 'clear') throw new UserError('「清除」不带名称：它把这些日子还原为数据包、配置文件或法定推算的安排。', `节假日 ${from} 清除`, 'calendar.clear-name');
  if (given && [...given].length > nameMaxChars) {
    throw new UserError(`名称最多 ${nameMaxChars} 个字（现在 ${[...given].length} 个字）。`, example, 'calendar.name-length');
  }
  const dates = datesBetween(from, to);
  return writeTransaction(ctx.ds, async (tx) => {
    await refreshCalendar(ctx, tx);
    const name = kind === 'clear' ? null : given ?? (kind === 'holiday' ? namesInRange(ctx, dates) ?? '休息日' : '调休上班');
    await appendCalendarEntries(tx, dates.map((date) => ({ year: Number(date.slice(0, 4)), date, kind, name, recordedBy: actor.id, recordedAt: at })));
    await appendAudit(tx, {
      actorId: actor.id, actor: null, action: CALENDAR_ACTIONS.days, subjectType: 'calendar', subjectId: from === to ? from : `${from}..${to}`,
      details: { from, to, kind, name, days: dates.length }, at,
    });
    await refreshCalendar(ctx, tx);
    return { from, to, kind, name, judged: (await slotsRun(tx, 'close-day', dates)).sort() };
  });
}

/** Who made the newest `kind` entry of `year` (a confirmation), or undefined. */
async function confirmationOf(ctx: ServiceContext, year: number): Promise<Recorded | undefined> {
  const tx = currentManager(ctx.ds);
  const row = await latestConfirmation(tx, year);
  if (!row) return undefined;
  const by = await findEmployee(tx, row.recordedBy);
  return { name: by?.name ?? `#${row.recordedBy}`, at: row.recordedAt };
}

/**
 * `节假日 2027 确认` (admins only): marks the year official, so it is no longer provisional and
 * the daily warning stops. A year already official (package, file, an earlier 确认) changes
 * nothing; a provisional year with no day entered (chat or file) is refused: confirming the
 * statutory days alone would hide that the State Council's arrangement was never entered.
 */
export async function confirmCalendarYear(ctx: ServiceContext, input: { actor: EmployeeRecord; year: number; at: Date }): Promise<ConfirmOutcome> {
  const { actor, year, at } = input;
  requireAdmin(actor, year);
  checkCalendarYear(ctx, year, at, CALENDAR_EXAMPLES.confirm);
  return writeTransaction(ctx.ds, async (tx) => {
    await refreshCalendar(ctx, tx);
    const status = ctx.calendar.yearStatus(year);
    if (status === 'chat') return { kind: 'already' as const, status, by: await confirmationOf(ctx, year) };
    if (status !== 'provisional') return { kind: 'already' as const, status };
    if (!ctx.calendar.schedule(year).some((d) => d.source === 'chat' || d.source === 'file')) {
      throw new UserError(
        `${year} 年还没有录入任何放假或调休安排，不能确认。请先按国务院公布的安排录入，例如「节假日 ${year}-10-01 至 ${year}-10-07 休」「节假日 ${year}-10-09 上班」，再发送「节假日 ${year} 确认」。`,
        `节假日 ${year}-10-01 至 ${year}-10-07 休`,
        'calendar.confirm-empty',
      );
    }
    await appendCalendarEntries(tx, [{ year, date: null, kind: 'confirm', name: null, recordedBy: actor.id, recordedAt: at }]);
    await appendAudit(tx, {
      actorId: actor.id, actor: null, action: CALENDAR_ACTIONS.confirm, subjectType: 'calendar', subjectId: String(year), details: { year }, at,
    });
    await refreshCalendar(ctx, tx);
    return { kind: 'confirmed' as const };
  });
}

/** `节假日 2027`: the year's holidays and make-up workdays with their sources, and whether the year is official. */
export async function calendarYear(ctx: ServiceContext, input: { year: number; at: Date }): Promise<CalendarYearView> {
  checkCalendarYear(ctx, input.year, input.at, CALENDAR_EXAMPLES.view);
  const tx = currentManager(ctx.ds);
  await refreshCalendar(ctx, tx);
  const { year } = input;
  const days = ctx.calendar.schedule(year);
  const status = ctx.calendar.yearStatus(year);
  const rows = await calendarEntriesOf(tx, year);
  const names = new Map((await employeesByIds(tx, [...new Set(rows.map((r) => r.recordedBy))])).map((e) => [e.id, e.name]));
  const enteredBy: Record<WorkDate, Recorded> = {};
  for (const r of rows) if (r.date) enteredBy[r.date] = { name: names.get(r.recordedBy) ?? `#${r.recordedBy}`, at: r.recordedAt };
  return { year, status, days, enteredBy, ...(status === 'chat' ? { confirmed: await confirmationOf(ctx, year) } : {}) };
}
