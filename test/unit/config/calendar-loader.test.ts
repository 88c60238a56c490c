import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCalendar, mergeCalendarData, packageCalendarData, readOverrides } from '../../../src/config/calendar-loader';
import { provisionalWarning } from '../../../src/jobs/calendar-warning-text';
import { ConfigError } from '../../../src/config/config-error';
import { loadPolicy } from '../../../src/config/policy-loader';
import { DayKind } from '../../../src/domain/calendar';

const policy = loadPolicy(path.join(__dirname, '../../../config/policy.yaml'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'calendar-loader-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes an override file in the temp folder and returns its path. */
function overrides(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

describe('packageCalendarData: chinese-days as the source (H-1)', () => {
  const data = packageCalendarData();

  test.each<[string, Record<string, string>, string, string]>([
    ['H-1 2026-10-01 is National Day', data.holidays, '2026-10-01', '国庆节'],
    ['H-1 2026-02-17 is Spring Festival', data.holidays, '2026-02-17', '春节'],
    ['H-1 2026-10-10 is a National Day make-up workday', data.makeupWorkdays, '2026-10-10', '国庆节'],
    ['H-1 2026-09-20 is a National Day make-up workday', data.makeupWorkdays, '2026-09-20', '国庆节'],
  ])('%s, with its Chinese name', (_title, record, date, name) => {
    expect(record[date]).toBe(name);
  });

  test('H-1 the package covers 2026 and not 2027', () => {
    expect(data.coveredYears).toContain(2026);
    expect(data.coveredYears).not.toContain(2027);
  });
});

describe('loadCalendar with the real package data and config/holidays.yaml (H-1)', () => {
  const cal = loadCalendar(policy.calendar.overridesFile);

  test.each<[string, string, DayKind, boolean, boolean]>([
    ['H-1 2026-10-01 is a holiday', '2026-10-01', 'holiday', false, false],
    ['H-1 2026-10-07 (Wednesday) is a holiday', '2026-10-07', 'holiday', false, false],
    ['H-1 2026-10-10 (Saturday) is a make-up workday', '2026-10-10', 'makeup', true, false],
    ['H-1 2026-12-05, an ordinary Saturday, is off', '2026-12-05', 'weekend', false, false],
    ['H-1 2026-12-06, an ordinary Sunday, is off', '2026-12-06', 'weekend', false, false],
    ['H-1 2026-12-03 is a workday', '2026-12-03', 'workday', true, false],
    ['H-1 2027-01-01 is provisional: 元旦 is a statutory day off (it was a workday before: 旷工 for all)', '2027-01-01', 'holiday', false, true],
    ['H-1 2027 is provisional: weekends off', '2027-01-02', 'weekend', false, true],
    ['H-1 2027-10-01 is provisional: 国庆节 is a statutory day off', '2027-10-01', 'holiday', false, true],
    ['H-1 2027-10-04 is provisional: no bridging day before the official arrangement', '2027-10-04', 'workday', true, true],
  ])('%s', (_title, date, kind, workday, provisional) => {
    const d = cal.day(date);
    expect({ kind: d.kind, workday: d.workday, provisional: d.provisional }).toEqual({ kind, workday, provisional });
  });

  test.each<[string, string, string | null]>([
    ['H-6 National Day 2026 week 1 (09-28…10-04) ends on Wednesday 09-30', '2026-09-28', '2026-09-30'],
    ['H-6 National Day 2026 week 2 (10-05…10-11) ends on the make-up Saturday 10-10', '2026-10-05', '2026-10-10'],
    ['H-6 a normal week ends on Friday', '2026-11-30', '2026-12-04'],
    ['H-6 the Spring Festival week 2026-02-16…02-22 has no workday', '2026-02-16', null],
    ['H-6 the week before Spring Festival ends on the make-up Saturday 02-14', '2026-02-09', '2026-02-14'],
  ])('lastWorkdayOfWeek: %s', (_title, monday, last) => {
    expect(cal.lastWorkdayOfWeek(monday)).toBe(last);
  });

  test('H-1 a missing override file is no override', () => {
    const none = loadCalendar(path.join(dir, 'does-not-exist.yaml'));
    expect(none.day('2026-10-01').kind).toBe('holiday');
    expect(none.isProvisionalYear(2027)).toBe(true);
  });
});

describe('the override file (H-1: a date in the file wins)', () => {
  test('H-1 2027 holidays plus completeYears: [2027] make 2027 non-provisional', () => {
    const file = overrides(
      'y2027.yaml',
      ['holidays:', '  "2027-10-01": 国庆节', '  2027-10-04: 国庆节', 'workdays:', '  "2027-09-26": 国庆节', 'completeYears: [2027]', ''].join('\n'),
    );
    const cal = loadCalendar(file);
    expect(cal.isProvisionalYear(2027)).toBe(false);
    expect(cal.day('2027-10-01')).toEqual({ date: '2027-10-01', kind: 'holiday', workday: false, name: '国庆节', provisional: false });
    expect(cal.day('2027-10-04').workday).toBe(false);
    expect(cal.day('2027-09-26')).toMatchObject({ kind: 'makeup', workday: true, provisional: false });
    expect(cal.day('2027-10-08')).toMatchObject({ kind: 'workday', workday: true, provisional: false });
    expect(provisionalWarning(cal, 2027, file)).toBeUndefined();
    expect(cal.day('2026-10-01').kind).toBe('holiday'); // the package still counts
  });

  test('H-1 holidays without completeYears stay provisional (but the listed day is off)', () => {
    const file = overrides('partial.yaml', 'holidays:\n  "2027-10-01": 国庆节\n');
    const cal = loadCalendar(file);
    expect(cal.day('2027-10-01')).toMatchObject({ kind: 'holiday', workday: false, provisional: true });
    expect(cal.isProvisionalYear(2027)).toBe(true);
  });

  test.each<[string, string, string, DayKind, boolean]>([
    ['H-1 an override turns a package holiday into a workday', 'workdays:\n  "2026-10-01": 公司值班\n', '2026-10-01', 'makeup', true],
    ['H-1 an override turns a package make-up workday into a holiday', 'holidays:\n  "2026-10-10": 公司放假\n', '2026-10-10', 'holiday', false],
    ['H-1 an override adds a holiday on an ordinary workday', 'holidays:\n  "2026-12-03": 公司年会\n', '2026-12-03', 'holiday', false],
    ['H-1 an override makes an ordinary Saturday a workday', 'workdays:\n  "2026-12-05": 补班\n', '2026-12-05', 'makeup', true],
  ])('%s', (_title, text, date, kind, workday) => {
    const cal = loadCalendar(overrides(`${date}-${kind}.yaml`, text));
    expect(cal.day(date)).toMatchObject({ kind, workday, provisional: false });
  });

  test.each<[string, string, string]>([
    ['H-1 a bad date (2026-02-30) is refused', 'holidays:\n  "2026-02-30": 坏日期\n', 'holidays.2026-02-30'],
    ['H-1 a date that is not YYYY-MM-DD is refused', 'workdays:\n  "2026-1-4": 补班\n', 'workdays.2026-1-4'],
    ['H-1 an unknown key is refused', 'holiday:\n  "2027-10-01": 国庆节\n', '(top level)'],
    ['H-1 a year out of range is refused', 'completeYears: [1999]\n', 'completeYears.0'],
    ['H-1 a non-text name is refused', 'holidays:\n  "2027-10-01": [1, 2]\n', 'holidays.2027-10-01'],
  ])('%s with a ConfigError naming the file', (_title, text, problemPath) => {
    const file = overrides('bad.yaml', text);
    let error: unknown;
    try {
      readOverrides(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(file);
    expect((error as ConfigError).problems.some((p) => p.startsWith(problemPath))).toBe(true);
    expect(() => loadCalendar(file)).toThrow(ConfigError);
  });

  test('H-1 an empty override file is no override', () => {
    expect(readOverrides(overrides('empty.yaml', ''))).toEqual({ holidays: {}, makeupWorkdays: {}, coveredYears: [] });
  });

  test('H-1 the shipped config/holidays.yaml is valid', () => {
    expect(() => readOverrides(policy.calendar.overridesFile)).not.toThrow();
  });
});

describe('mergeCalendarData (H-1)', () => {
  test.each<[string, string, 'holidays' | 'makeupWorkdays', 'holidays' | 'makeupWorkdays']>([
    ['H-1 a holiday in the file removes the package make-up day', '2026-10-10', 'holidays', 'makeupWorkdays'],
    ['H-1 a workday in the file removes the package holiday', '2026-10-01', 'makeupWorkdays', 'holidays'],
  ])('%s', (_title, date, into, outOf) => {
    const base = { holidays: { '2026-10-01': '国庆节' }, makeupWorkdays: { '2026-10-10': '国庆节' }, coveredYears: [2026] };
    const over = { holidays: {}, makeupWorkdays: {}, coveredYears: [2027], [into]: { [date]: '覆盖' } };
    const merged = mergeCalendarData(base, over);
    expect(merged[into][date]).toBe('覆盖');
    expect(merged[outOf][date]).toBeUndefined();
    expect(merged.coveredYears).toEqual([2026, 2027]);
    expect(base.holidays).toEqual({ '2026-10-01': '国庆节' }); // the inputs are not changed
  });
});

describe('provisionalWarning (H-1)', () => {
  const cal = loadCalendar(policy.calendar.overridesFile);

  test.each<[string, number, boolean]>([
    ['H-1 2027 is provisional: a warning', 2027, true],
    ['H-1 2026 is covered: none', 2026, false],
  ])('%s', (_title, year, warns) => {
    const text = provisionalWarning(cal, year, policy.calendar.overridesFile);
    if (!warns) {
      expect(text).toBeUndefined();
      return;
    }
    expect(text).toContain(`${year} 年`);
    expect(text).toContain(policy.calendar.overridesFile);
    expect(text).toContain('completeYears');
  });
});
