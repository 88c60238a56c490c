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
  calendar: {
    overridesFile: string;
    /** From the 1st of this month admins are warned daily while next year is provisional. */
    warnFromMonth: number;
    /** The longest range (days, both ends included) one `节假日` entry may cover. */
    maxRangeDays: number;
    /** The longest holiday name `节假日` accepts. */
    nameMaxChars: number;
    /** How often each replica checks the database for days entered in chat. */
    refreshSeconds: number;
  };
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
  leave: { noticeDays: number; sickNoteRequired: boolean; personalLeaveUnpaid: boolean; maxCalendarDays: number };
  /** Which dates people may type: the accepted years around today's, and the window of a date without a year. */
  dates: { yearsBack: number; yearsAhead: number; yearlessMonthsBack: number; yearlessMonthsAhead: number };
  /** 补卡: approved corrections a month (of the corrected day), and how many workdays back a day may be corrected. */
  correction: { monthlyQuota: number; windowWorkdays: number };
  /** 代理: the most calendar days one delegation covers. */
  delegation: { maxCalendarDays: number };
  /** 申诉: workdays after a month's close that its entries may still be appealed. */
  appeal: { windowWorkdays: number };
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
  /** H-8 回款: the largest single amount accepted, in fen. */
  collection: { maxFen: number };
  /** H-8 the month's close: a re-closed total that moved more than `flagChangeFen` is flagged; 结算 in chat closes at once up to `chatCloseMaxEmployees`, else as a job; lists name at most `summaryMaxNames`. */
  payroll: { flagChangeFen: number; chatCloseMaxEmployees: number; summaryMaxNames: number };
  /** The web console's 本月 and 员工 pages open months from `back` months before the current one to `ahead` after it. */
  consoleMonths: { back: number; ahead: number };
  score: { start: number; bonusAbove: number; bonusFen: number; penaltyBelow: number; penaltyFen: number };
  misconduct: MisconductRule[];
  customerRecord: {
    phonePattern: string;
    payGrades: Array<'A' | 'B'>;
    /** Two agents recording the same phone within this many days: flagged to the supervisor as a possible duplicate lead. */
    duplicateWindowDays: number;
    /** 待确认 shows at most this many leads, and says how many more there are. */
    pendingListMax: number;
  };
  schedule: {
    meetingReminder: number;
    reportNudge: number;
    closeDay: number;
    /** The day digest, after closeDay (minute of the day). */
    dayDigest: number;
    /** The day digest also tells what re-judging changed on this many earlier days (since their digest). */
    dayDigestLookbackDays: number;
    weeklyRanking: number;
    /** When a 代理 that starts that day hands the supervisor's pending cards to the delegate. */
    delegationHandover: number;
    /** A new employee's welcome (with 帮助) on their first day (start date). */
    welcome: number;
    closeMonthDay: number;
    closeMonthTime: number;
    reminderCatchUpMinutes: number;
  };
  /** Reminders of pending requests (L, B, S, U): after these working minutes to the decider, then to the admins. */
  approvals: {
    remindAfterMinutes: number;
    escalateAfterMinutes: number;
    /** A leave still pending at this minute of the day before its first day goes to the admins at once. */
    leaveEveEscalation: number;
  };
  events: {
    dedupRetentionDays: number;
    /** An event stamped more than this ahead of the server clock is refused like a stale one. */
    maxClockSkewSeconds: number;
  };
  /** H-2 the call report: the most calls one 日报 may state. */
  report: { maxCalls: number };
  /** Files the bot sends (导出): how long a web chat download link works, in minutes. */
  files: { linkMinutes: number };
  /**
   * The web console: how long the one-time sign-in link of 后台 works (minutes), a session
   * lasts (hours), and how long ended links and sessions are kept (days).
   */
  console: { linkMinutes: number; sessionHours: number; keepDays: number };
  textLimits: TextLimits;
  /** A chat turn's time budget (chat.turnBudgetSeconds), in milliseconds. */
  chat: { turnBudgetMs: number };
  /** Files sent in chat (a sick note): the largest one the web chat's file button takes, in bytes. */
  attachments: { maxBytes: number };
}

/**
 * The longest free text each field takes, in characters (code points, as MySQL utf8mb4 counts
 * them); `message` bounds a whole incoming message before it is read.
 */
export interface TextLimits {
  message: number;
  /** 请假, 扣分, 加分, 撤销 and 驳回 reasons. */
  reason: number;
  /** 日报 备注 and the 确认 note. */
  note: number;
  /** 周报. */
  summary: number;
  /** 客户名称 of a customer record or a 回款. */
  company: number;
  contact: number;
  titlePhone: number;
  headcount: number;
  itStatus: number;
}
