import path from 'node:path';
import { loadPolicy } from '../../../../src/config/policy-loader';
import { LEAVE_EXAMPLE, parseLeave, type LeaveGrammarOptions } from '../../../../src/domain/grammar/leave';
import type { LeaveSpan } from '../../../../src/domain/leave-halves';

/**
 * The dates of a leave request (H-14) under the reading rules of docs/commands.md: the nearest
 * date without a year (2 months back, 10 ahead), a reversed range refused, at most
 * leave.maxCalendarDays calendar days, dates only from last year to next year. Issue 13's
 * examples, with today pinned.
 */
const POLICY = loadPolicy(path.join(__dirname, '../../../../config/policy.yaml'));
const RANGE_EXAMPLE = '请假 病假 2026-12-03 下午 至 12-04 上午 发烧';
const on = (today: string): LeaveGrammarOptions => ({ today, dates: POLICY.dates, maxCalendarDays: POLICY.leave.maxCalendarDays });
const span = (startDate: string, endDate: string, startHalf: 'am' | 'pm' = 'am', endHalf: 'am' | 'pm' = 'pm'): LeaveSpan => ({ startDate, startHalf, endDate, endHalf });

test('the policy holds the numbers these cases are stated with', () => {
  expect(POLICY.leave.maxCalendarDays).toBe(31);
  expect(POLICY.dates).toEqual({ yearsBack: 1, yearsAhead: 1, yearlessMonthsBack: 2, yearlessMonthsAhead: 10 });
});

describe('accepted: the nearest date, a range read around its start', () => {
  test.each<[string, string, string, LeaveSpan]>([
    ['docs/commands.md: 1月3日 sent on 28 December is next year\'s', '2026-12-28', '事假 1月3日 全天 回老家', span('2027-01-03', '2027-01-03')],
    ['docs/commands.md: 12月2日 sent on 5 December is this year\'s, 3 days ago (the notice rule refuses it later)', '2026-12-05', '事假 12月2日 全天 有事', span('2026-12-02', '2026-12-02')],
    ['a range over New Year, the end without a year', '2026-12-28', '事假 12月30日 至 1月3日 回老家', span('2026-12-30', '2027-01-03')],
    ['a range over New Year, the end as a day of the month', '2026-12-05', '事假 12月28日至3号 回老家', span('2026-12-28', '2027-01-03')],
    ['a range of exactly leave.maxCalendarDays (31) days', '2026-11-20', '事假 2026-12-01 至 2026-12-31 回老家', span('2026-12-01', '2026-12-31')],
    ['the last day of next year', '2026-12-05', '事假 2027-12-31 全天 有事', span('2027-12-31', '2027-12-31')],
    ['a start 9 months ahead, its yearless end read around it', '2026-12-05', '事假 2027-09-15 至 9月20日 旅行', span('2027-09-15', '2027-09-20')],
  ])('%s (today %s): %j', (_title, today, text, expected) => {
    const r = parseLeave(text, on(today));
    expect(r.ok && r.value.span).toEqual(expected);
  });
});

describe('refused, with the reason and the dates as read', () => {
  test.each<[string, string, string, string]>([
    [
      'issue 13: an end before its start is refused, never moved into next year',
      '2026-12-05', '事假 12-19 全天 至 12-17 家里有事',
      `结束日期早于开始日期：12月19日（周六）至 12月17日（周四），例：${RANGE_EXAMPLE}`,
    ],
    [
      'an end before its start, the end as a full date',
      '2026-12-05', '病假 2026-12-19 至 2026-12-17 发烧',
      `结束日期早于开始日期：12月19日（周六）至 12月17日（周四），例：${RANGE_EXAMPLE}`,
    ],
    [
      'issue 13: ten years is refused with the limit named',
      '2026-12-05', '事假 2026-12-14 全天 至 2036-12-14 家里有事',
      `一次请假最多 31 个自然日，12月14日（周一）至 2036年12月14日（周日） 共 3654 天，请分开申请，例：${RANGE_EXAMPLE}`,
    ],
    [
      'one day over leave.maxCalendarDays',
      '2026-11-20', '事假 2026-12-01 至 2027-01-01 回老家',
      `一次请假最多 31 个自然日，12月1日（周二）至 2027年1月1日（周五） 共 32 天，请分开申请，例：${RANGE_EXAMPLE}`,
    ],
    [
      'issue 13: 9999-12-31 is out of range (it hung the server)',
      '2026-12-05', '事假 9999-12-31 全天 家里有事',
      `“9999-12-31”超出范围：日期只能在 2025年1月1日 至 2027年12月31日 之间，例：${RANGE_EXAMPLE}`,
    ],
    [
      'issue 13: a range to 9999-12-31 is refused by its length',
      '2026-12-05', '事假 12月20日 全天 至 9999-12-31 家里有事',
      `一次请假最多 31 个自然日，12月20日（周日）至 9999年12月31日（周五） 共 2912090 天，请分开申请，例：${RANGE_EXAMPLE}`,
    ],
    [
      'a short range in another decade is out of range',
      '2026-12-05', '事假 2036-12-14 至 2036-12-15 家里有事',
      `“2036-12-14”超出范围：日期只能在 2025年1月1日 至 2027年12月31日 之间，例：${RANGE_EXAMPLE}`,
    ],
    [
      'the year before last',
      '2026-12-05', '病假 2024-12-31 全天 发烧',
      `“2024-12-31”超出范围：日期只能在 2025年1月1日 至 2027年12月31日 之间，例：${RANGE_EXAMPLE}`,
    ],
    [
      'year 0000',
      '2026-12-28', '病假 0000-01-01 全天 发烧',
      `“0000-01-01”超出范围：日期只能在 2025年1月1日 至 2027年12月31日 之间，例：${RANGE_EXAMPLE}`,
    ],
    [
      '半天 without saying which half',
      '2026-12-05', '事假 12月8日 半天 去银行',
      `12月8日 的半天请写明 上午 或 下午`,
    ],
    [
      'a range word and a number that is no date',
      '2026-12-05', '事假 12月8日 至 12月 去银行',
      `看不懂结束日期“12月”，请写 12月5日、2026-12-05 或 5号，例：${RANGE_EXAMPLE}`,
    ],
    [
      '年假 is not a kind of leave: the kinds are named',
      '2026-12-05', '年假 12月8日 全天 旅游',
      `没有“年假”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`,
    ],
    [
      '调休 is not a kind of leave either',
      '2026-12-05', '调休 明天 全天',
      `没有“调休”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`,
    ],
    [
      'another kind after the dates',
      '2026-12-05', '12月8日 全天 婚假 结婚',
      `没有“婚假”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`,
    ],
    [
      'another kind written against the date',
      '2026-12-05', '产假12月8日 至 12月31日 生孩子',
      `没有“产假”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`,
    ],
  ])('%s (today %s): %j', (_title, today, text, error) => {
    expect(parseLeave(text, on(today))).toEqual({ ok: false, error });
  });
});
