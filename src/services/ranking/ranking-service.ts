import { NotFoundError } from '../../core/errors';
import type { Employee } from '../../db/entities';
import { pointsByEmployeeBetween } from '../../db/stores/ledger-store';
import { agents as agentsOf, allTeams } from '../../db/stores/org-store';
import { qualifiedLeadsByAgent, validCallsByAgent } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { addDays, mondayOf, type WorkDate } from '../../domain/dates';
import { compareEmployeeNo, rankRows } from '../../domain/ranking';
import type { ServiceContext } from '../service-context';

/** Whose ranking: one team's agents, or every agent of the company. */
export type RankingScope = { kind: 'team'; teamId: number } | { kind: 'company' };

/** One agent's line in the weekly ranking. */
export interface RankingRow {
  /** Place 1…n; distinct (ties are broken by employee number). */
  rank: number;
  employeeId: number;
  no: string;
  name: string;
  teamId: number | null;
  teamName: string | null;
  /** Complete customer records (H-3) with a work date in the week. */
  validCalls: number;
  /** A and B leads qualified (H-4) on a day of the week, in the company's time zone. */
  leadsA: number;
  leadsB: number;
  /** leadsA + leadsB: what the ranking orders by. */
  leads: number;
  /** The week's points: the net of every ledger entry dated in the week (a reversal nets its entry out). */
  points: number;
  /** Place in the same scope's ranking of the week before; null when not ranked then (joined since). */
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative down; null when there is no previous place. */
  change: number | null;
}

/** A week's ranking (H-6). */
export interface WeeklyRanking {
  scope: RankingScope;
  /** The team's name for a team ranking; null for the company. */
  teamName: string | null;
  /** The Monday and Sunday of the week. */
  monday: WorkDate;
  sunday: WorkDate;
  rows: RankingRow[];
}

type Figures = Omit<RankingRow, 'rank' | 'previousRank' | 'change'>;

/** The agents of the scope employed on at least one day of the week, by employee number. */
async function rankedAgents(tx: Tx, scope: RankingScope, monday: WorkDate, sunday: WorkDate): Promise<Employee[]> {
  const agents = await agentsOf(tx, scope.kind === 'team' ? scope.teamId : undefined);
  return agents
    .filter((e) => (e.startDate === null || e.startDate <= sunday) && (e.endDate === null || e.endDate >= monday))
    .sort((a, b) => compareEmployeeNo(a.no, b.no));
}

/** The week's figures of `agents`: three grouped queries whatever their number, each the one the reports and pay slips count with. */
async function weekFigures(tx: Tx, ctx: ServiceContext, agents: Employee[], monday: WorkDate, sunday: WorkDate, teams: Map<number, string>): Promise<Figures[]> {
  if (agents.length === 0) return [];
  const ids = agents.map((a) => a.id);
  const callsOf = await validCallsByAgent(tx, ids, monday, sunday);
  const leadsOf = await qualifiedLeadsByAgent(tx, ids, monday, sunday, ctx.policy.timezone);
  const pointsOf = await pointsByEmployeeBetween(tx, ids, monday, sunday);
  return agents.map((a) => {
    const leadsA = leadsOf.get(a.id)?.A ?? 0;
    const leadsB = leadsOf.get(a.id)?.B ?? 0;
    return {
      employeeId: a.id,
      no: a.no,
      name: a.name,
      teamId: a.teamId,
      teamName: a.teamId === null ? null : teams.get(a.teamId) ?? null,
      validCalls: callsOf.get(a.id) ?? 0,
      leadsA,
      leadsB,
      leads: leadsA + leadsB,
      points: pointsOf.get(a.id) ?? 0,
    };
  });
}

/**
 * The weekly ranking (H-6) of the Monday–Sunday week containing `date`, for a team or for the
 * whole company. Ranked are the agents (电话销售员: the handbook ranks agents' calls and leads;
 * supervisors, salespeople and admins make no calls) of the scope employed on a day of the
 * week, by their current team. Ordered by valid calls, then qualified A/B leads, then the
 * week's points, then employee number; each row carries its change from the week before (the
 * same scope, ranked the same way).
 */
export async function weeklyRanking(ctx: ServiceContext, scope: RankingScope, date: WorkDate): Promise<WeeklyRanking> {
  const tx = currentManager(ctx.ds);
  const monday = mondayOf(date);
  const sunday = addDays(monday, 6);
  const teamRows = await allTeams(tx);
  const teams = new Map(teamRows.map((t) => [t.id, t.name]));
  if (scope.kind === 'team' && !teams.has(scope.teamId)) throw new NotFoundError('没有这个组。', 'ranking.team');
  const rankWeek = async (from: WorkDate) => {
    const to = addDays(from, 6);
    return rankRows(await weekFigures(tx, ctx, await rankedAgents(tx, scope, from, to), from, to, teams));
  };
  const current = await rankWeek(monday);
  const previous = new Map((await rankWeek(addDays(monday, -7))).map((r) => [r.employeeId, r.rank]));
  return {
    scope,
    teamName: scope.kind === 'team' ? teams.get(scope.teamId) ?? null : null,
    monday,
    sunday,
    rows: current.map((r) => {
      const previousRank = previous.get(r.employeeId) ?? null;
      return { ...r, previousRank, change: previousRank === null ? null : previousRank - r.rank };
    }),
  };
}
