/**
 * The month-end benchmark's month (issue 15): November 2026 for N employees, as a plan of the
 * messages people send, deterministic for (N, seed). Agents work in teams of 50 (a supervisor,
 * three salespeople, the rest agents), plus two admins. Per agent and workday: a clock-in and a
 * clock-out, 8–12 customer records and a 日报; everyone judged checks in at the meeting; some
 * are late, leave early, forget to clock out, are absent or on leave; A/B leads get qualified by
 * the team's salespeople; supervisors record collections and now and then a misconduct or an
 * award; weekly summaries mostly arrive in time. Two writers turn the plan into rows: the bulk
 * one of the benchmark (month-end-bulk.ts) and, for checking it, the real services
 * (month-end-services.ts).
 */
import { addDays, monthRange, zonedInstant } from '../../src/domain/dates';
import type { RecordFields } from '../../src/domain/customer-record';
import type { WorkCalendar } from '../../src/domain/calendar';
import { spanCover, type LeaveCover, type LeaveSpan } from '../../src/domain/leave-halves';
import type { EmployeeRecord } from '../../src/domain/employee-record';
import type { Role } from '../../src/domain/roles';

export const BENCH_MONTH = '2026-11';
export const TEAM_SIZE = 50;
const SALESPEOPLE_PER_TEAM = 3;
const ADMINS = 2;
const TZ = 'Asia/Shanghai';

/** One person of the plan; `id` is the employees.id both writers give them (1-based, in order), `teamId` the teams.id (null for admins). */
export type PlanPerson = Omit<EmployeeRecord, 'createdAt' | 'updatedAt'>;

export interface PlanTeam {
  id: number;
  name: string;
  supervisorId: number;
  salespeople: number[];
}

export interface PlanOrg {
  teams: PlanTeam[];
  people: PlanPerson[];
  admins: number[];
}

/** A leave request, sent the day before and decided an hour later. */
export interface PlanLeave {
  employeeId: number;
  span: LeaveSpan;
  reason: string;
  sentAt: Date;
  deciderId: number;
  decidedAt: Date;
  approve: boolean;
}

/** A record's qualification (H-4) by a salesperson of the agent's team. */
export interface PlanQualification {
  by: number;
  at: Date;
  note: string;
}

export interface PlanRecord {
  fields: RecordFields;
  qualify: PlanQualification | null;
}

/** What one person does on one workday. */
export interface PlanDay {
  date: string;
  employeeId: number;
  inAt: Date | null;
  outAt: Date | null;
  checkinAt: Date | null;
  /** Agents: the customer-records message and the 日报. */
  records: { at: Date; rows: PlanRecord[] } | null;
  report: { at: Date; calls: number } | null;
  /** A supervisor's entry on this person (misconduct 值日, or an award of 25 points). */
  manual: { by: number; kind: 'misconduct' | 'award'; at: Date } | null;
}

export interface PlanCollection {
  agentId: number;
  by: number;
  amountFen: number;
  customer: string;
  at: Date;
  /** Reversed later (撤销): when. */
  reversedAt: Date | null;
}

export interface PlanSummary {
  employeeId: number;
  text: string;
  sentAt: Date;
}

/** A small, fast, seeded PRNG (mulberry32) over a 32-bit hash of the keys. */
function rng(...keys: number[]): () => number {
  let h = 0x9e3779b9;
  for (const k of keys) h = Math.imul(h ^ k, 0x85ebca6b) ^ (h >>> 13);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const at = (date: string, minute: number, second = 0) => new Date(zonedInstant(date, minute, TZ).getTime() + second * 1000);

/** The organisation: `n` people (two admins, the rest in teams of `teamSize`), a few joiners and leavers. */
export function planOrg(n: number, seed = 1, teamSize = TEAM_SIZE): PlanOrg {
  const { first, last } = monthRange(BENCH_MONTH);
  const members = Math.max(1, n - ADMINS);
  const teams: PlanTeam[] = [];
  const people: PlanPerson[] = [];
  for (let i = 0; i < members; i++) {
    const t = Math.floor(i / teamSize);
    const pos = i % teamSize;
    const id = i + 1;
    if (pos === 0) teams.push({ id: t + 1, name: `月末${String(t + 1).padStart(4, '0')}组`, supervisorId: id, salespeople: [] });
    const role: Role = pos === 0 ? 'supervisor' : pos <= SALESPEOPLE_PER_TEAM ? 'salesperson' : 'agent';
    if (role === 'salesperson') teams[t].salespeople.push(id);
    const r = rng(seed, id, 0xe1);
    const move = r();
    // About 1 % leave during the month and 1 % join it; 10 % have their own base.
    const endDate = role !== 'supervisor' && move < 0.01 ? addDays(first, int(r, 3, 27)) : null;
    const startDate = role !== 'supervisor' && move > 0.99 ? addDays(first, int(r, 1, 25)) : null;
    people.push({
      id, no: `M${String(id).padStart(6, '0')}`, name: `员工${id}`, role, teamId: t + 1,
      baseSalaryFen: r() < 0.1 ? int(r, 12, 30) * 10000 : null, startDate, endDate: endDate && endDate <= last ? endDate : null,
    });
  }
  const admins: number[] = [];
  for (let a = 0; a < ADMINS && people.length < Math.max(n, ADMINS + 1); a++) {
    const id = people.length + 1;
    admins.push(id);
    people.push({ id, no: `M${String(id).padStart(6, '0')}`, name: `管理员${a + 1}`, role: 'admin', teamId: null, baseSalaryFen: null, startDate: null, endDate: null });
  }
  return { teams, people, admins };
}

const employedOn = (p: PlanPerson, date: string) => (!p.startDate || date >= p.startDate) && (!p.endDate || date <= p.endDate);
const judged = (p: PlanPerson) => p.role !== 'admin';

/** The month's workdays. */
export function benchWorkdays(calendar: WorkCalendar): string[] {
  const { first, last } = monthRange(BENCH_MONTH);
  return calendar.workdays(first, last);
}

/** The leave requests of the month: about a quarter of the judged people ask once; 1 in 10 is refused. */
export function planLeaves(org: PlanOrg, calendar: WorkCalendar, seed = 1): PlanLeave[] {
  const days = benchWorkdays(calendar);
  const leaves: PlanLeave[] = [];
  for (const p of org.people) {
    if (!judged(p)) continue;
    const r = rng(seed, p.id, 0x1ea);
    if (r() >= 0.25) continue;
    const start = days[int(r, 0, days.length - 1)];
    if (!employedOn(p, start)) continue;
    const shape = r();
    const span: LeaveSpan =
      shape < 0.6 ? { startDate: start, startHalf: 'am', endDate: start, endHalf: 'pm' }
        : shape < 0.85 ? (r() < 0.5 ? { startDate: start, startHalf: 'am', endDate: start, endHalf: 'am' } : { startDate: start, startHalf: 'pm', endDate: start, endHalf: 'pm' })
          : { startDate: start, startHalf: 'am', endDate: addDays(start, int(r, 1, 2)), endHalf: 'pm' };
    const sent = addDays(start, -1);
    const team = org.teams[(p.teamId ?? 1) - 1];
    const deciderId = p.role === 'supervisor' ? org.admins[0] : team.supervisorId;
    leaves.push({ employeeId: p.id, span, reason: '家里有事', sentAt: at(sent, 10 * 60), deciderId, decidedAt: at(sent, 11 * 60), approve: r() >= 0.1 });
  }
  return leaves;
}

/** The approved leave cover of each person's days, for the day plans. */
export function leaveCovers(leaves: PlanLeave[]): Map<number, LeaveSpan> {
  return new Map(leaves.filter((l) => l.approve).map((l) => [l.employeeId, l.span]));
}

const GRADES = ['A', 'B', 'C', ''];

function planRecords(org: PlanOrg, p: PlanPerson, date: string, dayIndex: number, count: number, r: () => number, lastDay: string): PlanRecord[] {
  const team = org.teams[(p.teamId ?? 1) - 1];
  const rows: PlanRecord[] = [];
  for (let k = 0; k < count; k++) {
    const g = r();
    const grade = g < 0.03 ? GRADES[0] : g < 0.1 ? GRADES[1] : g < 0.7 ? GRADES[2] : GRADES[3];
    const shape = r();
    const phone = `13${String(p.id).padStart(5, '0')}${String(dayIndex * 20 + k).padStart(4, '0')}`;
    const fields: RecordFields = {
      company: `客户${p.id}-${dayIndex}-${k}`,
      contact: shape < 0.05 ? '' : '张',
      titlePhone: shape > 0.99 ? '经理 12345' : `经理 ${phone}`,
      headcount: '50',
      itStatus: '无',
      grade,
    };
    const complete = shape >= 0.05 && shape <= 0.99;
    let qualify: PlanQualification | null = null;
    if (complete && (grade === 'A' || grade === 'B') && r() < 0.35 && team.salespeople.length) {
      const day = addDays(date, int(r, 0, 5));
      if (day <= lastDay) qualify = { by: team.salespeople[int(r, 0, team.salespeople.length - 1)], at: at(day, 15 * 60 + k), note: '已拜访 档案完整 已签字' };
    }
    rows.push({ fields, qualify });
  }
  return rows;
}

/** What `p` does on workday `date` (index `dayIndex` of the month's workdays), or null when not employed or an admin. */
export function planDay(org: PlanOrg, p: PlanPerson, date: string, dayIndex: number, cover: LeaveCover, seed = 1): PlanDay | null {
  if (!judged(p) || !employedOn(p, date)) return null;
  const { last } = monthRange(BENCH_MONTH);
  const r = rng(seed, p.id, dayIndex, 0xda7);
  const day: PlanDay = { date, employeeId: p.id, inAt: null, outAt: null, checkinAt: null, records: null, report: null, manual: null };
  const team = org.teams[(p.teamId ?? 1) - 1];
  if (p.role !== 'supervisor' && r() < 0.003) day.manual = { by: team.supervisorId, kind: 'misconduct', at: at(date, 17 * 60 + 30) };
  else if (p.role === 'agent' && r() < 0.005) day.manual = { by: team.supervisorId, kind: 'award', at: at(date, 17 * 60 + 31) };
  if (cover === 'full') return day;
  const absent = cover === 'none' && r() < 0.005;
  if (absent) return day;
  // Clock-in: on time mostly; 4 % a little late, 0.7 % more than 30 minutes, 0.1 % after 13:30.
  const late = r();
  const start = cover === 'am' ? 13 * 60 : 9 * 60;
  const inMinute = late < 0.04 ? start + int(r, 1, 30) : late < 0.047 ? start + int(r, 31, 150) : late < 0.048 && cover === 'none' ? 13 * 60 + 40 : start - int(r, 1, 30);
  day.inAt = at(date, inMinute, int(r, 0, 59));
  // Clock-out: 1 % forget, 1.5 % a little early, 0.3 % far too early.
  const end = cover === 'pm' ? 12 * 60 : 18 * 60;
  const early = r();
  if (early >= 0.01) {
    const outMinute = early < 0.025 ? end - int(r, 1, 30) : early < 0.028 ? end - int(r, 31, 120) : end + int(r, 0, 40);
    day.outAt = at(date, outMinute, int(r, 0, 59));
  }
  // The meeting (17:00–18:00): unless on afternoon leave; 3 % late, 2 % miss it.
  const meet = r();
  if (cover !== 'pm' && meet >= 0.02) day.checkinAt = at(date, meet < 0.05 ? 17 * 60 + int(r, 10, 40) : 16 * 60 + int(r, 40, 64), int(r, 0, 59));
  if (p.role === 'agent') {
    const count = cover === 'none' ? int(r, 8, 12) : int(r, 3, 6);
    day.records = { at: at(date, 17 * 60 + 20, int(r, 0, 59)), rows: planRecords(org, p, date, dayIndex, count, r, last) };
    day.report = { at: at(date, 18 * 60 + int(r, 5, 30)), calls: count + int(r, 20, 80) };
  }
  return day;
}

/** Collections of the month: 15 % of agents have one or two, recorded by their supervisor; 1 in 10 is reversed the next workday. */
export function planCollections(org: PlanOrg, calendar: WorkCalendar, seed = 1): PlanCollection[] {
  const days = benchWorkdays(calendar);
  const out: PlanCollection[] = [];
  for (const p of org.people) {
    if (p.role !== 'agent') continue;
    const r = rng(seed, p.id, 0xc011);
    if (r() >= 0.15) continue;
    const n = int(r, 1, 2);
    for (let i = 0; i < n; i++) {
      const d = int(r, 0, days.length - 2);
      if (!employedOn(p, days[d])) continue;
      const reversed = r() < 0.1;
      out.push({
        agentId: p.id, by: org.teams[(p.teamId ?? 1) - 1].supervisorId, amountFen: int(r, 50, 800) * 10000, customer: `回款客户${p.id}-${i}`,
        at: at(days[d], 16 * 60 + i), reversedAt: reversed ? at(days[d + 1], 10 * 60 + i) : null,
      });
    }
  }
  return out;
}

/** The weekly summaries of the month's four full weeks: 90 % in time (Friday 17:xx), 4 % late, 6 % missing. */
export function planSummaries(org: PlanOrg, calendar: WorkCalendar, seed = 1): PlanSummary[] {
  const out: PlanSummary[] = [];
  for (const monday of benchMondays()) {
    const lastDay = calendar.lastWorkdayOfWeek(monday);
    if (!lastDay) continue;
    for (const p of org.people) {
      if (!judged(p) || !employedOn(p, monday) || !employedOn(p, lastDay)) continue;
      const r = rng(seed, p.id, Number(monday.slice(8)), 0x5a);
      const x = r();
      if (x >= 0.94) continue;
      out.push({ employeeId: p.id, text: `第${monday}周总结：拨打若干，A 类 1 个。`, sentAt: at(lastDay, x < 0.9 ? 17 * 60 + int(r, 0, 59) : 20 * 60 + int(r, 0, 59)) });
    }
  }
  return out;
}

/** The Mondays of the weeks whose summary deadline falls in the month (the weekly check's slots). */
export function benchMondays(): string[] {
  return ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
}

/** The cover of `date` by a person's approved leave. */
export function coverOn(covers: Map<number, LeaveSpan>, employeeId: number, date: string): LeaveCover {
  const span = covers.get(employeeId);
  return span ? spanCover(span, date) : 'none';
}
