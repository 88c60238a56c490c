import { addDays, weekday, zonedMinute, type WorkDate } from '../domain/dates';
import type { CalendarSource, ScheduleDay, YearStatus } from '../domain/calendar';
import type { CalendarYearView, ConfirmOutcome, EnteredDays, Recorded } from '../services/calendar';

const WEEKDAYS = '日一二三四五六';

/** A date as people read it, with its weekday, and its year when it is not `today`'s: '2027年2月5日（周五）'. */
export function dayLabel(date: WorkDate, today: WorkDate): string {
  const year = date.slice(0, 4) === today.slice(0, 4) ? '' : `${Number(date.slice(0, 4))}年`;
  return `${year}${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（周${WEEKDAYS[weekday(date)]}）`;
}

/** A range of dates, both ends with their weekdays: '2027年2月5日（周五）至 2027年2月13日（周六）'. */
export function rangeLabel(from: WorkDate, to: WorkDate, today: WorkDate): string {
  return from === to ? dayLabel(from, today) : `${dayLabel(from, today)}至 ${dayLabel(to, today)}`;
}

const SOURCE_NAMES: Readonly<Record<Exclude<CalendarSource, 'chat'>, string>> = {
  package: '数据包',
  file: '配置文件',
  statutory: '法定推算',
};

/** An instant's date as people read it: '12月5日'. */
function dateOf(at: Date, timeZone: string, today: WorkDate): string {
  const d = zonedMinute(at, timeZone).date;
  return `${d.slice(0, 4) === today.slice(0, 4) ? '' : `${Number(d.slice(0, 4))}年`}${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

function statusLine(view: CalendarYearView, timeZone: string, today: WorkDate): string {
  const y = view.year;
  const by = (r: Recorded | undefined) => (r ? `，${r.name} 于 ${dateOf(r.at, timeZone, today)}确认` : '');
  const status: Readonly<Record<YearStatus, string>> = {
    package: '官方安排（来自节假日数据包）',
    file: '官方安排（来自配置文件的 completeYears）',
    chat: `官方安排（已在聊天中确认${by(view.confirmed)}）`,
    provisional: '临时安排：还没有官方数据，按周末加法定节假日推算，没有调休上班日',
  };
  return `${y} 年节假日：${status[view.status]}。`;
}

/** Consecutive days with the same kind, name and source, as one line each. */
function runs(days: ScheduleDay[], view: CalendarYearView): Array<ScheduleDay & { to: WorkDate; by?: string }> {
  const out: Array<ScheduleDay & { to: WorkDate; by?: string }> = [];
  for (const d of days) {
    const by = d.source === 'chat' ? view.enteredBy[d.date]?.name : undefined;
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d.date && last.kind === d.kind && last.name === d.name && last.source === d.source && last.by === by) last.to = d.date;
    else out.push({ ...d, to: d.date, by });
  }
  return out;
}

/**
 * `节假日 2027` as a text: whether the year is official or provisional, its days off and its
 * make-up workdays with where each comes from; for an admin of a provisional year, how to enter
 * and confirm the official arrangement.
 */
export function calendarYearText(view: CalendarYearView, opts: { today: WorkDate; timeZone: string; admin: boolean }): string {
  const lines = [statusLine(view, opts.timeZone, opts.today)];
  const line = (r: ScheduleDay & { to: WorkDate; by?: string }) =>
    `• ${rangeLabel(r.date, r.to, opts.today)} ${r.name} · ${r.source === 'chat' ? `聊天录入${r.by ? `（${r.by}）` : ''}` : SOURCE_NAMES[r.source]}`;
  const all = runs(view.days, view);
  const off = all.filter((r) => r.kind === 'holiday');
  const on = all.filter((r) => r.kind === 'makeup');
  lines.push('放假：', ...(off.length ? off.map(line) : ['（无）']));
  lines.push('调休上班：', ...(on.length ? on.map(line) : ['（无）']));
  if (view.status === 'provisional' && opts.admin) {
    lines.push(
      `国务院公布安排后请录入：节假日 ${view.year}-10-01 至 ${view.year}-10-07 休；节假日 ${view.year}-10-09 上班。核对无误后发送「节假日 ${view.year} 确认」。`,
    );
  }
  return lines.join('\n');
}

/** The reply to `节假日 … 休|上班|清除`. */
export function enteredText(r: EnteredDays, opts: { today: WorkDate; provisionalYears: number[] }): string {
  const days = Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000) + 1;
  const what = r.kind === 'holiday' ? `放假（${r.name}）` : r.kind === 'workday' ? `上班（${r.name}）` : '已清除聊天录入的安排，还原为数据包、配置文件或法定推算';
  const lines = [`已录入：${rangeLabel(r.from, r.to, opts.today)}${days > 1 ? `，共 ${days} 天` : ''}，${what}。立即生效。`];
  if (r.judged.length) {
    lines.push(
      `注意：其中 ${r.judged.map((d) => dayLabel(d, opts.today)).join('、')} 的考勤已经结算过，不会自动改正；请在服务器上逐日运行 bot job run close-day --date ${r.judged[0]} --force（换成每一天的日期）重新判定。`,
    );
  }
  for (const y of opts.provisionalYears) lines.push(`${y} 年仍是临时安排：全部录入并核对后，发送「节假日 ${y} 确认」。`);
  return lines.join('\n');
}

/** The reply to `节假日 2027 确认`. */
export function confirmText(year: number, outcome: ConfirmOutcome, opts: { today: WorkDate; timeZone: string }): string {
  if (outcome.kind === 'confirmed') return `已确认 ${year} 年的节假日安排为官方安排：考勤按它判定，不再每天提醒。发送「节假日 ${year}」可以查看。`;
  if (outcome.status === 'package') return `${year} 年的节假日已由数据包提供官方安排，无需确认。`;
  if (outcome.status === 'file') return `${year} 年的节假日已在配置文件中标记为完整（completeYears），无需确认。`;
  const by = outcome.by ? `${outcome.by.name} 已于 ${dateOf(outcome.by.at, opts.timeZone, opts.today)}确认` : '已经确认';
  return `${year} 年的节假日安排${by}，无需再次确认。`;
}
