import type { CardButton, NeutralCard } from '../core/neutral-card';
import { formatDate } from '../domain/date-format';
import { formatMinute } from '../domain/dates';
import type { Policy } from '../domain/policy';
import type { DigestDay, DigestEntry, PersonDigest, SummaryItem, TeamDaySummary } from '../services/digest';
import { codeName, fineText, signedPoints } from './texts';

/** Which punch a 补卡 would fix. */
type Which = 'in' | 'out';

const WHICH_NAME: Record<Which, string> = { in: '上班', out: '下班' };
const time = (m: number | null) => (m === null ? '未打卡' : formatMinute(m));

/** The day's expected hours and the punches that count (the first clock-in, the last clock-out). */
function hours(day: DigestDay, p: Policy) {
  return {
    start: day.leave === 'am' ? p.workHours.afternoonStart : p.workHours.start,
    end: day.leave === 'pm' ? p.workHours.morningEnd : p.workHours.end,
    firstIn: day.ins.length ? Math.min(...day.ins) : null,
    lastOut: day.outs.length ? Math.max(...day.outs) : null,
  };
}

const LEAVE_NAME: Record<string, string> = { am: '上午请假', pm: '下午请假' };

/** When punches make a whole day absent (H-11 edges): '13:30 后才上班或 11:30 前就下班算旷工一天'. */
function wholeDayEdges(p: Policy): string {
  const limit = p.attendance.minorLimitMinutes;
  return `${formatMinute(p.workHours.afternoonStart + limit)} 后才上班或 ${formatMinute(p.workHours.morningEnd - limit)} 前就下班算旷工一天`;
}

/** The facts an entry rests on, in the users' words: the punch, the check-in, the deadline. */
export function evidence(e: DigestEntry, day: DigestDay, p: Policy): string {
  const h = hours(day, p);
  const punches = `上班打卡 ${time(h.firstIn)}，下班打卡 ${time(h.lastOut)}`;
  switch (e.code) {
    case 'late':
    case 'late-half':
      return `上班打卡 ${time(h.firstIn)}，应在 ${formatMinute(h.start)} 前`;
    case 'early':
    case 'early-half':
      return `下班打卡 ${time(h.lastOut)}，应在 ${formatMinute(h.end)} 后`;
    case 'missing-in':
      return `没有上班打卡（下班打卡 ${time(h.lastOut)}）`;
    case 'missing-out':
      return `没有下班打卡（上班打卡 ${time(h.firstIn)}）`;
    case 'absent-day':
      return h.firstIn === null && h.lastOut === null ? '全天没有打卡，也没有批准的请假' : `${punches}（${wholeDayEdges(p)}）`;
    case 'absent-half':
    case 'half-capped':
      return `${LEAVE_NAME[day.leave] ?? '半天请假'}，另外半天：${punches}`;
    case 'meeting-late':
      return `例会签到 ${time(day.checkin)}，应在 ${formatMinute(p.meeting.start + p.meeting.graceMinutes)} 前`;
    case 'meeting-absent':
      return day.checkin === null ? '没有例会签到' : `例会签到 ${time(day.checkin)} 不在签到时间内`;
    case 'summary-missing':
      return `本周周报截止 ${formatMinute(p.weeklySummary.deadline)} 前没有收到`;
    default:
      return e.reason ?? '';
  }
}

/** The punches a 补卡 could fix for an entry: missing or late in, missing or early out. */
export function correctable(e: DigestEntry, day: DigestDay, p: Policy): Which[] {
  const h = hours(day, p);
  const badIn = h.firstIn === null || h.firstIn > h.start;
  const badOut = h.lastOut === null || h.lastOut < h.end;
  if (['late', 'late-half', 'missing-in'].includes(e.code)) return ['in'];
  if (['early', 'early-half', 'missing-out'].includes(e.code)) return ['out'];
  if (['absent-day', 'absent-half', 'half-capped'].includes(e.code)) return [...(badIn ? (['in'] as const) : []), ...(badOut ? (['out'] as const) : [])];
  return [];
}

const figures = (points: number, fineFen: number) => `${signedPoints(points)} 分${fineFen ? `，${fineText(fineFen)}` : ''}`;

/** The buttons of the entries: 申诉 on each, 补卡 for each punch that could be fixed (once per punch). */
function entryButtons(d: PersonDigest, p: Policy, today: string): CardButton[] {
  const buttons: CardButton[] = [];
  const fixes = new Set<Which>();
  for (const e of d.added) {
    buttons.push({ label: `申诉 P${e.id}`, actionId: 'appeal.open', value: { id: String(e.id) }, command: `申诉 P${e.id} 原因` });
    for (const w of correctable(e, d.day, p)) fixes.add(w);
  }
  const h = hours(d.day, p);
  for (const w of (['in', 'out'] as const).filter((x) => fixes.has(x))) {
    const at = formatMinute(w === 'in' ? h.start : h.end);
    buttons.push({ label: `补${WHICH_NAME[w]}卡`, actionId: 'correction.open', value: { date: d.date, which: w }, command: `补卡 ${formatDate(d.date, today)} ${WHICH_NAME[w]} ${at} 原因` });
  }
  return buttons;
}

/** The day as recorded: punches, check-in and (agents) the 日报. */
function dayLine(d: PersonDigest, p: Policy): string {
  const h = hours(d.day, p);
  const parts = [`上班 ${time(h.firstIn)}`, `下班 ${time(h.lastOut)}`, `例会签到 ${d.day.checkin === null ? '无' : formatMinute(d.day.checkin)}`];
  if (d.role === 'agent') parts.push(`日报 ${d.day.reportAt === null ? '未交' : formatMinute(d.day.reportAt)}`);
  if (d.day.leave !== 'none') parts.push(LEAVE_NAME[d.day.leave] ?? '全天请假');
  return `当天记录：${parts.join('，')}`;
}

/**
 * A person's day digest (issue 16): the first time, each new entry of the day with its rule,
 * evidence, points and fine; later only what was added or reversed. 申诉 on each new entry,
 * 补卡 for a missing, late or early punch; the text commands do the same where there are no buttons.
 */
export function dayDigestCard(d: PersonDigest, p: Policy, today: string): NeutralCard {
  const date = formatDate(d.date, today);
  const added = d.added.map((e) => ({
    label: `${d.update ? '新增 ' : ''}P${e.id} ${codeName(e.code)}（${e.rule}）`,
    value: `${evidence(e, d.day, p)}；${figures(e.points, e.fineFen)}`,
  }));
  const reversed = d.reversed.map((e) => ({ label: `撤销 P${e.id} ${codeName(e.code)}（${e.rule}）`, value: `重新判定后不再成立：${figures(-e.points, -e.fineFen)}` }));
  const points = d.added.reduce((s, e) => s + e.points, 0) - d.reversed.reduce((s, e) => s + e.points, 0);
  const fine = d.added.reduce((s, e) => s + e.fineFen, 0) - d.reversed.reduce((s, e) => s + e.fineFen, 0);
  const help = d.added.length ? '\n对记录有异议请点「申诉」（或发送 申诉 P编号 原因）；漏打、打错卡请点「补卡」。' : '';
  return {
    title: d.update ? `${date} 考勤记录有变化` : `${date} 考勤记录`,
    tone: d.update && !d.added.length ? 'info' : 'warning',
    fields: [...added, ...reversed],
    text: `${d.name}，${d.update ? `${date}的记录重新判定后有变化` : `${date}有 ${d.added.length} 条记录`}，合计 ${figures(points, fine)}。\n${dayLine(d, p)}${help}`,
    buttons: entryButtons(d, p, today),
  };
}

const list = (items: SummaryItem[], show: (i: SummaryItem) => string) => items.map(show).join('、');

/**
 * A team's day summary for its supervisor (or the admins): absent, late and early with
 * minutes, missing punches, no 日报, the meeting, other entries, and the requests pending now;
 * a day without any of these says so in one line.
 */
export function daySummaryCard(s: TeamDaySummary, today: string): NeutralCard {
  const date = formatDate(s.date, today);
  const minutes = (i: SummaryItem) => `${i.name} ${i.minutes ?? 0} 分钟${i.code.endsWith('-half') ? '（按半天旷工）' : ''}`;
  const fields = [
    { label: '旷工', value: list(s.absent, (i) => `${i.name}（${codeName(i.code)}）`) },
    { label: '迟到', value: list(s.late, minutes) },
    { label: '早退', value: list(s.early, minutes) },
    { label: '缺卡', value: list(s.missingPunch, (i) => `${i.name}（${codeName(i.code)}）`) },
    { label: '未交日报', value: s.noReport.join('、') },
    { label: '例会', value: list(s.meeting, (i) => `${i.name} ${i.code === 'meeting-late' ? '迟到' : '缺席'}`) },
    { label: '其他', value: list(s.other, (i) => `${i.name}（${codeName(i.code)}）`) },
  ].filter((f) => f.value);
  const pending = s.pending.length ? `待审批：${s.pending.map((k) => `${k.label} ${k.count} 件`).join('，')}（发送「审批」查看）` : '待审批：无';
  const clean = fields.length === 0 ? `${date}全组 ${s.judged} 人考勤正常：没有旷工、迟到、早退、缺卡、未交日报或例会缺席。\n` : '';
  return {
    title: `${s.teamName} ${date} 考勤汇总`,
    tone: fields.length ? 'warning' : 'success',
    fields,
    text: `${clean}${pending}${s.viaAdmins ? '\n（该组没有主管，汇总发给管理员。）' : ''}`,
  };
}
