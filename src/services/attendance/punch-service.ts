import type { Employee } from '../../db/entities';
import { checkinOn, insertCheckin, insertPunch, isDayClosed, moveCheckin, readPunchDay, type PunchFact } from '../../db/stores/attendance-store';
import { ForbiddenError, UserError } from '../../core/errors';
import { formatMinute, zonedMinute } from '../../domain/dates';
import { judgeDay, type DayFacts, type Incident } from '../../domain/day-judgement';
import type { ServiceContext } from '../service-context';
import { loadDayFacts, notJudgedReason } from './day-facts';
import { writeTransaction } from '../../db/transaction';
import { judgeEmployeeDayIn, LATENESS_CODES } from './judge-employee-day';

/** Which punch: `打卡` alone is 'auto' (a clock-in when there is none that day, else a clock-out). */
export type PunchKind = 'in' | 'out' | 'auto';

/** What a punch did, for the reply. */
export interface PunchResult {
  kind: 'in' | 'out';
  workDate: string;
  /** 'HH:MM' of this punch in the company's time zone. */
  time: string;
  /** A second clock-in changes nothing: the first one's time. */
  firstInAt?: string;
  /** A clock-out replaced an earlier one: the earlier time. */
  replacedOut?: string;
  /** A later clock-out already exists and still counts. */
  laterOut?: string;
  /** The lateness entered at this clock-in (H-11), with the ledger id. */
  lateness?: Incident & { entryId: number };
  /** A clock-in after the afternoon start + 30 minutes: the day will close as a whole day absent. */
  wholeDayAbsent?: boolean;
  /** Why the day is not judged (holiday, before the start date …). */
  notJudged?: string;
  /** The day had already been closed and was judged again with this punch. */
  rejudged: boolean;
  /**
   * A clock-out before the end of the expected hours: minutes early and the entry the close
   * will make for it (judgeDay on the day's facts with this punch), unless a later clock-out
   * replaces it.
   */
  early?: { minutes: number; incident: Incident };
}

/** The incidents an early last clock-out can cause (H-11 edges). */
const EARLY_CODES: ReadonlySet<string> = new Set(['early', 'early-half', 'absent-day', 'absent-half', 'half-capped']);

function noAdmins(employee: Employee): void {
  if (employee.role === 'admin') throw new ForbiddenError('管理员不参与考勤，无需打卡或签到。', 'attendance.admin');
}

/**
 * Records a punch at the time the platform stamped on the message (H-11). The first clock-in
 * and the last clock-out count; lateness is entered at once; a punch for a day already closed
 * re-judges it.
 */
export async function recordPunch(
  ctx: ServiceContext,
  args: { employee: Employee; kind: PunchKind; at: Date; sourceEvent?: string; now?: Date },
): Promise<PunchResult> {
  noAdmins(args.employee);
  const { date, minute } = zonedMinute(args.at, ctx.policy.timezone);
  const now = args.now ?? args.at;
  return writeTransaction(ctx.ds, async (tx) => {
    const { punches, closed } = await readPunchDay(tx, args.employee.id, date);
    const minuteOf = (p: PunchFact) => zonedMinute(p.at, ctx.policy.timezone).minute;
    const ins = punches.filter((p) => p.kind === 'in').map(minuteOf);
    const outs = punches.filter((p) => p.kind === 'out').map(minuteOf);
    const kind = args.kind === 'auto' ? (ins.length ? 'out' : 'in') : args.kind;
    const result: PunchResult = { kind, workDate: date, time: formatMinute(minute), rejudged: false };
    result.notJudged = notJudgedReason(ctx, args.employee, date);
    if (kind === 'in' && ins.length && Math.min(...ins) <= minute) {
      result.firstInAt = formatMinute(Math.min(...ins));
      return result;
    }
    if (kind === 'out' && outs.length) {
      const last = Math.max(...outs);
      if (last > minute) result.laterOut = formatMinute(last);
      else result.replacedOut = formatMinute(last);
    }
    await insertPunch(tx, { employeeId: args.employee.id, workDate: date, at: args.at, kind, sourceEvent: args.sourceEvent ?? null, createdAt: now });
    if (kind === 'out' && !closed) {
      if (!result.notJudged && !result.laterOut && minute < ctx.policy.workHours.end) {
        // The same pure rules as the close, on the day's facts with this punch (H-11, H-14).
        const facts = await loadDayFacts(tx, ctx, [args.employee], date, new Map([[args.employee.id, [...punches, { kind, at: args.at }]]]));
        const verdict = judgeDay(facts.get(args.employee.id) as DayFacts, ctx.policy);
        const incident = verdict.incidents.find((i) => EARLY_CODES.has(i.code));
        if (verdict.earlyMinutes > 0 && incident) result.early = { minutes: verdict.earlyMinutes, incident };
      }
      return result;
    }
    const judged = await judgeEmployeeDayIn(tx, ctx, args.employee, date, now, closed ? 'all' : 'lateness', [...punches, { kind, at: args.at }]);
    result.rejudged = closed;
    if (kind === 'in' && judged.verdict) {
      const late = judged.verdict.incidents.find((i) => LATENESS_CODES.has(i.code));
      const entry = judged.changes.added.find((e) => LATENESS_CODES.has(e.code));
      if (late && entry) result.lateness = { ...late, entryId: entry.id };
      result.wholeDayAbsent = minute > ctx.policy.workHours.afternoonStart + ctx.policy.attendance.minorLimitMinutes;
    }
    return result;
  });
}

/** What a meeting check-in did, for the reply. */
export interface CheckinResult {
  workDate: string;
  time: string;
  /** 'on-time' | 'late' (H-12), or 'already' with the first check-in's time. */
  status: 'on-time' | 'late' | 'already';
  firstAt?: string;
}

/**
 * Records a 签到 at the daily meeting (H-12): accepted from 30 minutes before its start until
 * its end; the first one counts; a check-in for a day already closed re-judges it.
 */
export async function recordCheckin(
  ctx: ServiceContext,
  args: { employee: Employee; at: Date; sourceEvent?: string; now?: Date },
): Promise<CheckinResult> {
  noAdmins(args.employee);
  const m = ctx.policy.meeting;
  const { date, minute } = zonedMinute(args.at, ctx.policy.timezone);
  if (!ctx.calendar.isWorkday(date)) throw new UserError('今天不是工作日，没有例会。', undefined, 'checkin.no-meeting');
  if (minute < m.start - m.checkinOpensMinutesBefore) {
    throw new UserError(`例会签到 ${formatMinute(m.start - m.checkinOpensMinutesBefore)} 开始，请到时再签到。`, '签到', 'checkin.too-early');
  }
  if (minute > m.end) throw new UserError(`今天的例会已于 ${formatMinute(m.end)} 结束，签到不再计入（H-12）。`, undefined, 'checkin.too-late');
  const now = args.now ?? args.at;
  const time = formatMinute(minute);
  return writeTransaction(ctx.ds, async (tx) => {
    const first = await checkinOn(tx, args.employee.id, date);
    // The platform's stamp counts, not arrival: a redelivered earlier check-in replaces a later one.
    if (first && first.at <= args.at) return { workDate: date, time, status: 'already' as const, firstAt: formatMinute(zonedMinute(first.at, ctx.policy.timezone).minute) };
    if (first) await moveCheckin(tx, first.id, { at: args.at, sourceEvent: args.sourceEvent ?? null });
    else await insertCheckin(tx, { employeeId: args.employee.id, workDate: date, at: args.at, sourceEvent: args.sourceEvent ?? null, createdAt: now });
    if (await isDayClosed(tx, args.employee.id, date)) {
      await judgeEmployeeDayIn(tx, ctx, args.employee, date, now, 'all');
    }
    return { workDate: date, time, status: minute <= m.start + m.graceMinutes ? ('on-time' as const) : ('late' as const) };
  });
}
