import type { WorkDate } from './dates';

/** Which part of a day approved leave covers. */
export type LeaveCover = 'none' | 'am' | 'pm' | 'full';

/** The half a leave request starts or ends on: 'am' (morning) or 'pm' (afternoon). */
export type Half = 'am' | 'pm';

/** A leave span: from the start half of startDate to the end half of endDate, both included. */
export interface LeaveSpan {
  startDate: WorkDate;
  startHalf: Half;
  endDate: WorkDate;
  endHalf: Half;
}

/** True when the span is well formed: it does not end before it starts. */
export function isValidSpan(s: LeaveSpan): boolean {
  if (s.endDate < s.startDate) return false;
  return !(s.endDate === s.startDate && s.startHalf === 'pm' && s.endHalf === 'am');
}

/** The part of `date` one span covers. */
export function spanCover(s: LeaveSpan, date: WorkDate): LeaveCover {
  if (date < s.startDate || date > s.endDate) return 'none';
  const am = !(date === s.startDate && s.startHalf === 'pm');
  const pm = !(date === s.endDate && s.endHalf === 'am');
  if (am && pm) return 'full';
  if (am) return 'am';
  // A same-day span from the afternoon to the morning is invalid and covers nothing.
  return pm ? 'pm' : 'none';
}

/** The union of what several spans cover on `date`. */
export function leaveCover(spans: LeaveSpan[], date: WorkDate): LeaveCover {
  let am = false;
  let pm = false;
  for (const s of spans) {
    const c = spanCover(s, date);
    if (c === 'full' || c === 'am') am = true;
    if (c === 'full' || c === 'pm') pm = true;
  }
  if (am && pm) return 'full';
  if (am) return 'am';
  return pm ? 'pm' : 'none';
}
