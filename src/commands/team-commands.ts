import type { CommandSpec } from '../core/command-spec';
import { ForbiddenError, UserError } from '../core/errors';
import { cardReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { parseDate, parseWeekRef, weekMonday } from '../domain/grammar/dates';
import { teamNames } from '../services/people';
import { weeklyRanking, type RankingScope } from '../services/ranking';
import type { ServiceContext } from '../services/service-context';
import { teamDay } from '../services/team';
import { rankingCard, teamDayCard } from './score-cards';
import { replyPrivately, todayOf } from './score-commands';

const ALL = ['agent', 'supervisor', 'salesperson', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;

export const RANKING_EXAMPLE = '排名 上周';
export const TEAM_EXAMPLE = '团队 昨天';
const COMPANY_WORDS = new Set(['全公司', '公司', '全部', '所有', 'company', 'all']);

/** The words of a command's text, split on spaces and commas. */
function words(rest: string): string[] {
  return rest.split(/[\s,，、]+/).filter((w) => w !== '');
}

/** Team ids by name. */
async function teamsByName(ctx: ServiceContext): Promise<Map<string, number>> {
  return new Map([...(await teamNames(ctx))].map(([id, name]) => [name, id]));
}

/** 排名 [本周|上周|12月3日] [组名|全公司]: the weekly ranking of the asker's team; admins any team or the company. */
async function ranking(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const today = todayOf(ctx, turn);
  const teams = await teamsByName(ctx);
  const admin = turn.actor.role === 'admin';
  let week = today;
  let company = false;
  let teamId: number | null = null;
  for (const word of words(rest)) {
    const weekRef = parseWeekRef(word);
    const date = parseDate(word, { today, mode: 'past' });
    if (COMPANY_WORDS.has(word.toLowerCase())) company = true;
    else if (teams.has(word)) teamId = teams.get(word) ?? null;
    else if (weekRef.ok) week = weekMonday(today, weekRef.value);
    else if (date.ok) week = date.value;
    else {
      const hint = admin ? '本周、上周、某一天（如 12月3日）、组名或 全公司' : '本周、上周 或某一天（如 12月3日）';
      throw new UserError(`看不懂“${word}”，可以写${hint}。`, RANKING_EXAMPLE, 'ranking.parse');
    }
  }
  if (week > today) throw new UserError('只能查看本周或以前的排名。', RANKING_EXAMPLE, 'ranking.future');
  let scope: RankingScope;
  if (company || (admin && teamId === null)) {
    if (!admin) throw new ForbiddenError('只有管理员可以查看全公司排名；发送「排名」查看本组排名。', 'ranking.company');
    scope = { kind: 'company' };
  } else if (teamId !== null) {
    if (!admin && teamId !== turn.actor.teamId) throw new ForbiddenError('只能查看自己组的排名。', 'ranking.team');
    scope = { kind: 'team', teamId };
  } else {
    if (turn.actor.teamId === null) throw new UserError('你还没有分组，没有组内排名。请联系管理员把你加入一个组。', undefined, 'ranking.no-team');
    scope = { kind: 'team', teamId: turn.actor.teamId };
  }
  const result = await weeklyRanking(ctx, scope, week);
  const viewerName = turn.event.chat.kind === 'group' ? turn.actor.name : undefined;
  turn.reply(cardReply(rankingCard(result, { viewerId: turn.actor.id, viewerName, today })));
}

/** 团队 [昨天|12月3日] [组名]: the day at a glance; a supervisor's own team, an admin's any. */
async function team(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const today = todayOf(ctx, turn);
  const teams = await teamsByName(ctx);
  const admin = turn.actor.role === 'admin';
  let date = today;
  let teamId: number | null = null;
  for (const word of words(rest)) {
    const parsed = parseDate(word, { today, mode: 'past' });
    if (teams.has(word)) teamId = teams.get(word) ?? null;
    else if (parsed.ok) date = parsed.value;
    else throw new UserError(`看不懂“${word}”，可以写 今天、昨天 或某一天（如 12月3日）${admin ? '，以及组名' : ''}。`, TEAM_EXAMPLE, 'team.parse');
  }
  if (date > today) throw new UserError('只能查看今天或以前的日子。', TEAM_EXAMPLE, 'team.future');
  if (admin) {
    if (teamId === null && teams.size === 1) teamId = [...teams.values()][0];
    if (teamId === null) {
      throw new UserError(`请写明查看哪个组：${[...teams.keys()].join('、') || '（还没有组）'}。`, `团队 ${[...teams.keys()][0] ?? '一组'}`, 'team.which');
    }
  } else {
    if (turn.actor.teamId === null) throw new UserError('你还没有负责的组。请联系管理员。', undefined, 'team.no-team');
    if (teamId !== null && teamId !== turn.actor.teamId) throw new ForbiddenError('只能查看自己负责的组。', 'team.other');
    teamId = turn.actor.teamId;
  }
  const day = await teamDay(ctx, teamId, date);
  replyPrivately(turn, { kind: 'card', card: teamDayCard(day, ctx.policy, today) }, `${day.teamName}的一览已私信发给你。`);
}

/** 排名 (H-6) and 团队 (the day at a glance). */
export function teamCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '排名',
      aliases: ['ranking', 'rank', '排行榜', '排行'],
      roles: ALL,
      summary: '本组的周排名：有效电话、确认的 A/B 客户、积分（H-6）',
      examples: ['排名', RANKING_EXAMPLE, '排名 全公司'],
      run: (turn, rest) => ranking(ctx, turn, rest),
    },
    {
      name: '团队',
      aliases: ['team'],
      roles: SUPERVISORS,
      summary: '本组今天一览：打卡、日报、有效电话、请假、签到',
      examples: ['团队', TEAM_EXAMPLE],
      run: (turn, rest) => team(ctx, turn, rest),
    },
  ];
}
