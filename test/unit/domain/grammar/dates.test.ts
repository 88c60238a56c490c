import path from 'node:path';
import fc from 'fast-check';
import { loadPolicy } from '../../../../src/config/policy-loader';
import { addDays } from '../../../../src/domain/dates';
import { isMonthToken, leadingDateToken, parseDate, parseMonth, parseWeekRef, weekMonday, type DateOptions } from '../../../../src/domain/grammar/dates';

/** The reading rules of config/policy.yaml (dates: last year to next year; a date without a year 2 months back to 10 ahead). */
const RULES = loadPolicy(path.join(__dirname, '../../../../config/policy.yaml')).dates;
type Mode = DateOptions['mode'];

/** A Friday; its week runs Monday 2026-11-16 to Sunday 2026-11-22. */
const TODAY = '2026-11-20';
const HINT = '请写 12月3日、2026-12-03、明天 或 下周一';

describe('parseDate: relative words and weekdays, the same in both modes (today = Friday 2026-11-20)', () => {
  // 周X alone is this week's, even when already past (周一 → Monday 2026-11-16).
  test.each<[string, string]>([
    ['今天', '2026-11-20'],
    ['今日', '2026-11-20'],
    ['明天', '2026-11-21'],
    ['明日', '2026-11-21'],
    ['后天', '2026-11-22'],
    ['大后天', '2026-11-23'],
    ['昨天', '2026-11-19'],
    ['前天', '2026-11-18'],
    ['大前天', '2026-11-17'],
    ['today', '2026-11-20'],
    ['Tomorrow', '2026-11-21'],
    ['yesterday', '2026-11-19'],
    ['下周一', '2026-11-23'],
    ['下周二', '2026-11-24'],
    ['下周三', '2026-11-25'],
    ['下周四', '2026-11-26'],
    ['下周五', '2026-11-27'],
    ['下周六', '2026-11-28'],
    ['下周日', '2026-11-29'],
    ['下周天', '2026-11-29'],
    ['下星期一', '2026-11-23'],
    ['下礼拜一', '2026-11-23'],
    ['下个星期一', '2026-11-23'],
    ['下个礼拜天', '2026-11-29'],
    ['下周1', '2026-11-23'],
    ['下周7', '2026-11-29'],
    ['下下周一', '2026-11-30'],
    ['本周五', '2026-11-20'],
    ['这周五', '2026-11-20'],
    ['这个星期五', '2026-11-20'],
    ['周五', '2026-11-20'],
    ['星期五', '2026-11-20'],
    ['礼拜五', '2026-11-20'],
    ['周一', '2026-11-16'],
    ['周日', '2026-11-22'],
    ['星期天', '2026-11-22'],
    ['上周五', '2026-11-13'],
    ['上星期一', '2026-11-09'],
    ['　明天　', '2026-11-21'],
  ])('%s → %s', (token, date) => {
    expect(parseDate(token, { today: TODAY, mode: 'nearest', rules: RULES })).toEqual({ ok: true, value: date });
    expect(parseDate(token, { today: TODAY, mode: 'past', rules: RULES })).toEqual({ ok: true, value: date });
  });
});

describe('parseDate: written dates', () => {
  test.each<[string, string, string, Mode, string]>([
    ['12月3日', '12月3日', '2026-11-20', 'nearest', '2026-12-03'],
    ['12月3号', '12月3号', '2026-11-20', 'nearest', '2026-12-03'],
    ['12月3', '12月3', '2026-11-20', 'nearest', '2026-12-03'],
    ['12.3', '12.3', '2026-11-20', 'nearest', '2026-12-03'],
    ['12-3', '12-3', '2026-11-20', 'nearest', '2026-12-03'],
    ['12/3', '12/3', '2026-11-20', 'nearest', '2026-12-03'],
    ['12-03', '12-03', '2026-11-20', 'nearest', '2026-12-03'],
    ['１２月３日', '１２月３日', '2026-11-20', 'nearest', '2026-12-03'],
    ['１２－３', '１２－３', '2026-11-20', 'nearest', '2026-12-03'],
    ['2026-12-03', '2026-12-03', '2026-11-20', 'nearest', '2026-12-03'],
    ['2026/12/3', '2026/12/3', '2026-11-20', 'nearest', '2026-12-03'],
    ['2026.12.3', '2026.12.3', '2026-11-20', 'nearest', '2026-12-03'],
    ['2026年12月3日', '2026年12月3日', '2026-11-20', 'nearest', '2026-12-03'],
    ['2026年12月3号', '2026年12月3号', '2026-11-20', 'nearest', '2026-12-03'],
    ['２０２６年１２月３日', '２０２６年１２月３日', '2026-11-20', 'nearest', '2026-12-03'],
    ['a full date ignores the mode: 2025-01-02 in future mode', '2025-01-02', '2026-11-20', 'nearest', '2025-01-02'],
    // docs/commands.md reading rules: the nearest such date, 2 months back to 10 months ahead.
    ['leave: 1月3日 sent on 28 December is next year\'s (docs/commands.md)', '1月3日', '2026-12-28', 'nearest', '2027-01-03'],
    ['leave: 12月2日 sent on 5 December is this year\'s, 3 days ago (docs/commands.md)', '12月2日', '2026-12-05', 'nearest', '2026-12-02'],
    ['leave: 12月3日 sent on 28 December is this year\'s, not next year\'s', '12月3日', '2026-12-28', 'nearest', '2026-12-03'],
    ['leave: 10月27日 sent on 27 October is today', '10月27日', '2026-10-27', 'nearest', '2026-10-27'],
    ['leave: 10月26日 sent on 27 October is yesterday, not next year', '10月26日', '2026-10-27', 'nearest', '2026-10-26'],
    ['leave: exactly 2 months back is still this year', '10月28日', '2026-12-28', 'nearest', '2026-10-28'],
    ['leave: a day more than 2 months back is next year', '10月27日', '2026-12-28', 'nearest', '2027-10-27'],
    ['leave: 2 months back from 30 April clamps to 28 February', '2月28日', '2026-04-30', 'nearest', '2026-02-28'],
    ['leave: 2月27日 on 30 April is next year', '2月27日', '2026-04-30', 'nearest', '2027-02-27'],
    ['leave: 2月29日 in a leap year, 10 months ahead', '2月29日', '2027-05-01', 'nearest', '2028-02-29'],
    ['query: 12月3日 sent in January is last December', '12月3日', '2027-01-05', 'past', '2026-12-03'],
    ['query: 11月20日 sent on 20 November is today', '11月20日', '2026-11-20', 'past', '2026-11-20'],
    ['query: 11月21日 sent on 20 November is last year', '11月21日', '2026-11-20', 'past', '2025-11-21'],
    ['query: 2月29日 sent in March 2028 is this year', '2月29日', '2028-03-01', 'past', '2028-02-29'],
    ['day only, future: 25号 is this month', '25号', '2026-11-20', 'nearest', '2026-11-25'],
    ['day only, future: 3号 already passed is next month', '3号', '2026-11-20', 'nearest', '2026-12-03'],
    ['day only, future: 20号 is today', '20号', '2026-11-20', 'nearest', '2026-11-20'],
    ['day only, future: 31日 in November is 31 December', '31日', '2026-11-20', 'nearest', '2026-12-31'],
    ['day only, past: 3号 is this month', '3号', '2026-11-20', 'past', '2026-11-03'],
    ['day only, past: 25号 is last month', '25号', '2026-11-20', 'past', '2026-10-25'],
    ['day only, past: 31日 on 5 March is 31 January', '31日', '2026-03-05', 'past', '2026-01-31'],
    ['day only, future: 31日 on 1 February is 31 March', '31日', '2026-02-01', 'nearest', '2026-03-31'],
  ])('%s: %j (today %s, %s) → %s', (_title, token, today, mode, date) => {
    expect(parseDate(token, { today, mode, rules: RULES })).toEqual({ ok: true, value: date });
  });

  test.each<[string, string, string, string]>([
    ['a range end is read from its start (anchor)', '3号', '2026-12-28', '2027-01-03'],
    ['an anchor before today changes nothing for a day of the month', '3号', '2026-11-01', '2026-12-03'],
    ['a yearless date around its anchor', '1月5日', '2027-01-02', '2027-01-05'],
    ['a yearless end 2 months before its start is read before it (and refused by the range)', '12月17日', '2026-12-19', '2026-12-17'],
    ['a yearless end around a start 9 months ahead', '9月20日', '2027-09-15', '2027-09-20'],
    ['relative words still count from today', '明天', '2026-12-28', '2026-11-21'],
  ])('%s', (_title, token, anchor, date) => {
    expect(parseDate(token, { today: TODAY, mode: 'nearest', anchor, rules: RULES })).toEqual({ ok: true, value: date });
  });

  test.each<[string, string, string, string]>([
    ['2月30日', TODAY, 'nearest', '日期不存在：2月30日'],
    ['2-30', TODAY, 'nearest', '日期不存在：2-30'],
    ['13月1日', TODAY, 'nearest', '日期不存在：13月1日'],
    ['0月1日', TODAY, 'nearest', '日期不存在：0月1日'],
    ['12月32日', TODAY, 'nearest', '日期不存在：12月32日'],
    ['12月0日', TODAY, 'nearest', '日期不存在：12月0日'],
    ['2026-02-30', TODAY, 'nearest', '日期不存在：2026-02-30'],
    ['2026年2月29日', TODAY, 'nearest', '日期不存在：2026年2月29日'],
    ['2026-13-01', TODAY, 'nearest', '日期不存在：2026-13-01'],
    ['32号', TODAY, 'nearest', '日期不存在：32号'],
    ['0号', TODAY, 'nearest', '日期不存在：0号'],
    ['2月29日', '2027-01-10', 'nearest', '2027年没有2月29日'],
    ['2月29日', '2027-03-01', 'nearest', '2027年没有2月29日'],
    ['2月29日', '2027-01-10', 'past', '2026年没有2月29日'],
    ['2月29日', '2029-03-01', 'past', '2029年没有2月29日'],
    ['', TODAY, 'nearest', '缺少日期，例：12月3日'],
    ['  ', TODAY, 'nearest', '缺少日期，例：12月3日'],
    ['下周', TODAY, 'nearest', `看不懂日期“下周”，${HINT}`],
    ['周八', TODAY, 'nearest', `看不懂日期“周八”，${HINT}`],
    ['明天上午', TODAY, 'nearest', `看不懂日期“明天上午”，${HINT}`],
    ['12月3日 全天', TODAY, 'nearest', `看不懂日期“12月3日 全天”，${HINT}`],
    ['2026-12', TODAY, 'nearest', `看不懂日期“2026-12”，${HINT}`],
    ['2026-12/03', TODAY, 'nearest', `看不懂日期“2026-12/03”，${HINT}`],
    ['十二月三日', TODAY, 'nearest', `看不懂日期“十二月三日”，${HINT}`],
    ['abc', TODAY, 'nearest', `看不懂日期“abc”，${HINT}`],
    ['todays', TODAY, 'nearest', `看不懂日期“todays”，${HINT}`],
  ])('error: %j (today %s, %s)', (token, today, mode, error) => {
    expect(parseDate(token, { today, mode: mode as Mode, rules: RULES })).toEqual({ ok: false, error });
  });

  // docs/commands.md reading rules: dates are accepted only from last year to next year.
  const RANGE_2026 = '日期只能在 2025年1月1日 至 2027年12月31日 之间';
  test.each<[string, Mode, string]>([
    ['9999-12-31', 'nearest', `“9999-12-31”超出范围：${RANGE_2026}`],
    ['9999年12月31日', 'past', `“9999年12月31日”超出范围：${RANGE_2026}`],
    ['0000-01-01', 'nearest', `“0000-01-01”超出范围：${RANGE_2026}`],
    ['2024-12-31', 'past', `“2024-12-31”超出范围：${RANGE_2026}`],
    ['2028-01-01', 'nearest', `“2028-01-01”超出范围：${RANGE_2026}`],
    ['2036-12-14', 'nearest', `“2036-12-14”超出范围：${RANGE_2026}`],
  ])('out of range: %j (%s)', (token, mode, error) => {
    expect(parseDate(token, { today: TODAY, mode, rules: RULES })).toEqual({ ok: false, error });
  });

  test.each<[string, string]>([['2025-01-01', 'the first day of last year'], ['2027-12-31', 'the last day of next year']])('in range: %s (%s)', (token) => {
    expect(parseDate(token, { today: TODAY, mode: 'nearest', rules: RULES })).toEqual({ ok: true, value: token });
  });

  test('a relative date that falls into next year is accepted', () => {
    expect(parseDate('下下周日', { today: '2027-12-30', mode: 'nearest', rules: RULES })).toEqual({ ok: true, value: '2028-01-16' });
  });
});

describe('leadingDateToken: the date at the start of a text', () => {
  test.each<[string, string]>([
    ['12月3日 全天 家里有事', '12月3日'],
    ['12月3日至12月5日', '12月3日'],
    ['12-3-12-5', '12-3'],
    ['2026-12-03-2026-12-05', '2026-12-03'],
    ['明天上午', '明天'],
    ['下周一 到 下周三', '下周一'],
    ['3号到5号', '3号'],
    ['家里有事', ''],
    ['到医院', ''],
    ['', ''],
  ])('%j → %j', (text, token) => {
    expect(leadingDateToken(text)).toBe(token);
  });
});

describe('parseMonth: 工资 11月 and friends', () => {
  test.each<[string, string, string, string]>([
    ['11月', '11月', '2026-11-20', '2026-11'],
    ['11月份', '11月份', '2026-11-20', '2026-11'],
    ['11', '11', '2026-11-20', '2026-11'],
    ['１１月', '１１月', '2026-11-20', '2026-11'],
    ['10月', '10月', '2026-11-20', '2026-10'],
    ['12月 in November is last December', '12月', '2026-11-20', '2025-12'],
    ['11月 in January is last November', '11月', '2027-01-05', '2026-11'],
    ['1月 in January is this January', '1月', '2027-01-05', '2027-01'],
    ['2026-11', '2026-11', '2027-01-05', '2026-11'],
    ['2026/11', '2026/11', '2027-01-05', '2026-11'],
    ['2026.11', '2026.11', '2027-01-05', '2026-11'],
    ['2026-1', '2026-1', '2027-01-05', '2026-01'],
    ['2026年11月', '2026年11月', '2027-01-05', '2026-11'],
    ['2026年11月份', '2026年11月份', '2027-01-05', '2026-11'],
    ['2027年3月 (a future month with a year is kept)', '2027年3月', '2027-01-05', '2027-03'],
    ['上月', '上月', '2027-01-05', '2026-12'],
    ['上个月', '上个月', '2026-11-20', '2026-10'],
    ['上上月', '上上月', '2027-01-05', '2026-11'],
    ['本月', '本月', '2027-01-05', '2027-01'],
    ['这个月', '这个月', '2026-11-20', '2026-11'],
    ['当月', '当月', '2026-11-20', '2026-11'],
    ['last month', 'last month', '2026-11-20', '2026-10'],
    ['This Month', 'This Month', '2026-11-20', '2026-11'],
    ['(empty: this month)', '', '2026-11-20', '2026-11'],
  ])('%s: %j (today %s) → %s', (_title, token, today, month) => {
    expect(parseMonth(token, { today, rules: RULES })).toEqual({ ok: true, value: month });
    expect(isMonthToken(token)).toBe(true);
  });

  test.each<[string, string]>([
    ['13月', '月份应在 1 到 12 之间：13月'],
    ['0月', '月份应在 1 到 12 之间：0月'],
    ['2026-13', '月份应在 1 到 12 之间：2026-13'],
    ['十一月', '看不懂月份“十一月”，请写 11月、2026-11、上月 或 本月'],
    ['下月', '看不懂月份“下月”，请写 11月、2026-11、上月 或 本月'],
    ['11月3日', '看不懂月份“11月3日”，请写 11月、2026-11、上月 或 本月'],
    ['constructor', '看不懂月份“constructor”，请写 11月、2026-11、上月 或 本月'],
    ['toString', '看不懂月份“tostring”，请写 11月、2026-11、上月 或 本月'],
    ['__proto__', '看不懂月份“__proto__”，请写 11月、2026-11、上月 或 本月'],
    ['9999-12', '“9999-12”超出范围：月份只能在 2025年1月 至 2027年12月 之间'],
    ['2024年12月', '“2024年12月”超出范围：月份只能在 2025年1月 至 2027年12月 之间'],
    ['2028-01', '“2028-01”超出范围：月份只能在 2025年1月 至 2027年12月 之间'],
  ])('error: %j', (token, error) => {
    expect(parseMonth(token, { today: TODAY, rules: RULES })).toEqual({ ok: false, error });
  });

  test.each(['9999-12', '2024年12月', '11月', '上月'])('%j is written as a month (so never read as a name)', (token) => {
    expect(isMonthToken(token)).toBe(true);
  });

  test.each(['张三', 'constructor', '11月3日', 'E001'])('%j is not a month', (token) => {
    expect(isMonthToken(token)).toBe(false);
  });
});

describe('parseWeekRef and weekMonday: 排名 上周', () => {
  test.each<[string, number]>([
    ['', 0],
    ['本周', 0],
    ['这周', 0],
    ['本星期', 0],
    ['这个星期', 0],
    ['这礼拜', 0],
    ['周', 0],
    ['this week', 0],
    ['上周', -1],
    ['上星期', -1],
    ['上个星期', -1],
    ['上礼拜', -1],
    ['上个礼拜', -1],
    ['Last Week', -1],
    ['上上周', -2],
    ['　上周　', -1],
  ])('%j → %d', (token, offset) => {
    expect(parseWeekRef(token)).toEqual({ ok: true, value: offset });
  });

  test.each(['下周', '上月', '周五', 'abc'])('error: %j', (token) => {
    expect(parseWeekRef(token)).toEqual({ ok: false, error: `看不懂“${token}”，请写 本周 或 上周` });
  });

  test.each<[string, number, string]>([
    [TODAY, 0, '2026-11-16'],
    [TODAY, -1, '2026-11-09'],
    ['2026-11-16', 0, '2026-11-16'],
    ['2026-11-22', -1, '2026-11-09'],
    ['2027-01-01', -1, '2026-12-21'],
  ])('weekMonday(%s, %d) → %s', (today, offset, monday) => {
    expect(weekMonday(today, offset)).toBe(monday);
  });
});

describe('dates without a year: the nearest one for leave, the last one for queries', () => {
  const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2026-01-01', n));
  const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));

  test('nearest: from 2 months back (≤ 62 days) to before 10 months ahead (≤ 306 days); past: on or before today, within a year', () => {
    fc.assert(fc.property(day, monthDay, (today, [m, d]) => {
      const nearest = parseDate(`${m}月${d}日`, { today, mode: 'nearest', rules: RULES });
      const past = parseDate(`${m}-${d}`, { today, mode: 'past', rules: RULES });
      return nearest.ok && past.ok
        && nearest.value >= addDays(today, -62) && nearest.value < addDays(today, 307)
        && past.value <= today && past.value > addDays(today, -366)
        && nearest.value.endsWith(`-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }), { numRuns: 300 });
  });
});
