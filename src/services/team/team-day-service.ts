import { NotFoundError } from '../../core/errors';
import { checkinsOfEmployeesOn, punchesOfEmployeesOn } from '../../db/stores/attendance-store';
import { approvedLeaveOfEmployeesOn } from '../../db/stores/leave-store';
import { findTeam, teamMembers } from '../../db/stores/org-store';
import { dailyReportsOfEmployeesOn, validCallsByAgent } from '../../db/stores/report-store';
import { currentManager } from '../../db/transaction';
import type { CalendarDay } from '../../domain/calendar';
import { formatMinute, zonedMinute, type WorkDate } from '../../domain/dates';
import { leaveCover, type Half, type LeaveCover } from '../../domain/leave-halves';
import { compareEmployeeNo } from '../../domain/ranking';
import type { Role } from '../../domain/roles';
import { notJudgedReason } from '../attendance';
import type { ServiceContext } from '../service-context';

/** An agent's reports of the day (H-2, H-3). */
export interface AgentDay {
  /** Calls of the day's 日报; null when none was filed. */
  reportCalls: number | null;
  /** 'HH:MM' the 日报 was sent; null when none. */
  reportTime: string | null;
  /** Complete customer records of the day so far (H-3). */
  validCalls: number;
}

/** One member's day. */
export interface TeamDayMember {
  employeeId: number;
  no: string;
  name: string;
  role: Role;
  /** Why the day is not judged for them (weekend, holiday …); null on a judged day. */
  notJudged: string | null;
  /** First clock-in 'HH:MM', null when none. */
  firstIn: string | null;
  /** Minutes late at the first clock-in (from 09:00, or 13:00 with approved morning leave); 0 on a day not judged. */
  lateMinutes: number;
  /** Last clock-out 'HH:MM', null when none. */
  lastOut: string | null;
  /** Minutes before the end of the expected hours at the last clock-out; 0 on a day not judged. */
  earlyMinutes: number;
  /** Approved leave covering the day: 'am', 'pm', 'full' or 'none'. */
  leave: LeaveCover;
  /** Kinds of that leave ('personal' | 'sick') and the requests' ids (L…). */
  leaveKinds: string[];
  leaveIds: number[];
  /** The first meeting check-in (H-12) and whether it was after the grace. */
  checkin: { time: string; late: boolean } | null;
  /** For agents: the 日报 and the valid calls; null for other roles. */
  agent: AgentDay | null;
}

/** A team's day at a glance. */
export interface TeamDay {
  teamId: number;
  teamName: string;
  date: WorkDate;
  day: CalendarDay;
  /** Agents first, then salespeople, then supervisors; each by employee number. */
  members: TeamDayMember[];
  summary: {
    members: number;
    clockedIn: number;
    late: number;
    clockedOut: number;
    agents: number;
    reported: number;
    validCalls: number;
    onLeave: number;
    checkedIn: number;
  };
}

const ROLE_ORDER: Record<Role, number> = { agent: 0, salesperson: 1, supervisor: 2, admin: 3 };

/**
 * The day at a glance for a team (团队): who clocked in (first clock-in and lateness) and out,
 * who filed the day's 日报 with how many calls, valid calls so far, approved leave (and which
 * half), and meeting check-ins. Members are the team's agents, salespeople and supervisors
 * employed that day (admins are not judged for attendance).
 */
export async function teamDay(ctx: ServiceContext, teamId: number, date: WorkDate): Promise<TeamDay> {
  const tx = currentManager(ctx.ds);
  const tz = ctx.policy.timezone;
  const team = await findTeam(tx, teamId);
  if (!team) throw new NotFoundError('没有这个组。', 'team.not-found');
  const people = (await teamMembers(tx, teamId))
    .filter((e) => e.role !== 'admin' && (e.startDate === null || e.startDate <= date) && (e.endDate === null || e.endDate >= date))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || compareEmployeeNo(a.no, b.no));
  const ids = people.map((p) => p.id);
  const day = ctx.calendar.day(date);
  const empty = { members: 0, clockedIn: 0, late: 0, clockedOut: 0, agents: 0, reported: 0, validCalls: 0, onLeave: 0, checkedIn: 0 };
  if (ids.length === 0) return { teamId, teamName: team.name, date, day, members: [], summary: empty };

  const punches = await punchesOfEmployeesOn(tx, ids, date);
  const reports = await dailyReportsOfEmployeesOn(tx, ids, date);
  const checkins = await checkinsOfEmployeesOn(tx, ids, date);
  const leaves = await approvedLeaveOfEmployeesOn(tx, ids, date);
  const validCalls = await validCallsByAgent(tx, ids, date, date);
  const minute = (at: Date) => zonedMinute(at, tz).minute;
  const { workHours, meeting } = ctx.policy;

  const members = people.map((e): TeamDayMember => {
    const mine = punches.filter((p) => p.employeeId === e.id);
    const ins = mine.filter((p) => p.kind === 'in').map((p) => minute(p.at));
    const outs = mine.filter((p) => p.kind === 'out').map((p) => minute(p.at));
    const first = ins.length ? Math.min(...ins) : null;
    const last = outs.length ? Math.max(...outs) : null;
    const myLeave = leaves.filter((l) => l.employeeId === e.id);
    const cover = leaveCover(myLeave.map((l) => ({ startDate: l.startDate, startHalf: l.startHalf as Half, endDate: l.endDate, endHalf: l.endHalf as Half })), date);
    const notJudged = notJudgedReason(ctx, e, date) ?? null;
    const judged = notJudged === null && cover !== 'full';
    const expectedStart = cover === 'am' ? workHours.afternoonStart : workHours.start;
    const expectedEnd = cover === 'pm' ? workHours.morningEnd : workHours.end;
    const checkin = checkins.find((c) => c.employeeId === e.id);
    const report = reports.find((r) => r.employeeId === e.id);
    return {
      employeeId: e.id,
      no: e.no,
      name: e.name,
      role: e.role,
      notJudged,
      firstIn: first === null ? null : formatMinute(first),
      lateMinutes: judged && first !== null ? Math.max(0, first - expectedStart) : 0,
      lastOut: last === null ? null : formatMinute(last),
      earlyMinutes: judged && last !== null ? Math.max(0, expectedEnd - last) : 0,
      leave: cover,
      leaveKinds: [...new Set(myLeave.map((l) => l.kind))],
      leaveIds: myLeave.map((l) => l.id),
      checkin: checkin ? { time: formatMinute(minute(checkin.at)), late: minute(checkin.at) > meeting.start + meeting.graceMinutes } : null,
      agent: e.role === 'agent'
        ? { reportCalls: report ? report.calls : null, reportTime: report ? formatMinute(minute(report.sentAt)) : null, validCalls: validCalls.get(e.id) ?? 0 }
        : null,
    };
  });

  const agents = members.filter((m) => m.agent !== null);
  return {
    teamId,
    teamName: team.name,
    date,
    day,
    members,
    summary: {
      members: members.length,
      clockedIn: members.filter((m) => m.firstIn !== null).length,
      late: members.filter((m) => m.lateMinutes > 0).length,
      clockedOut: members.filter((m) => m.lastOut !== null).length,
      agents: agents.length,
      reported: agents.filter((m) => m.agent?.reportCalls !== null).length,
      validCalls: agents.reduce((s, m) => s + (m.agent?.validCalls ?? 0), 0),
      onLeave: members.filter((m) => m.leave !== 'none').length,
      checkedIn: members.filter((m) => m.checkin !== null).length,
    },
  };
}
