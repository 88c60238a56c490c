import { z } from 'zod';
import { ROLES } from '../domain/roles';

/** "HH:MM" → minutes after midnight. */
const clock = z
  .string({ message: 'must be a time "HH:MM"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" between 00:00 and 23:59')
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

/**
 * A number with at most two decimals, returned ×100 as an integer (yuan → fen, 21.75 → 2175);
 * at most a billion, so fen stay safe integers through every product the rules take.
 */
const hundredths = z
  .number({ message: 'must be a number' })
  .refine((v) => Number.isFinite(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'must have at most two decimals')
  .refine((v) => Math.abs(v) <= 1e9, 'must be at most 1000000000')
  .transform((v) => Math.round(v * 100));

const fen = hundredths.refine((v) => v >= 0, 'must not be negative');
const deduction = z.number({ message: 'must be a number' }).int('must be a whole number').max(0, 'must be zero or negative (points taken away)');
const count = z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');
const positiveCount = count.min(1, 'must be at least 1');

/**
 * The largest attachment the policy may allow: the attachments column is a MEDIUMBLOB (16 MiB)
 * and MariaDB's default max_allowed_packet is 16 MiB for the whole INSERT, so 12 MiB leaves room.
 */
const MAX_ATTACHMENT_BYTES = 12 * 1024 * 1024;

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const regex = z.string().min(1).refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

const misconduct = z
  .object({
    name: z.string().min(1),
    rule: z.string().regex(/^H-\d+$/, 'must be a handbook id such as H-15'),
    points: deduction,
    fineYuan: fen,
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .transform(({ fineYuan, ...m }) => ({ ...m, fineFen: fineYuan }));

/**
 * The most characters each textLimits key may allow: what its column stores on MySQL, where
 * utf8mb4 VARCHAR(n) holds n characters and TEXT 65,535 bytes (16,383 four-byte characters; a
 * reason or note is also copied into the audit log's JSON, up to 6 bytes a character escaped,
 * so 10,000). Columns: src/db/entities (customer_records, leave_requests, point_entries,
 * daily_reports, weekly_summaries, collections); test/integration/db/text-limit-columns.test.ts
 * stores each maximum on the real database.
 */
export const TEXT_COLUMN_CHARS = {
  reason: 10000,
  note: 10000,
  summary: 10000,
  company: 128,
  contact: 64,
  titlePhone: 255,
  headcount: 32,
  itStatus: 255,
} as const;

const textLimit = (column: number) => positiveCount.max(column, `must be at most ${column}: longer text does not fit its column on MySQL`);

/** The schema of config/policy.yaml; its output is the domain's Policy (checked in policy-loader). */
export const policySchema = z
  .object({
    timezone,
    calendar: z
      .object({
        overridesFile: z.string().min(1),
        warnFromMonth: positiveCount.max(12, 'must be a month, 1 to 12'),
        maxRangeDays: positiveCount.max(366, 'must be at most 366'),
        nameMaxChars: positiveCount.max(64, 'must be at most 64 (the column holds 64)'),
        refreshSeconds: positiveCount.max(3600, 'must be at most 3600'),
      })
      .strict(),
    workHours: z.object({ start: clock, end: clock, morningEnd: clock, afternoonStart: clock }).strict(),
    judgedRoles: z.array(z.enum(ROLES)),
    attendance: z
      .object({
        minorLimitMinutes: positiveCount,
        minor: z.object({ points: deduction, fineYuan: fen }).strict(),
        halfDayAbsent: z.object({ points: deduction }).strict(),
        wholeDayAbsent: z.object({ points: deduction }).strict(),
        absenceFineMultiplier: count,
        halfDayFraction: hundredths.refine((v) => v > 0 && v < 100, 'must be between 0 and 1'),
      })
      .strict()
      .transform(({ minor, halfDayFraction, ...a }) => ({
        ...a,
        minor: { points: minor.points, fineFen: minor.fineYuan },
        halfDayFractionPct: halfDayFraction,
      })),
    meeting: z
      .object({
        start: clock,
        end: clock,
        checkinOpensMinutesBefore: count,
        graceMinutes: count,
        late: z.object({ points: deduction }).strict(),
        absent: z.object({ points: deduction }).strict(),
      })
      .strict(),
    weeklySummary: z.object({ deadline: clock, missing: z.object({ points: deduction }).strict() }).strict(),
    leave: z
      .object({
        noticeDays: count,
        sickNoteRequired: z.boolean(),
        personalLeaveUnpaid: z.boolean(),
        maxCalendarDays: positiveCount.max(366, 'must be at most 366'),
      })
      .strict(),
    dates: z
      .object({
        yearsBack: count.max(5, 'must be at most 5'),
        yearsAhead: count.max(5, 'must be at most 5'),
        yearlessMonthsBack: count.max(12, 'must be at most 12'),
        yearlessMonthsAhead: count.max(12, 'must be at most 12'),
      })
      .strict()
      .refine((d) => d.yearlessMonthsBack + d.yearlessMonthsAhead === 12, {
        message: 'yearlessMonthsBack + yearlessMonthsAhead must be 12, so a date without a year has exactly one reading',
        path: ['yearlessMonthsAhead'],
      }),
    correction: z.object({ monthlyQuota: count.max(31, 'must be at most 31'), windowWorkdays: count.max(31, 'must be at most 31') }).strict(),
    delegation: z.object({ maxCalendarDays: positiveCount.max(366, 'must be at most 366') }).strict(),
    appeal: z.object({ windowWorkdays: count.max(31, 'must be at most 31') }).strict(),
    resignation: z.object({ noticeDays: count }).strict(),
    pay: z
      .object({
        baseSalaryYuan: fen,
        dailyBaseDivisor: hundredths.refine((v) => v > 0, 'must be positive'),
        validCallYuan: fen,
        leadBonusYuan: z.object({ A: fen, B: fen }).strict(),
        commissionPercent: fen.refine((v) => v <= 10000, 'must be at most 100'),
      })
      .strict()
      .transform((p) => ({
        baseSalaryFen: p.baseSalaryYuan,
        dailyBaseDivisorHundredths: p.dailyBaseDivisor,
        validCallFen: p.validCallYuan,
        leadBonusFen: p.leadBonusYuan,
        commissionBasisPoints: p.commissionPercent,
      })),
    collection: z
      .object({ maxYuan: fen.refine((v) => v > 0, 'must be positive') })
      .strict()
      .transform((c) => ({ maxFen: c.maxYuan })),
    payroll: z
      .object({ flagChangeYuan: fen, chatCloseMaxEmployees: count.max(100000, 'must be at most 100000'), summaryMaxNames: positiveCount.max(200, 'must be at most 200') })
      .strict()
      .transform(({ flagChangeYuan, ...p }) => ({ ...p, flagChangeFen: flagChangeYuan })),
    consoleMonths: z.object({ back: count.max(240, 'must be at most 240'), ahead: count.max(24, 'must be at most 24') }).strict(),
    score: z
      .object({ start: count, bonusAbove: count, bonusYuan: fen, penaltyBelow: count, penaltyYuan: fen })
      .strict()
      .transform(({ bonusYuan, penaltyYuan, ...s }) => ({ ...s, bonusFen: bonusYuan, penaltyFen: penaltyYuan })),
    misconduct: z.array(misconduct).min(1),
    customerRecord: z
      .object({
        phonePattern: regex,
        payGrades: z.array(z.enum(['A', 'B'])).min(1),
        duplicateWindowDays: z.number().int().min(0).max(366),
        pendingListMax: z.number().int().min(1).max(50),
      })
      .strict(),
    schedule: z
      .object({
        meetingReminder: clock,
        reportNudge: clock,
        closeDay: clock,
        dayDigest: clock,
        dayDigestLookbackDays: positiveCount.max(62, 'must be at most 62'),
        weeklyRanking: clock,
        delegationHandover: clock,
        welcome: clock,
        closeMonthDay: z.number().int().min(1).max(28, 'must be 1–28 so every month has it'),
        closeMonthTime: clock,
        reminderCatchUpMinutes: count,
      })
      .strict(),
    approvals: z
      .object({
        remindAfterHours: positiveCount.max(80, 'must be at most 80'),
        escalateAfterHours: positiveCount.max(160, 'must be at most 160'),
        leaveEveEscalation: clock.refine((m) => m % 30 === 0, 'must be on the hour or the half hour (the reminder job runs every 30 minutes)'),
      })
      .strict()
      .transform((a) => ({
        remindAfterMinutes: a.remindAfterHours * 60,
        escalateAfterMinutes: a.escalateAfterHours * 60,
        leaveEveEscalation: a.leaveEveEscalation,
      })),
    events: z.object({ dedupRetentionDays: positiveCount, maxClockSkewSeconds: count }).strict(),
    report: z.object({ maxCalls: positiveCount }).strict(),
    files: z.object({ linkMinutes: positiveCount.max(1440, 'must be at most 1440 (a day)') }).strict(),
    console: z.object({ linkMinutes: positiveCount.max(60, 'must be at most 60 (an hour)'), sessionHours: positiveCount.max(24, 'must be at most 24 (a day)'), keepDays: positiveCount.max(3660, 'must be at most 3660 (ten years)') }).strict(),
    textLimits: z
      .object({
        message: positiveCount,
        ...Object.fromEntries(Object.entries(TEXT_COLUMN_CHARS).map(([key, column]) => [key, textLimit(column)])) as {
          [K in keyof typeof TEXT_COLUMN_CHARS]: ReturnType<typeof textLimit>;
        },
      })
      .strict(),
    chat: z
      .object({ turnBudgetSeconds: z.number({ message: 'must be a number' }).min(0.1, 'must be at least 0.1').max(60, 'must be at most 60') })
      .strict()
      .transform((c) => ({ turnBudgetMs: Math.round(c.turnBudgetSeconds * 1000) })),
    attachments: z.object({ maxBytes: positiveCount.max(MAX_ATTACHMENT_BYTES, `must be at most ${MAX_ATTACHMENT_BYTES} (12 MiB)`) }).strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const w = p.workHours;
    if (!(w.start < w.morningEnd && w.morningEnd <= w.afternoonStart && w.afternoonStart < w.end)) {
      ctx.addIssue({ code: 'custom', path: ['workHours'], message: 'must satisfy start < morningEnd ≤ afternoonStart < end' });
    }
    if (p.approvals.escalateAfterMinutes <= p.approvals.remindAfterMinutes) {
      ctx.addIssue({ code: 'custom', path: ['approvals', 'escalateAfterHours'], message: 'must be more than approvals.remindAfterHours' });
    }
    if (p.schedule.dayDigest <= p.schedule.closeDay) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'dayDigest'], message: 'must be after schedule.closeDay (the digest tells what the close found)' });
    }
    if (p.meeting.start >= p.meeting.end) {
      ctx.addIssue({ code: 'custom', path: ['meeting', 'end'], message: 'must be after meeting.start' });
    }
    for (const [key, limit] of Object.entries(p.textLimits)) {
      if (key !== 'message' && limit > p.textLimits.message) {
        ctx.addIssue({ code: 'custom', path: ['textLimits', key], message: 'must not be above textLimits.message (the whole message)' });
      }
    }
    if (p.score.penaltyBelow > p.score.bonusAbove) {
      ctx.addIssue({ code: 'custom', path: ['score', 'penaltyBelow'], message: 'must not be above score.bonusAbove' });
    }
    const seen = new Map<string, number>();
    p.misconduct.forEach((m, i) => {
      for (const word of [m.name, ...m.aliases]) {
        const first = seen.get(word);
        if (first !== undefined && first !== i) {
          ctx.addIssue({ code: 'custom', path: ['misconduct', i], message: `"${word}" is already used by misconduct[${first}]` });
        }
        seen.set(word, i);
      }
    });
  });
