import { getLunarDate } from 'chinese-days';
import { chineseDaysLunar, loadCalendar, packageCalendarData } from '../../../src/config/calendar-loader';
import { addDays, weekday } from '../../../src/domain/dates';
import { statutoryHolidays, type LunarCalendar } from '../../../src/domain/statutory-holidays';
import { POLICY } from '../../helpers/service-context';

// H-1 for a year the holiday package does not cover: the days the law fixes
// (《全国年节及纪念日放假办法》 as amended in 2024): 元旦 1, 春节 4 from 除夕, 清明 1,
// 劳动节 2 (1–2 May), 端午 1, 中秋 1, 国庆 3 (1–3 October); no bridging and no make-up days.

const span = (from: string, n: number, name: string): Array<[string, string]> => Array.from({ length: n }, (_, i) => [addDays(from, i), name]);

describe('statutoryHolidays with the package\'s lunar calendar (H-1)', () => {
  test('H-1 2027: 元旦 01-01; 春节 from 除夕 02-05 to 02-08; 清明 04-05; 劳动节 05-01..02; 端午 06-09; 中秋 09-15; 国庆 10-01..03', () => {
    expect(statutoryHolidays(2027, chineseDaysLunar)).toEqual(Object.fromEntries([
      ['2027-01-01', '元旦'],
      ...span('2027-02-05', 4, '春节'),
      ['2027-04-05', '清明'],
      ...span('2027-05-01', 2, '劳动节'),
      ['2027-06-09', '端午'],
      ['2027-09-15', '中秋'],
      ...span('2027-10-01', 3, '国庆节'),
    ]));
  });

  test('H-1 2027-02-05 is 除夕: the last day (腊月廿九) of lunar year 2026; 02-06 is 正月初一', () => {
    expect(getLunarDate('2027-02-05')).toMatchObject({ lunarYear: 2026, lunarMon: 12, lunarDay: 29, isLeap: false });
    expect(getLunarDate('2027-02-06')).toMatchObject({ lunarYear: 2027, lunarMon: 1, lunarDay: 1 });
  });

  test('H-1 2028: 除夕 01-25; 端午 in the ordinary fifth month (05-28, not the leap one); 中秋 on 10-03 shares the day with 国庆', () => {
    expect(statutoryHolidays(2028, chineseDaysLunar)).toEqual(Object.fromEntries([
      ['2028-01-01', '元旦'],
      ...span('2028-01-25', 4, '春节'),
      ['2028-04-04', '清明'],
      ...span('2028-05-01', 2, '劳动节'),
      ['2028-05-28', '端午'],
      ['2028-10-01', '国庆节'],
      ['2028-10-02', '国庆节'],
      ['2028-10-03', '中秋、国庆节'],
    ]));
    expect(getLunarDate('2028-01-25')).toMatchObject({ lunarMon: 12, lunarDay: 29 });
    expect(getLunarDate('2028-01-26')).toMatchObject({ lunarYear: 2028, lunarMon: 1, lunarDay: 1 });
    expect(getLunarDate('2028-05-28')).toMatchObject({ lunarMon: 5, lunarDay: 5, isLeap: false });
  });

  // The computation checked against the State Council's own arrangements in the package: every
  // statutory day was a day off. Before 2025 the law had 春节 from 初一 (no 除夕) and 劳动节 on
  // 1 May only; 清明, 端午 and 中秋 are statutory since 2008.
  const pkg = packageCalendarData();
  const officiallyOff = (d: string) => d in pkg.holidays || ((weekday(d) === 0 || weekday(d) === 6) && !(d in pkg.makeupWorkdays));
  test.each(Array.from({ length: 2026 - 2008 + 1 }, (_, i) => 2008 + i))('H-1 %i: every statutory day computed was a day off in the official arrangement', (year) => {
    const days = statutoryHolidays(year, chineseDaysLunar);
    const eve = Object.keys(days).find((d) => days[d] === '春节');
    const lawOfTheYear = Object.keys(days).filter((d) => year >= 2025 || (d !== eve && d !== `${year}-05-02`));
    expect(lawOfTheYear.filter((d) => !officiallyOff(d))).toEqual([]);
    // 中秋 on a 国庆 day (2009-10-03, 2020-10-01) is one date with both names.
    expect(lawOfTheYear.flatMap((d) => days[d].split('、')).length).toBe(year >= 2025 ? 13 : 11);
  });

  test.each([1900, 2100, 2101, 9999])('H-1 %i is beyond the lunar tables: only the solar days (元旦, 劳动节, 国庆), nothing guessed', (year) => {
    expect(Object.values(statutoryHolidays(year, chineseDaysLunar))).toEqual(['元旦', '劳动节', '劳动节', '国庆节', '国庆节', '国庆节']);
  });
});

describe('statutoryHolidays with a hand-made port (what the domain trusts)', () => {
  const port = (answers: Partial<Record<string, string | null>>): LunarCalendar => ({
    solarOfLunar: (year, month, day) => answers[`${year}:${month}/${day}`] ?? null,
    qingming: (year) => answers[`${year}:qingming`] ?? null,
  });

  test('H-1 春节 starts the day before lunar new year, across a month end', () => {
    const days = statutoryHolidays(2031, port({ '2031:1/1': '2031-01-23' }));
    expect(Object.keys(days).filter((d) => days[d] === '春节')).toEqual(['2031-01-22', '2031-01-23', '2031-01-24', '2031-01-25']);
  });

  test.each<[string, string | null]>([
    ['no answer', null],
    ['a date in another year', '2030-06-09'],
    ['not a date', '2031-13-40'],
  ])('H-1 a port giving %s leaves that holiday out', (_title, answer) => {
    const days = statutoryHolidays(2031, port({ '2031:5/5': answer, '2031:qingming': '2031-04-05' }));
    expect(Object.values(days)).not.toContain('端午');
    expect(days['2031-04-05']).toBe('清明');
  });
});

describe('the loaded calendar uses the statutory days only where the package has no data (H-1)', () => {
  const cal = loadCalendar(POLICY.calendar.overridesFile);

  test.each<[string, string, string, boolean]>([
    ['H-1 2026 (package): the bridging day 10-07 is off', '2026-10-07', 'holiday', false],
    ['H-1 2026 (package): the make-up Saturday 10-10 works', '2026-10-10', 'makeup', true],
    ['H-1 2027 (provisional): 除夕 02-05 is off', '2027-02-05', 'holiday', false],
    ['H-1 2027 (provisional): 02-09 after 春节 works (no bridging day)', '2027-02-09', 'workday', true],
    ['H-1 2027 (provisional): 清明 04-05 is off', '2027-04-05', 'holiday', false],
  ])('%s', (_title, date, kind, workday) => {
    expect(cal.day(date)).toMatchObject({ kind, workday });
  });

  test('H-1 2027 lists 13 statutory days, all sourced "statutory"; 2026 lists none', () => {
    expect(cal.schedule(2027).filter((d) => d.source === 'statutory')).toHaveLength(13);
    expect(cal.statutoryDays(2026)).toEqual({});
    expect(cal.schedule(2026).every((d) => d.source === 'package')).toBe(true);
  });
});
