import type { NeutralCard } from '../core/neutral-card';
import { formatMinute } from '../domain/dates';
import type { EmployeeRecord } from '../domain/employee-record';
import type { Policy } from '../domain/policy';
import { kindName } from '../services/leave';
import type { MonthStatement, StatementLine } from '../services/ledger';
import type { RankingRow, WeeklyRanking } from '../services/ranking';
import type { TeamDay, TeamDayMember } from '../services/team';
import { codeName, fineText, mmdd, signedPoints, yuan } from './texts';

/** '2025年' when `dateOrMonth` is of another year than `today`, else ''. */
export function otherYear(dateOrMonth: string, today: string | undefined): string {
  return today && dateOrMonth.slice(0, 4) !== today.slice(0, 4) ? `${dateOrMonth.slice(0, 4)}年` : '';
}

/** '12月' of 'YYYY-MM'. */
export function monthName(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}

/**
 * What a ledger entry is called: a misconduct by its reason (值日, or 值日：没倒垃圾), a free
 * deduction or award with its reason (扣分：态度问题), an automatic entry by its code (迟到).
 */
export function entryName(code: string, reason: string | null): string {
  if (code.startsWith('misconduct:')) return reason || codeName(code);
  if ((code === 'deduct' || code === 'award') && reason) return `${codeName(code)}：${reason}`;
  return codeName(code);
}

/** '（H-15）' for a handbook rule; '' for a free deduction or award. */
export function ruleText(rule: string): string {
  return rule.startsWith('H-') ? `（${rule}）` : '';
}

/** Points and fine: '−5 分，罚款 5 元', '+2 分'. */
export function pointsAndFine(points: number, fineFen: number): string {
  const fine = fineText(fineFen);
  return `${signedPoints(points)} 分${fine ? `，${fine}` : ''}`;
}

/** One statement line: P-id, date, what, rule, points, fine, who, and the reversal markers. */
export function statementLineText(l: StatementLine): string {
  const when = mmdd(l.workDate);
  if (l.reversesId !== null) {
    return `P${l.id} ${when} 撤销 P${l.reversesId} ${codeName(l.code)}${ruleText(l.rule)} ${pointsAndFine(l.points, l.fineFen)} · ${l.by}${l.reason ? `：${l.reason}` : ''}`;
  }
  const reversed = l.reversedBy !== null ? `【已撤销，见 P${l.reversedBy}】` : '';
  return `P${l.id} ${when} ${entryName(l.code, l.reason)}${ruleText(l.rule)} ${pointsAndFine(l.points, l.fineFen)} · ${l.by}${reversed}`;
}

/** The month's score (H-10) with every entry behind it; a month of another year than `today`'s shows its year. */
export function scoreCard(s: MonthStatement, who: Pick<EmployeeRecord, 'name' | 'no'>, policy: Policy, today?: string): NeutralCard {
  const tone = s.score > policy.score.bonusAbove ? 'success' : s.score < policy.score.penaltyBelow ? 'danger' : 'info';
  return {
    title: `${who.name} ${otherYear(s.month, today)}${monthName(s.month)}积分：${s.score}`,
    tone,
    fields: [
      { label: '起始', value: `${s.start} 分` },
      { label: '增减', value: `${signedPoints(s.pointsTotal)} 分` },
      { label: '罚款', value: s.finesFen === 0 ? '无' : `${yuan(s.finesFen)} 元` },
      { label: '记录', value: `${s.lines.length} 条` },
    ],
    text: s.lines.length ? s.lines.map(statementLineText).join('\n') : '该月还没有积分记录。',
    footer: `月底高于 ${policy.score.bonusAbove} 分奖 ${yuan(policy.score.bonusFen)} 元，低于 ${policy.score.penaltyBelow} 分扣 ${yuan(policy.score.penaltyFen)} 元（H-10）。`,
  };
}

/** '↑2', '↓1', '持平', '新上榜'. */
export function rankChange(change: number | null): string {
  if (change === null) return '新上榜';
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '持平';
}

function rankingLine(r: RankingRow, company: boolean): { label: string; value: string } {
  return {
    label: `${r.rank}. ${r.name}（${r.no}${company && r.teamName ? `，${r.teamName}` : ''}）`,
    value: `有效电话 ${r.validCalls} · A/B ${r.leads}（A${r.leadsA} B${r.leadsB}）· 积分 ${signedPoints(r.points)} · ${rankChange(r.change)}`,
  };
}

/**
 * The weekly ranking (H-6); `viewerId` adds a line with the viewer's own place, named by
 * `viewerName` when the card goes to a group (where "你" would be everyone); a week of another
 * year than `today`'s shows its year.
 */
export function rankingCard(r: WeeklyRanking, opts: { viewerId?: number; viewerName?: string; today?: string } = {}): NeutralCard {
  const company = r.scope.kind === 'company';
  const mine = r.rows.find((row) => row.employeeId === opts.viewerId);
  const year = otherYear(r.monday, opts.today);
  return {
    title: `${company ? '全公司' : r.teamName ?? ''}周排名（${year}${mmdd(r.monday)}–${mmdd(r.sunday)}）`,
    tone: 'info',
    fields: r.rows.map((row) => rankingLine(row, company)),
    text: r.rows.length
      ? '排序：有效电话 → 本周确认的 A/B 客户 → 本周积分 → 工号（H-6）。积分为本周各条记录的合计，变化与上周比。'
      : '这一周没有可排名的电话销售员。',
    footer: mine ? `${opts.viewerName ?? '你'}排第 ${mine.rank} 名（共 ${r.rows.length} 人）。` : undefined,
  };
}

const HALF_NAME = { am: '上午', pm: '下午', full: '全天' } as const;

/** One member's day in a line. */
export function memberDayText(m: TeamDayMember, policy: Policy): string {
  const parts: string[] = [];
  if (m.leave !== 'none') {
    parts.push(`${HALF_NAME[m.leave]}请假（${m.leaveKinds.map(kindName).join('、')} ${m.leaveIds.map((id) => `L${id}`).join('、')}）`);
  }
  if ((!m.notJudged && m.leave !== 'full') || m.firstIn || m.lastOut) {
    parts.push(m.firstIn ? `上班 ${m.firstIn}${m.lateMinutes > 0 ? `（迟到 ${m.lateMinutes} 分钟）` : ''}` : '未上班打卡');
    parts.push(m.lastOut ? `下班 ${m.lastOut}${m.earlyMinutes > 0 ? `（早 ${m.earlyMinutes} 分钟）` : ''}` : '未下班打卡');
  }
  if (m.agent) {
    parts.push(m.agent.reportCalls === null ? '未交日报' : `日报 ${m.agent.reportCalls} 通（${m.agent.reportTime}）`);
    parts.push(`有效电话 ${m.agent.validCalls}`);
  }
  if (m.checkin) parts.push(`签到 ${m.checkin.time}${m.checkin.late ? `（晚于 ${formatMinute(policy.meeting.start + policy.meeting.graceMinutes)}）` : ''}`);
  else if (!m.notJudged && m.leave !== 'full' && m.leave !== 'pm') parts.push('未签到');
  if (m.notJudged) parts.push(`（${m.notJudged}，不计考勤）`);
  return parts.join(' · ');
}

/** The day at a glance for a team (团队); a day of another year than `today`'s shows its year. */
export function teamDayCard(d: TeamDay, policy: Policy, today?: string): NeutralCard {
  const s = d.summary;
  const off = d.day.workday ? '' : `（${d.day.kind === 'holiday' ? d.day.name ?? '节假日' : '周末'}）`;
  return {
    title: `${d.teamName} ${otherYear(d.date, today)}${mmdd(d.date)} 一览${off}`,
    tone: 'info',
    fields: [
      { label: '上班打卡', value: `${s.clockedIn}/${s.members} 人${s.late ? `，迟到 ${s.late} 人` : ''}` },
      { label: '下班打卡', value: `${s.clockedOut}/${s.members} 人` },
      { label: '日报', value: `${s.reported}/${s.agents} 人` },
      { label: '有效电话', value: `${s.validCalls} 个` },
      { label: '请假', value: `${s.onLeave} 人` },
      { label: '例会签到', value: `${s.checkedIn}/${s.members} 人` },
      ...d.members.map((m) => ({ label: `${m.name}（${m.no}）`, value: memberDayText(m, policy) })),
    ],
    text: d.members.length ? undefined : '这个组还没有成员。',
  };
}
