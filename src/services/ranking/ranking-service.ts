import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../core/errors';
import { CustomerRecord, Employee, PointEntry, Team } from '../../db/entities';
import { currentManager } from '../../db/transaction';
import { addDays, mondayOf, zonedInstant, type WorkDate } from '../../domain/dates';
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

/** COUNT and SUM come back as strings on some drivers; SUM over no rows is NULL. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** The agents of the scope employed on at least one day of the week, by employee number. */
async function rankedAgents(em: EntityManager, scope: RankingScope, monday: WorkDate, sunday: WorkDate): Promise<Employee[]> {
  const where = scope.kind === 'team' ? { role: 'agent' as const, teamId: scope.teamId } : { role: 'agent' as const };
  const agents = await em.find(Employee, { where });
  return agents
    .filter((e) => (e.startDate === null || e.startDate <= sunday) && (e.endDate === null || e.endDate >= monday))
    .sort((a, b) => compareEmployeeNo(a.no, b.no));
}

/**
 * The week's figures of `agents`, three grouped queries whatever their number. They count
 * exactly what validCallsBetween and qualifiedLeadsBetween (reports) count for one agent.
 */
async function weekFigures(em: EntityManager, ctx: ServiceContext, agents: Employee[], monday: WorkDate, sunday: WorkDate, teams: Map<number, string>): Promise<Figures[]> {
  if (agents.length === 0) return [];
  const ids = agents.map((a) => a.id);
  const calls = await em
    .getRepository(CustomerRecord)
    .createQueryBuilder('r')
    .select('r.agentId', 'agentId')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId IN (:...ids) AND r.complete = :complete', { ids, complete: true })
    .andWhere('r.workDate BETWEEN :from AND :to', { from: monday, to: sunday })
    .groupBy('r.agentId')
    .getRawMany<{ agentId: unknown; n: unknown }>();
  const start = zonedInstant(monday, 0, ctx.policy.timezone);
  const end = zonedInstant(addDays(sunday, 1), 0, ctx.policy.timezone);
  const leads = await em
    .getRepository(CustomerRecord)
    .createQueryBuilder('r')
    .select('r.agentId', 'agentId')
    .addSelect('r.grade', 'grade')
    .addSelect('COUNT(*)', 'n')
    .where('r.agentId IN (:...ids) AND r.complete = :complete', { ids, complete: true })
    .andWhere("r.grade IN ('A', 'B')")
    .andWhere('r.qualifiedAt >= :start AND r.qualifiedAt < :end', { start, end })
    .groupBy('r.agentId')
    .addGroupBy('r.grade')
    .getRawMany<{ agentId: unknown; grade: string; n: unknown }>();
  const points = await em
    .getRepository(PointEntry)
    .createQueryBuilder('p')
    .select('p.employeeId', 'employeeId')
    .addSelect('SUM(p.points)', 'points')
    .where('p.employeeId IN (:...ids)', { ids })
    .andWhere('p.workDate BETWEEN :from AND :to', { from: monday, to: sunday })
    .groupBy('p.employeeId')
    .getRawMany<{ employeeId: unknown; points: unknown }>();
  const callsOf = new Map(calls.map((r) => [num(r.agentId), num(r.n)]));
  const pointsOf = new Map(points.map((r) => [num(r.employeeId), num(r.points)]));
  const leadCounts = new Map(leads.map((r) => [`${num(r.agentId)}:${r.grade}`, num(r.n)]));
  const leadsOf = (id: number, grade: 'A' | 'B') => leadCounts.get(`${id}:${grade}`) ?? 0;
  return agents.map((a) => {
    const leadsA = leadsOf(a.id, 'A');
    const leadsB = leadsOf(a.id, 'B');
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
  const em = currentManager(ctx.ds);
  const monday = mondayOf(date);
  const sunday = addDays(monday, 6);
  const teamRows = await em.find(Team);
  const teams = new Map(teamRows.map((t) => [t.id, t.name]));
  if (scope.kind === 'team' && !teams.has(scope.teamId)) throw new NotFoundError('没有这个组。', 'ranking.team');
  const rankWeek = async (from: WorkDate) => {
    const to = addDays(from, 6);
    return rankRows(await weekFigures(em, ctx, await rankedAgents(em, scope, from, to), from, to, teams));
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
