import type { Team } from '../../db/entities';
import type { Tx } from '../../db/stores/tx';
import type { LeaveCover } from '../../domain/leave-halves';
import { compareEmployeeNo } from '../../domain/ranking';
import type { Role } from '../../domain/roles';
import { employedOn } from '../people';
import type { ServiceContext } from '../service-context';
import { pendingApprovalsByTeam, type PendingCount } from './pending-approvals';

/** A judged member's day as the team summary reads it. */
export interface MemberDay {
  employeeId: number;
  no: string;
  name: string;
  role: Role;
  teamId: number | null;
  /** The codes of their entries of the day that stand (H-11, H-12, H-13). */
  codes: string[];
  lateMinutes: number;
  earlyMinutes: number;
  leave: LeaveCover;
  /** Whether the day's 日报 was filed (agents, H-2). */
  reported: boolean;
}

/** One person in a line of the summary: name, the code that put them there, minutes where they count. */
export interface SummaryItem {
  name: string;
  code: string;
  minutes?: number;
}

/** A team's day for its supervisor (or the admins, when the team has none). */
export interface TeamDaySummary {
  teamId: number;
  teamName: string;
  date: string;
  /** Who gets it: the supervisor, or the admins employed that day when the team has none. */
  recipients: number[];
  viaAdmins: boolean;
  judged: number;
  absent: SummaryItem[];
  late: SummaryItem[];
  early: SummaryItem[];
  missingPunch: SummaryItem[];
  /** Agents without the day's 日报 (H-2), whole-day leave excepted: names only, no entry is made. */
  noReport: string[];
  meeting: SummaryItem[];
  /** Other standing entries of the day (a capped half day, a missing 周报). */
  other: SummaryItem[];
  /** Requests pending now, by kind. */
  pending: PendingCount[];
}

const GROUPS: Record<string, 'absent' | 'late' | 'early' | 'missingPunch' | 'meeting'> = {
  'absent-day': 'absent',
  'absent-half': 'absent',
  late: 'late',
  'late-half': 'late',
  early: 'early',
  'early-half': 'early',
  'missing-in': 'missingPunch',
  'missing-out': 'missingPunch',
  'meeting-late': 'meeting',
  'meeting-absent': 'meeting',
};

/**
 * The day summary of each team with someone judged that day, from the members' days already
 * read in sets; the pending requests of every team in one statement per kind. A team without
 * a supervisor goes to the admins employed that day (they decide its requests too).
 */
export async function teamSummaries(ctx: ServiceContext, tx: Tx, date: string, members: MemberDay[], teams: Team[], now: Date): Promise<TeamDaySummary[]> {
  const byTeam = new Map<number, MemberDay[]>();
  for (const m of members) if (m.teamId !== null) byTeam.set(m.teamId, [...(byTeam.get(m.teamId) ?? []), m]);
  if (byTeam.size === 0) return [];
  const pending = await pendingApprovalsByTeam(tx, ctx, now);
  const needAdmins = teams.some((t) => byTeam.has(t.id) && t.supervisorId === null);
  const admins = needAdmins ? (await employedOn(ctx, date, ['admin'])).map((a) => a.id) : [];
  const out: TeamDaySummary[] = [];
  for (const team of teams) {
    const mine = (byTeam.get(team.id) ?? []).sort((a, b) => compareEmployeeNo(a.no, b.no));
    if (!mine.length) continue;
    const s: TeamDaySummary = {
      teamId: team.id, teamName: team.name, date, recipients: team.supervisorId !== null ? [team.supervisorId] : admins, viaAdmins: team.supervisorId === null,
      judged: mine.length, absent: [], late: [], early: [], missingPunch: [], noReport: [], meeting: [], other: [], pending: pending.get(team.id) ?? [],
    };
    for (const m of mine) {
      for (const code of m.codes) {
        const group = GROUPS[code];
        const minutes = group === 'late' ? m.lateMinutes : group === 'early' ? m.earlyMinutes : undefined;
        (group ? s[group] : s.other).push({ name: m.name, code, ...(minutes ? { minutes } : {}) });
      }
      if (m.role === 'agent' && !m.reported && m.leave !== 'full') s.noReport.push(m.name);
    }
    if (s.recipients.length) out.push(s);
  }
  return out;
}
