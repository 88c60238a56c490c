import { NotFoundError } from '../../core/errors';
import type { Employee } from '../../db/entities';
import { monthTotalsByEmployee } from '../../db/stores/ledger-store';
import { findTeam, teamMembers } from '../../db/stores/org-store';
import { lateAndAbsentByDay, pointsByEmployeeAndDay, qualifiedLeadInstants, validCallsByAgentAndDay } from '../../db/stores/team-chart-store';
import { currentManager } from '../../db/transaction';
import { addDays, datesBetween, mondayOf, monthRange, zonedInstant, zonedMinute, type WorkDate } from '../../domain/dates';
import type { Policy } from '../../domain/policy';
import { compareEmployeeNo, rankRows } from '../../domain/ranking';
import type { ServiceContext } from '../service-context';

/**
 * How many weeks the ranking's history shows, ending with the week of the month's last day
 * shown. Why 8: two months of Fridays is what a supervisor compares; each week more is one
 * more category and row, never one more query.
 */
export const RANKING_HISTORY_WEEKS = 8;

/** One agent's valid calls of each day shown. */
export interface AgentCalls {
  employeeId: number;
  no: string;
  name: string;
  /** Per day of {@link TeamCharts.days}. */
  callsByDay: number[];
  calls: number;
}

/** One week of the team's ranking (H-6), ordered as the Friday ranking orders it. */
export interface RankedWeek {
  monday: WorkDate;
  sunday: WorkDate;
  rows: Array<{ employeeId: number; no: string; name: string; rank: number; validCalls: number; leads: number; points: number }>;
}

/** What the console's 团队 page draws for one team and month. */
export interface TeamCharts {
  team: { id: number; name: string };
  month: string;
  /** The month's days up to today (all of a past month; none of a month not begun). */
  days: WorkDate[];
  /** The team's agents employed in the month, by employee number. */
  agents: AgentCalls[];
  /** Per day of `days`: how many members were late, absent half a day, absent the whole day (the closed days' judgements). */
  attendance: Array<{ date: WorkDate; late: number; halfAbsent: number; absent: number }>;
  /** The month's score (policy score.start + the month's points) of each member employed in the month. */
  scores: Array<{ employeeId: number; no: string; name: string; score: number; bucket: string }>;
  /** How many members' scores fall in each bucket, lowest first (edges from the policy's score rules). */
  buckets: Array<{ label: string; count: number }>;
  /** The last {@link RANKING_HISTORY_WEEKS} weeks' rankings, oldest first. */
  weeks: RankedWeek[];
}

const employedBetween = (e: Employee, from: WorkDate, to: WorkDate) => (e.startDate === null || e.startDate <= to) && (e.endDate === null || e.endDate >= from);

/**
 * Score buckets: below the penalty line, ten points each up to the bonus line (its edge
 * included: "strictly above" earns the bonus), above it.
 */
export function scoreBuckets(policy: Pick<Policy, 'score'>): Array<{ label: string; test: (score: number) => boolean }> {
  const { penaltyBelow: low, bonusAbove: high } = policy.score;
  const ranges: Array<{ label: string; test: (s: number) => boolean }> = [{ label: `<${low}`, test: (s) => s < low }];
  for (let lo = low; lo <= high; lo += 10) {
    const hi = lo + 19 > high ? high : lo + 9;
    ranges.push({ label: `${lo}–${hi}`, test: (s) => s >= lo && s <= hi });
    if (hi === high) break;
  }
  ranges.push({ label: `>${high}`, test: (s) => s > high });
  return ranges;
}

/**
 * The 团队 page's figures of a team in a month, in a fixed number of grouped queries whatever
 * the team's size and the weeks shown: valid calls per agent and day, late and absent people
 * per day, the month's scores, and the weekly rankings of the last weeks (ranked exactly as
 * the Friday ranking, services/ranking: the agents of the team employed in the week, by valid
 * calls, leads, points and employee number).
 */
export async function teamCharts(ctx: ServiceContext, teamId: number, month: string, today: WorkDate): Promise<TeamCharts> {
  const tx = currentManager(ctx.ds);
  const team = await findTeam(tx, teamId);
  if (!team) throw new NotFoundError('没有这个组。', 'console.team');
  const { first, last } = monthRange(month);
  const shownTo = last < today ? last : today;
  const days = first <= shownTo ? datesBetween(first, shownTo) : [];
  // The team as the chat's authority sees it (src/domain/authority.ts): its agents and
  // salespeople; a supervisor or an admin placed in the team answers to an admin.
  const everyone = (await teamMembers(tx, teamId)).filter((e) => e.role === 'agent' || e.role === 'salesperson');
  const members = everyone.filter((e) => employedBetween(e, first, last)).sort((a, b) => compareEmployeeNo(a.no, b.no));
  const allAgents = everyone.filter((e) => e.role === 'agent');

  // Weeks of the history, and one span covering them and the month's days.
  const lastMonday = mondayOf(days.length ? shownTo : first);
  const mondays = Array.from({ length: RANKING_HISTORY_WEEKS }, (_, i) => addDays(lastMonday, 7 * (i - RANKING_HISTORY_WEEKS + 1)));
  const spanFrom = mondays[0] < first ? mondays[0] : first;
  const spanTo = addDays(lastMonday, 6) > shownTo ? addDays(lastMonday, 6) : shownTo;

  const agentIds = allAgents.map((a) => a.id);
  const calls = await validCallsByAgentAndDay(tx, agentIds, spanFrom, spanTo);
  const leads = await qualifiedLeadInstants(tx, agentIds, zonedInstant(mondays[0], 0, ctx.policy.timezone), zonedInstant(addDays(lastMonday, 7), 0, ctx.policy.timezone));
  const points = await pointsByEmployeeAndDay(tx, agentIds, mondays[0], addDays(lastMonday, 6));

  const callsOn = new Map(calls.map((c) => [`${c.agentId}|${c.date}`, c.calls]));
  const agents = allAgents
    .filter((a) => employedBetween(a, first, last))
    .sort((a, b) => compareEmployeeNo(a.no, b.no))
    .map((a) => {
      const callsByDay = days.map((d) => callsOn.get(`${a.id}|${d}`) ?? 0);
      return { employeeId: a.id, no: a.no, name: a.name, callsByDay, calls: callsByDay.reduce((s, n) => s + n, 0) };
    });

  const byDay = new Map((await lateAndAbsentByDay(tx, members.map((m) => m.id), first, shownTo)).map((r) => [r.date, r]));
  const attendance = days.map((date) => ({ date, late: byDay.get(date)?.late ?? 0, halfAbsent: byDay.get(date)?.halfAbsent ?? 0, absent: byDay.get(date)?.absent ?? 0 }));

  const totals = await monthTotalsByEmployee(tx, members.map((m) => m.id), month);
  const ranges = scoreBuckets(ctx.policy);
  const scores = (days.length ? members : []).map((m) => {
    const score = ctx.policy.score.start + (totals.get(m.id)?.points ?? 0);
    return { employeeId: m.id, no: m.no, name: m.name, score, bucket: ranges.find((r) => r.test(score))?.label ?? '' };
  });
  const buckets = ranges.map((r) => ({ label: r.label, count: scores.filter((s) => s.bucket === r.label).length }));

  // Week sums per agent from the day rows (one pass each).
  const weekOf = (date: WorkDate) => mondayOf(date);
  const sum = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
  const weekCalls = new Map<string, number>();
  for (const c of calls) sum(weekCalls, `${c.agentId}|${weekOf(c.date)}`, c.calls);
  const weekLeads = new Map<string, number>();
  for (const l of leads) sum(weekLeads, `${l.agentId}|${weekOf(zonedMinute(l.at, ctx.policy.timezone).date)}`, 1);
  const weekPoints = new Map<string, number>();
  for (const p of points) sum(weekPoints, `${p.employeeId}|${weekOf(p.date)}`, p.points);
  const weeks = !days.length ? [] : mondays.map((monday) => {
    const sunday = addDays(monday, 6);
    const ranked = allAgents.filter((a) => employedBetween(a, monday, sunday)).map((a) => {
      const key = `${a.id}|${monday}`;
      return { employeeId: a.id, no: a.no, name: a.name, validCalls: weekCalls.get(key) ?? 0, leads: weekLeads.get(key) ?? 0, points: weekPoints.get(key) ?? 0 };
    });
    return { monday, sunday, rows: rankRows(ranked) };
  });

  return { team: { id: team.id, name: team.name }, month, days, agents, attendance, scores, buckets, weeks };
}
