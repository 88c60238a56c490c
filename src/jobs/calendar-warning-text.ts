import type { ScheduleDay, WorkCalendar } from '../domain/calendar';
import { addDays } from '../domain/dates';

/** '1月1日' of a date. */
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The year's days off as people read them, one run of a name each: '元旦 1月1日；春节 2月5日至2月8日 …'. */
function daysOffText(days: ScheduleDay[]): string {
  const runs: Array<{ name: string; from: string; to: string }> = [];
  for (const d of days.filter((x) => x.kind === 'holiday')) {
    const last = runs[runs.length - 1];
    if (last && last.name === d.name && addDays(last.to, 1) === d.date) last.to = d.date;
    else runs.push({ name: d.name, from: d.date, to: d.date });
  }
  return runs.map((r) => `${r.name} ${md(r.from)}${r.to === r.from ? '' : `至${md(r.to)}`}`).join('；');
}

/**
 * The warning for admins while `year` is provisional; undefined once it is official (package,
 * file, or `节假日 YYYY 确认`). Says what the provisional calendar holds and how to enter the
 * State Council's arrangement.
 */
export function provisionalWarning(calendar: WorkCalendar, year: number, overridesFile: string): string | undefined {
  if (!calendar.isProvisionalYear(year)) return undefined;
  const schedule = calendar.schedule(year);
  const off = daysOffText(schedule);
  const makeup = schedule.filter((d) => d.kind === 'makeup').length;
  return [
    `${year} 年的节假日安排还没有确认：目前按临时日历判定考勤，周末、法定节假日和已录入的日子放假${off ? `（${off}）` : ''}，${makeup ? `已录入调休上班 ${makeup} 天` : '没有调休上班日'}。`,
    `国务院公布 ${year} 年的放假安排后，请逐段录入，例如「节假日 ${year}-10-01 至 ${year}-10-07 休」「节假日 ${year}-10-09 上班」，核对无误后发送「节假日 ${year} 确认」；发送「节假日 ${year}」查看全年安排。`,
    `（也可以写入 ${overridesFile} 的 holidays / workdays，并把 ${year} 加入 completeYears。）`,
  ].join('\n');
}
