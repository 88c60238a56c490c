import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/config/config-error';
import { loadPolicy, parsePolicy } from '../../../src/config/policy-loader';

const FILE = path.join(__dirname, '../../../config/policy.yaml');
const doc = (): Record<string, any> => parse(readFileSync(FILE, 'utf8'));

/** The problems of a policy document, or fails when it is accepted. */
function problems(d: unknown): string[] {
  try {
    parsePolicy(d);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the policy to be refused');
}

describe('config/policy.yaml holds the handbook', () => {
  const policy = loadPolicy(FILE);

  test.each<[string, unknown, unknown]>([
    ['H-1 time zone', policy.timezone, 'Asia/Shanghai'],
    ['H-1 work starts 09:00', policy.workHours.start, 9 * 60],
    ['H-1 work ends 18:00', policy.workHours.end, 18 * 60],
    ['edges: morning ends 12:00', policy.workHours.morningEnd, 12 * 60],
    ['edges: afternoon starts 13:00', policy.workHours.afternoonStart, 13 * 60],
    ['H-11 up to 30 minutes', policy.attendance.minorLimitMinutes, 30],
    ['H-11 minor: −2 points, 10 yuan', policy.attendance.minor, { points: -2, fineFen: 1000 }],
    ['H-11 half day absent −5', policy.attendance.halfDayAbsent.points, -5],
    ['H-11 whole day absent −10', policy.attendance.wholeDayAbsent.points, -10],
    ['H-11 absence fined ×3', policy.attendance.absenceFineMultiplier, 3],
    ['H-11 half a day', policy.attendance.halfDayFractionPct, 50],
    ['H-12 meeting late −2', policy.meeting.late.points, -2],
    ['H-12 meeting missed −2', policy.meeting.absent.points, -2],
    ['H-5 meeting 17:00–18:00', [policy.meeting.start, policy.meeting.end], [17 * 60, 18 * 60]],
    ['edges: meeting grace 5 minutes', policy.meeting.graceMinutes, 5],
    ['H-13 weekly summary missing −5', policy.weeklySummary.missing.points, -5],
    ['H-13 deadline 18:00', policy.weeklySummary.deadline, 18 * 60],
    ['H-14 one day ahead', policy.leave.noticeDays, 1],
    ['reading rules: a leave covers at most 31 calendar days', policy.leave.maxCalendarDays, 31],
    ['reading rules: dates from last year to next year; a date without a year 2 months back to 10 ahead', policy.dates, { yearsBack: 1, yearsAhead: 1, yearlessMonthsBack: 2, yearlessMonthsAhead: 10 }],
    ['H-21 15 days notice', policy.resignation.noticeDays, 15],
    ['补卡: 3 approved a month, at most 3 workdays back', policy.correction, { monthlyQuota: 3, windowWorkdays: 3 }],
    ['申诉: 3 workdays after the month\'s close', policy.appeal.windowWorkdays, 3],
    ['代理: at most 31 days', policy.delegation.maxCalendarDays, 31],
    ['H-8 base 1000 yuan', policy.pay.baseSalaryFen, 100000],
    ['H-9 divisor 21.75', policy.pay.dailyBaseDivisorHundredths, 2175],
    ['H-8 0.5 yuan per valid call', policy.pay.validCallFen, 50],
    ['H-8 A 100 / B 50 yuan', policy.pay.leadBonusFen, { A: 10000, B: 5000 }],
    ['H-8 commission 1%', policy.pay.commissionBasisPoints, 100],
    ['H-8 a single 回款 at most 10000000 yuan', policy.collection, { maxFen: 1_000_000_000 }],
    ['H-10 start 100, >120 +200, <80 −200', policy.score, { start: 100, bonusAbove: 120, bonusFen: 20000, penaltyBelow: 80, penaltyFen: 20000 }],
  ])('%s', (_rule, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test.each<[string, string, number, number]>([
    ['H-15 值日', '值日', -5, 500],
    ['H-16 座位', '座位', -2, 0],
    ['H-17 闲聊', '闲聊', -2, 0],
    ['H-17 骂客户', '骂客户', -5, 0],
    ['H-18 私人电话', '私人电话', -10, 10000],
    ['H-19 负面影响', '负面影响', -10, 0],
  ])('%s misconduct', (rule, name, points, fineFen) => {
    expect(policy.misconduct.find((m) => m.name === name)).toMatchObject({ rule: rule.split(' ')[0], points, fineFen });
  });

  test('issue 13: free-text limits and the calls a 日报 may state', () => {
    expect(policy.textLimits).toEqual({ message: 50000, reason: 200, note: 500, summary: 5000, company: 128, contact: 64, titlePhone: 255, headcount: 32, itStatus: 255 });
    expect(policy.report).toEqual({ maxCalls: 1000 });
    // Issue 17: a web chat download link of 导出 works 10 minutes (DESIGN.md: GET /files/TOKEN).
    expect(policy.files).toEqual({ linkMinutes: 10 });
    // Issue 18: the console's one-time link works 10 minutes, a session 8 hours.
    expect(policy.console).toEqual({ linkMinutes: 10, sessionHours: 8, keepDays: 30 });
  });

  test('the calendar override file is resolved next to the policy file', () => {
    expect(policy.calendar.overridesFile).toBe(path.join(path.dirname(FILE), 'holidays.yaml'));
  });

  test('the phone pattern is the handbook one', () => {
    const re = new RegExp(`^(?:${policy.customerRecord.phonePattern})$`);
    expect(['13800000000', '010-12345678', '0755-1234567', '02112345678'].every((p) => re.test(p))).toBe(true);
    expect(['12800000000', '1380000000', '010-123456'].some((p) => re.test(p))).toBe(false);
  });
});

describe('an invalid policy is refused with the path of the bad field', () => {
  test.each<[string, (d: Record<string, any>) => void, RegExp]>([
    ['a negative fine', (d) => (d.attendance.minor.fineYuan = -10), /^attendance\.minor\.fineYuan: must not be negative/],
    ['a fine of the wrong type', (d) => (d.misconduct[0].fineYuan = 'five'), /^misconduct\.0\.fineYuan: must be a number/],
    ['a positive deduction', (d) => (d.meeting.late.points = 2), /^meeting\.late\.points: must be zero or negative/],
    ['fen below a cent', (d) => (d.pay.validCallYuan = 0.505), /^pay\.validCallYuan: must have at most two decimals/],
    ['a malformed time', (d) => (d.workHours.start = '9am'), /^workHours\.start: must be a time "HH:MM"/],
    ['work hours out of order', (d) => (d.workHours.morningEnd = '08:00'), /^workHours: must satisfy start < morningEnd/],
    ['an unknown time zone', (d) => (d.timezone = 'Mars/Olympus'), /^timezone: must be an IANA time zone/],
    ['an unknown key (a typo)', (d) => (d.pay.baseSalary = 1000), /^pay: Unrecognized key/],
    ['a missing section', (d) => delete d.score, /^score: /],
    ['a bad regular expression', (d) => (d.customerRecord.phonePattern = '1[3-9'), /^customerRecord\.phonePattern: must be a valid regular expression/],
    ['a misconduct alias used twice', (d) => d.misconduct[1].aliases.push('卫生'), /^misconduct\.1: "卫生" is already used by misconduct\[0\]/],
    ['a 回款 limit of zero', (d) => (d.collection.maxYuan = 0), /^collection\.maxYuan: must be positive/],
    ['an amount past a billion yuan (fen would not stay safe integers)', (d) => (d.misconduct[0].fineYuan = 1e20), /^misconduct\.0\.fineYuan: must be at most 1000000000/],
    ['an unknown judged role', (d) => d.judgedRoles.push('boss'), /^judgedRoles\.3: /],
    ['a leave of no days', (d) => (d.leave.maxCalendarDays = 0), /^leave\.maxCalendarDays: must be at least 1/],
    ['a leave over a year', (d) => (d.leave.maxCalendarDays = 400), /^leave\.maxCalendarDays: must be at most 366/],
    ['a yearless window that is not a year', (d) => (d.dates.yearlessMonthsAhead = 11), /^dates\.yearlessMonthsAhead: yearlessMonthsBack \+ yearlessMonthsAhead must be 12/],
    ['accepted years too wide', (d) => (d.dates.yearsAhead = 50), /^dates\.yearsAhead: must be at most 5/],
    ['a text limit over its VARCHAR column', (d) => (d.textLimits.company = 129), /^textLimits\.company: must be at most 128: longer text does not fit its column on MySQL/],
    ['a text limit over what a TEXT column holds', (d) => (d.textLimits.reason = 20000), /^textLimits\.reason: must be at most 10000/],
    ['a field limit above the whole message', (d) => (d.textLimits.message = 100), /^textLimits\.(summary|note|reason|company|titlePhone|itStatus): must not be above textLimits\.message/],
    ['a zero text limit', (d) => (d.textLimits.note = 0), /^textLimits\.note: must be at least 1/],
    ['a missing text limit', (d) => delete d.textLimits.contact, /^textLimits\.contact: /],
    ['a fractional call bound', (d) => (d.report.maxCalls = 10.5), /^report\.maxCalls: must be a whole number/],
    ['a download link of no time', (d) => (d.files.linkMinutes = 0), /^files\.linkMinutes: must be at least 1/],
    ['a download link over a day', (d) => (d.files.linkMinutes = 1441), /^files\.linkMinutes: must be at most 1440/],
    ['a console link over an hour', (d) => (d.console.linkMinutes = 61), /^console\.linkMinutes: must be at most 60/],
    ['a console session over a day', (d) => (d.console.sessionHours = 25), /^console\.sessionHours: must be at most 24/],
    ['a console session of no time', (d) => (d.console.sessionHours = 0), /^console\.sessionHours: must be at least 1/],
    ['console records kept forever', (d) => (d.console.keepDays = 4000), /^console\.keepDays: must be at most 3660/],
  ])('%s', (_case, mutate, expected) => {
    const d = doc();
    mutate(d);
    expect(problems(d)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test('a missing policy file names POLICY_FILE', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrow(/POLICY_FILE: \/nonexistent\/policy.yaml: ENOENT/);
  });
});
