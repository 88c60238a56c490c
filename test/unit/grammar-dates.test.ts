import fc from 'fast-check';
import { addDays } from '../../src/domain/dates';
import { leadingDateToken, parseDate, parseMonth, parseWeekRef, weekMonday } from '../../src/domain/grammar/dates';

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
    expect(parseDate(token, { today: TODAY, mode: 'future' })).toEqual({ ok: true, value: date });
    expect(parseDate(token, { today: TODAY, mode: 'past' })).toEqual({ ok: true, value: date });
  });
});

describe('parseDate: written dates', () => {
  test.each<[string, string, string, 'future' | 'past', string]>([
    ['12月3日', '12月3日', '2026-11-20', 'future', '2026-12-03'],
    ['12月3号', '12月3号', '2026-11-20', 'future', '2026-12-03'],
    ['12月3', '12月3', '2026-11-20', 'future', '2026-12-03'],
    ['12.3', '12.3', '2026-11-20', 'future', '2026-12-03'],
    ['12-3', '12-3', '2026-11-20', 'future', '2026-12-03'],
    ['12/3', '12/3', '2026-11-20', 'future', '2026-12-03'],
    ['12-03', '12-03', '2026-11-20', 'future', '2026-12-03'],
    ['１２月３日', '１２月３日', '2026-11-20', 'future', '2026-12-03'],
    ['１２－３', '１２－３', '2026-11-20', 'future', '2026-12-03'],
    ['2026-12-03', '2026-12-03', '2026-11-20', 'future', '2026-12-03'],
    ['2026/12/3', '2026/12/3', '2026-11-20', 'future', '2026-12-03'],
    ['2026.12.3', '2026.12.3', '2026-11-20', 'future', '2026-12-03'],
    ['2026年12月3日', '2026年12月3日', '2026-11-20', 'future', '2026-12-03'],
    ['2026年12月3号', '2026年12月3号', '2026-11-20', 'future', '2026-12-03'],
    ['２０２６年１２月３日', '２０２６年１２月３日', '2026-11-20', 'future', '2026-12-03'],
    ['a full date ignores the mode: 2025-01-02 in future mode', '2025-01-02', '2026-11-20', 'future', '2025-01-02'],
    ['leave: 12月3日 sent on 28 December is next year', '12月3日', '2026-12-28', 'future', '2027-12-03'],
    ['leave: 10月27日 sent on 27 October is today', '10月27日', '2026-10-27', 'future', '2026-10-27'],
    ['leave: 10月26日 sent on 27 October is next year', '10月26日', '2026-10-27', 'future', '2027-10-26'],
    ['leave: 1月3日 sent in December is next year', '1月3日', '2026-12-28', 'future', '2027-01-03'],
    ['leave: 2月29日 sent after February 2027 is 2028', '2月29日', '2027-03-01', 'future', '2028-02-29'],
    ['query: 12月3日 sent in January is last December', '12月3日', '2027-01-05', 'past', '2026-12-03'],
    ['query: 11月20日 sent on 20 November is today', '11月20日', '2026-11-20', 'past', '2026-11-20'],
    ['query: 11月21日 sent on 20 November is last year', '11月21日', '2026-11-20', 'past', '2025-11-21'],
    ['query: 2月29日 sent in March 2028 is this year', '2月29日', '2028-03-01', 'past', '2028-02-29'],
    ['day only, future: 25号 is this month', '25号', '2026-11-20', 'future', '2026-11-25'],
    ['day only, future: 3号 already passed is next month', '3号', '2026-11-20', 'future', '2026-12-03'],
    ['day only, future: 20号 is today', '20号', '2026-11-20', 'future', '2026-11-20'],
    ['day only, future: 31日 in November is 31 December', '31日', '2026-11-20', 'future', '2026-12-31'],
    ['day only, past: 3号 is this month', '3号', '2026-11-20', 'past', '2026-11-03'],
    ['day only, past: 25号 is last month', '25号', '2026-11-20', 'past', '2026-10-25'],
    ['day only, past: 31日 on 5 March is 31 January', '31日', '2026-03-05', 'past', '2026-01-31'],
    ['day only, future: 31日 on 1 February is 31 March', '31日', '2026-02-01', 'future', '2026-03-31'],
  ])('%s: %j (today %s, %s) → %s', (_title, token, today, mode, date) => {
    expect(parseDate(token, { today, mode })).toEqual({ ok: true, value: date });
  });

  test.each<[string, string, string, string]>([
    ['a range end is read from its start (notBefore)', '3号', '2026-12-28', '2027-01-03'],
    ['notBefore before today changes nothing', '3号', '2026-11-01', '2026-12-03'],
    ['notBefore for a yearless date', '1月5日', '2027-01-02', '2027-01-05'],
    ['relative words still count from today', '明天', '2026-12-28', '2026-11-21'],
  ])('%s', (_title, token, notBefore, date) => {
    expect(parseDate(token, { today: TODAY, mode: 'future', notBefore })).toEqual({ ok: true, value: date });
  });

  test.each<[string, string, string, string]>([
    ['2月30日', TODAY, 'future', '日期不存在：2月30日'],
    ['2-30', TODAY, 'future', '日期不存在：2-30'],
    ['13月1日', TODAY, 'future', '日期不存在：13月1日'],
    ['0月1日', TODAY, 'future', '日期不存在：0月1日'],
    ['12月32日', TODAY, 'future', '日期不存在：12月32日'],
    ['12月0日', TODAY, 'future', '日期不存在：12月0日'],
    ['2026-02-30', TODAY, 'future', '日期不存在：2026-02-30'],
    ['2026年2月29日', TODAY, 'future', '日期不存在：2026年2月29日'],
    ['2026-13-01', TODAY, 'future', '日期不存在：2026-13-01'],
    ['32号', TODAY, 'future', '日期不存在：32号'],
    ['0号', TODAY, 'future', '日期不存在：0号'],
    ['2月29日', '2027-01-10', 'future', '2027年没有2月29日'],
    ['2月29日', '2027-01-10', 'past', '2026年没有2月29日'],
    ['2月29日', '2029-03-01', 'past', '2029年没有2月29日'],
    ['', TODAY, 'future', '缺少日期，例：12月3日'],
    ['  ', TODAY, 'future', '缺少日期，例：12月3日'],
    ['下周', TODAY, 'future', `看不懂日期“下周”，${HINT}`],
    ['周八', TODAY, 'future', `看不懂日期“周八”，${HINT}`],
    ['明天上午', TODAY, 'future', `看不懂日期“明天上午”，${HINT}`],
    ['12月3日 全天', TODAY, 'future', `看不懂日期“12月3日 全天”，${HINT}`],
    ['2026-12', TODAY, 'future', `看不懂日期“2026-12”，${HINT}`],
    ['2026-12/03', TODAY, 'future', `看不懂日期“2026-12/03”，${HINT}`],
    ['十二月三日', TODAY, 'future', `看不懂日期“十二月三日”，${HINT}`],
    ['abc', TODAY, 'future', `看不懂日期“abc”，${HINT}`],
    ['todays', TODAY, 'future', `看不懂日期“todays”，${HINT}`],
  ])('error: %j (today %s, %s)', (token, today, mode, error) => {
    expect(parseDate(token, { today, mode: mode as 'future' | 'past' })).toEqual({ ok: false, error });
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
    expect(parseMonth(token, { today })).toEqual({ ok: true, value: month });
  });

  test.each<[string, string]>([
    ['13月', '月份应在 1 到 12 之间：13月'],
    ['0月', '月份应在 1 到 12 之间：0月'],
    ['2026-13', '月份应在 1 到 12 之间：2026-13'],
    ['十一月', '看不懂月份“十一月”，请写 11月、2026-11、上月 或 本月'],
    ['下月', '看不懂月份“下月”，请写 11月、2026-11、上月 或 本月'],
    ['11月3日', '看不懂月份“11月3日”，请写 11月、2026-11、上月 或 本月'],
  ])('error: %j', (token, error) => {
    expect(parseMonth(token, { today: TODAY })).toEqual({ ok: false, error });
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

describe('dates without a year: the next one for leave, the last one for queries', () => {
  const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2026-01-01', n));
  const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));

  test('future: on or after today, within a year; past: on or before today, within a year', () => {
    fc.assert(fc.property(day, monthDay, (today, [m, d]) => {
      const future = parseDate(`${m}月${d}日`, { today, mode: 'future' });
      const past = parseDate(`${m}-${d}`, { today, mode: 'past' });
      return future.ok && past.ok
        && future.value >= today && future.value < addDays(today, 366)
        && past.value <= today && past.value > addDays(today, -366)
        && future.value.endsWith(`-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }), { numRuns: 300 });
  });
});
