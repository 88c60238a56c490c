import type { Role } from './roles';

/** Points (negative = taken away) and a fine in integer fen. */
export interface Penalty {
  points: number;
  fineFen: number;
}

/** A misconduct a supervisor deducts by name (H-15…H-19). */
export interface MisconductRule extends Penalty {
  name: string;
  rule: string;
  aliases: string[];
}

/**
 * The handbook as data, as the rules receive it: times of day in minutes after midnight,
 * money in integer fen, fractions as integers over a stated denominator (no floats near money).
 */
export interface Policy {
  timezone: string;
  calendar: { overridesFile: string };
  workHours: { start: number; end: number; morningEnd: number; afternoonStart: number };
  judgedRoles: Role[];
  attendance: {
    minorLimitMinutes: number;
    minor: Penalty;
    halfDayAbsent: { points: number };
    wholeDayAbsent: { points: number };
    absenceFineMultiplier: number;
    /** Share of a day that a half day is, in hundredths (50 = 0.5). */
    halfDayFractionPct: number;
  };
  meeting: {
    start: number;
    end: number;
    checkinOpensMinutesBefore: number;
    graceMinutes: number;
    late: { points: number };
    absent: { points: number };
  };
  weeklySummary: { deadline: number; missing: { points: number } };
  leave: { noticeDays: number; sickNoteRequired: boolean; personalLeaveUnpaid: boolean };
  resignation: { noticeDays: number };
  pay: {
    baseSalaryFen: number;
    /** H-9 divisor in hundredths: 21.75 → 2175. */
    dailyBaseDivisorHundredths: number;
    validCallFen: number;
    leadBonusFen: { A: number; B: number };
    /** Commission in basis points: 1% → 100. */
    commissionBasisPoints: number;
  };
  score: { start: number; bonusAbove: number; bonusFen: number; penaltyBelow: number; penaltyFen: number };
  misconduct: MisconductRule[];
  customerRecord: { phonePattern: string; payGrades: Array<'A' | 'B'> };
  schedule: {
    meetingReminder: number;
    reportNudge: number;
    closeDay: number;
    weeklyRanking: number;
    closeMonthDay: number;
    closeMonthTime: number;
    reminderCatchUpMinutes: number;
  };
  events: { dedupRetentionDays: number };
  /** A chat turn's time budget (chat.turnBudgetSeconds), in milliseconds. */
  chat: { turnBudgetMs: number };
}
