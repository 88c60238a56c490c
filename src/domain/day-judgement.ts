import { dailyBaseShareFen } from './money';
import type { LeaveCover } from './leave-halves';
import type { Policy } from './policy';

/** What went wrong on a day (H-11, H-12); each is one ledger entry. */
export type IncidentCode =
  | 'late' // ≤ 30 minutes late
  | 'late-half' // > 30 minutes late: half a day absent
  | 'early' // ≤ 30 minutes early
  | 'early-half' // > 30 minutes early: half a day absent
  | 'missing-in' // a clock-out without a clock-in
  | 'missing-out' // a clock-in without a clock-out
  | 'absent-half' // the half day that leave does not cover, with no punch or an absence in it
  | 'half-capped' // minor incidents beside half-day leave, capped at a half day's points
  | 'absent-day' // 旷工一天: the day's only entry
  | 'meeting-late'
  | 'meeting-absent';

/** One incident with its points and fine. */
export interface Incident {
  code: IncidentCode;
  rule: 'H-11' | 'H-12';
  points: number;
  fineFen: number;
  /** Minutes late or early, where that is what it is about. */
  minutes?: number;
}

/** The facts of one employee's workday, times as minutes after midnight in the policy's zone. */
export interface DayFacts {
  /** Clock-in minutes of the day (any order); the first one counts. */
  ins: number[];
  /** Clock-out minutes of the day; the last one counts. */
  outs: number[];
  /** Approved leave covering the day. */
  leave: LeaveCover;
  /** Minute of the first meeting check-in, if any. */
  checkin: number | null;
  /** This employee's monthly base in fen (their own, else the policy's). */
  baseFen: number;
}

/** The outcome of judging a day. */
export interface DayVerdict {
  status: 'ok' | 'incidents' | 'absent-half' | 'absent-day' | 'leave';
  lateMinutes: number;
  earlyMinutes: number;
  incidents: Incident[];
}

/**
 * Judges one workday by the handbook's edge rules (H-11, H-12, H-14). The caller has already
 * decided the day is judged (a workday, within employment, a judged role).
 */
export function judgeDay(f: DayFacts, p: Policy): DayVerdict {
  if (f.leave === 'full') return { status: 'leave', lateMinutes: 0, earlyMinutes: 0, incidents: [] };
  const a = p.attendance;
  const halfDay = (code: IncidentCode): Incident => ({
    code,
    rule: 'H-11',
    points: a.halfDayAbsent.points,
    fineFen: dailyBaseShareFen(f.baseFen, p.pay.dailyBaseDivisorHundredths, a.absenceFineMultiplier, a.halfDayFractionPct),
  });
  const wholeDay: Incident = {
    code: 'absent-day',
    rule: 'H-11',
    points: a.wholeDayAbsent.points,
    fineFen: dailyBaseShareFen(f.baseFen, p.pay.dailyBaseDivisorHundredths, a.absenceFineMultiplier, 100),
  };
  const minor = (code: IncidentCode, minutes?: number): Incident => ({ code, rule: 'H-11', points: a.minor.points, fineFen: a.minor.fineFen, minutes });

  const expectedStart = f.leave === 'am' ? p.workHours.afternoonStart : p.workHours.start;
  const expectedEnd = f.leave === 'pm' ? p.workHours.morningEnd : p.workHours.end;
  const firstIn = f.ins.length ? Math.min(...f.ins) : null;
  const lastOut = f.outs.length ? Math.max(...f.outs) : null;
  const lateMinutes = firstIn === null ? 0 : Math.max(0, firstIn - expectedStart);
  const earlyMinutes = lastOut === null ? 0 : Math.max(0, expectedEnd - lastOut);
  const halfLeave = f.leave !== 'none';

  if (firstIn === null && lastOut === null) {
    return halfLeave
      ? { status: 'absent-half', lateMinutes, earlyMinutes, incidents: [halfDay('absent-half')] }
      : { status: 'absent-day', lateMinutes, earlyMinutes, incidents: [wholeDay] };
  }

  const incidents: Incident[] = [];
  let wholeDayAbsent = false;
  if (firstIn === null) incidents.push(minor('missing-in'));
  else if (firstIn > p.workHours.afternoonStart + a.minorLimitMinutes) wholeDayAbsent = true;
  else if (lateMinutes > a.minorLimitMinutes) incidents.push({ ...halfDay('late-half'), minutes: lateMinutes });
  else if (lateMinutes > 0) incidents.push(minor('late', lateMinutes));

  if (lastOut === null) incidents.push(minor('missing-out'));
  else if (lastOut < p.workHours.morningEnd - a.minorLimitMinutes) wholeDayAbsent = true;
  else if (earlyMinutes > a.minorLimitMinutes) incidents.push({ ...halfDay('early-half'), minutes: earlyMinutes });
  else if (earlyMinutes > 0) incidents.push(minor('early', earlyMinutes));

  if (wholeDayAbsent && !halfLeave) return { status: 'absent-day', lateMinutes, earlyMinutes, incidents: [wholeDay] };
  if (!wholeDayAbsent && f.leave !== 'pm') {
    const m = judgeMeeting(f.checkin, p);
    if (m) incidents.push(m);
  }
  // With half-day leave the other half costs at most a half day absent (docs/rules.md edges): an
  // absence there is that half day; minor incidents keep their cost, capped at its points and fine.
  const half = halfDay('absent-half');
  const points = incidents.reduce((s, i) => s + i.points, 0);
  const fines = incidents.reduce((s, i) => s + i.fineFen, 0);
  if (halfLeave && (wholeDayAbsent || (incidents.some((i) => i.code.endsWith('-half')) && points < half.points))) {
    return { status: 'absent-half', lateMinutes, earlyMinutes, incidents: [half] };
  }
  if (halfLeave && (points < half.points || fines > half.fineFen)) {
    const capped: Incident = { code: 'half-capped', rule: 'H-11', points: Math.max(points, half.points), fineFen: Math.min(fines, half.fineFen) };
    return { status: 'incidents', lateMinutes, earlyMinutes, incidents: [capped] };
  }
  const worst = incidents.some((i) => i.code.endsWith('-half')) ? 'absent-half' : incidents.length ? 'incidents' : 'ok';
  return { status: worst, lateMinutes, earlyMinutes, incidents };
}

/**
 * H-12 by check-in: from `checkinOpensMinutesBefore` before the start to the end of the grace
 * is on time; later until the meeting's end is late; none (or none in that window) is absent.
 */
export function judgeMeeting(checkin: number | null, p: Policy): Incident | null {
  const m = p.meeting;
  const opens = m.start - m.checkinOpensMinutesBefore;
  if (checkin !== null && checkin >= opens && checkin <= m.start + m.graceMinutes) return null;
  if (checkin !== null && checkin > m.start + m.graceMinutes && checkin <= m.end) {
    return { code: 'meeting-late', rule: 'H-12', points: m.late.points, fineFen: 0 };
  }
  return { code: 'meeting-absent', rule: 'H-12', points: m.absent.points, fineFen: 0 };
}
