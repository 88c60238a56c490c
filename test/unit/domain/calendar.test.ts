import { CalendarData, DayKind, WorkCalendar } from '../../../src/domain/calendar';

// A hand-made calendar: National Day 2026 as the State Council announced it.
const data: CalendarData = {
  holidays: {
    '2026-10-01': '国庆节',
    '2026-10-02': '国庆节',
    '2026-10-03': '国庆节',
    '2026-10-04': '国庆节',
    '2026-10-05': '国庆节',
    '2026-10-06': '国庆节',
    '2026-10-07': '国庆节',
  },
  makeupWorkdays: { '2026-09-20': '国庆节', '2026-10-10': '国庆节' },
  coveredYears: [2026],
};
const cal = new WorkCalendar(data);

describe('WorkCalendar.day (H-1)', () => {
  test.each<[string, string, DayKind, boolean, string | undefined, boolean]>([
    ['H-1 a public holiday on a Thursday is off', '2026-10-01', 'holiday', false, '国庆节', false],
    ['H-1 a public holiday on a Saturday is off', '2026-10-03', 'holiday', false, '国庆节', false],
    ['H-1 a make-up Saturday (调休上班) is a workday', '2026-10-10', 'makeup', true, '国庆节', false],
    ['H-1 a make-up Sunday is a workday', '2026-09-20', 'makeup', true, '国庆节', false],
    ['H-1 an ordinary Saturday is off', '2026-12-05', 'weekend', false, undefined, false],
    ['H-1 an ordinary Sunday is off', '2026-12-06', 'weekend', false, undefined, false],
    ['H-1 an ordinary Thursday is a workday', '2026-12-03', 'workday', true, undefined, false],
    ['H-1 an uncovered year is provisional: a Friday works', '2027-10-01', 'workday', true, undefined, true],
    ['H-1 an uncovered year is provisional: a Saturday is off', '2027-10-02', 'weekend', false, undefined, true],
  ])('%s', (_title, date, kind, workday, name, provisional) => {
    const d = cal.day(date);
    expect(d).toEqual({ date, kind, workday, provisional, ...(name === undefined ? {} : { name }) });
    expect(cal.isWorkday(date)).toBe(workday);
  });

  test.each<[string, number, boolean]>([
    ['H-1 2026 is covered', 2026, false],
    ['H-1 2027 is provisional', 2027, true],
    ['H-1 2025 is provisional here (not in this data)', 2025, true],
  ])('isProvisionalYear: %s', (_title, year, provisional) => {
    expect(cal.isProvisionalYear(year)).toBe(provisional);
  });
});

describe('WorkCalendar.workdays and lastWorkdayOfWeek (H-1, H-6, H-13)', () => {
  test('H-1 the workdays of the National Day fortnight', () => {
    expect(cal.workdays('2026-09-28', '2026-10-11')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  test.each<[string, string, string | null]>([
    ['H-6 a normal week ends on Friday', '2026-11-30', '2026-12-04'],
    ['H-6 the week National Day starts in ends on Wednesday 09-30', '2026-09-28', '2026-09-30'],
    ['H-6 the week after National Day ends on the make-up Saturday 10-10', '2026-10-05', '2026-10-10'],
    ['H-6 a make-up Sunday ends its week', '2026-09-14', '2026-09-20'],
    ['H-6 a provisional week ends on Friday', '2027-10-04', '2027-10-08'],
  ])('%s', (_title, monday, last) => {
    expect(cal.lastWorkdayOfWeek(monday)).toBe(last);
  });

  test('H-13 a week without a workday has no last workday', () => {
    const allOff = new WorkCalendar({
      holidays: Object.fromEntries(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'].map((d) => [d, '假'])),
      makeupWorkdays: {},
      coveredYears: [2026],
    });
    expect(allOff.lastWorkdayOfWeek('2026-10-05')).toBeNull();
  });
});
