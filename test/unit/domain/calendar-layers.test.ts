import { CalendarData, WorkCalendar, yearsToWarn } from '../../../src/domain/calendar';
import { foldEntries, type CalendarEntryFact } from '../../../src/domain/calendar-entries';

// H-1: the calendar's layers, lowest first: the package, the override file, the statutory days
// of a year the package lacks, and the days entered in chat (`节假日`), which win over all.

const pkg: CalendarData = { holidays: { '2026-10-01': '国庆节' }, makeupWorkdays: { '2026-10-10': '国庆节' }, coveredYears: [2026] };
/** A hand-made statutory rule: 2027-01-01 and 2027-10-01..03. */
const statutory = (year: number): Record<string, string> => (year === 2027 ? { '2027-01-01': '元旦', '2027-10-01': '国庆节', '2027-10-02': '国庆节', '2027-10-03': '国庆节' } : {});
const make = () =>
  new WorkCalendar(
    { ...pkg, holidays: { ...pkg.holidays, '2027-05-06': '公司庆典' } },
    { sources: { '2027-05-06': 'file' }, packageYears: [2026], statutory },
  );
const entry = (kind: CalendarEntryFact['kind'], date: string | null, name: string | null = null, year = 2027): CalendarEntryFact => ({ kind, date, year, name });

describe('WorkCalendar layers (H-1)', () => {
  test('H-1 a provisional year gets the statutory days; a package year never does', () => {
    const cal = make();
    expect(cal.day('2027-01-01')).toEqual({ date: '2027-01-01', kind: 'holiday', workday: false, name: '元旦', provisional: true });
    expect(cal.statutoryDays(2026)).toEqual({});
    expect(cal.day('2026-10-02').kind).toBe('workday'); // only what the package says
  });

  test('H-1 chat entries win over the statutory days, the file and the package', () => {
    const cal = make();
    cal.setEntered(
      { holidays: { '2026-10-10': '公司放假', '2027-02-12': '春节' }, makeupWorkdays: { '2027-01-01': '值班', '2027-05-06': '补班' }, coveredYears: [] },
      '3@1',
    );
    expect(cal.day('2027-01-01')).toMatchObject({ kind: 'makeup', workday: true, name: '值班' });
    expect(cal.day('2027-05-06')).toMatchObject({ kind: 'makeup', workday: true });
    expect(cal.day('2026-10-10')).toMatchObject({ kind: 'holiday', workday: false, name: '公司放假' });
    expect(cal.day('2027-02-12')).toMatchObject({ kind: 'holiday', provisional: true });
    expect(cal.enteredVersion).toBe('3@1');
    expect(cal.schedule(2027)).toEqual([
      { date: '2027-01-01', kind: 'makeup', name: '值班', source: 'chat' },
      { date: '2027-02-12', kind: 'holiday', name: '春节', source: 'chat' },
      { date: '2027-05-06', kind: 'makeup', name: '补班', source: 'chat' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节', source: 'statutory' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节', source: 'statutory' },
      { date: '2027-10-03', kind: 'holiday', name: '国庆节', source: 'statutory' },
    ]);
  });

  test('H-1 a new chat layer replaces the old one whole (a cleared day returns to the lower layers)', () => {
    const cal = make();
    cal.setEntered({ holidays: {}, makeupWorkdays: { '2027-01-01': '值班' }, coveredYears: [2027] }, '1@1');
    expect(cal.isProvisionalYear(2027)).toBe(false);
    cal.setEntered({ holidays: {}, makeupWorkdays: {}, coveredYears: [] }, '2@2');
    expect(cal.day('2027-01-01')).toMatchObject({ kind: 'holiday', name: '元旦', provisional: true });
  });

  test.each<[string, number, CalendarData['coveredYears'], string]>([
    ['H-1 a package year', 2026, [], 'package'],
    ['H-1 a year confirmed in chat', 2027, [2027], 'chat'],
    ['H-1 a year nobody covers', 2027, [], 'provisional'],
  ])('yearStatus: %s', (_title, year, confirmed, status) => {
    const cal = make();
    cal.setEntered({ holidays: {}, makeupWorkdays: {}, coveredYears: confirmed }, 'v');
    expect(cal.yearStatus(year)).toBe(status);
  });

  test('H-1 a year completed in the file is official ("file") and keeps the statutory days', () => {
    const cal = new WorkCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2026, 2027] }, { packageYears: [2026], statutory });
    expect(cal.yearStatus(2027)).toBe('file');
    expect(cal.day('2027-01-01')).toMatchObject({ kind: 'holiday', provisional: false });
  });
});

describe('yearsToWarn (H-1, calendar.warnFromMonth)', () => {
  const cal = make();
  test.each<[string, string, number[]]>([
    ['H-1 31 October: next year is not warned about yet', '2026-10-31', []],
    ['H-1 1 November: next year is', '2026-11-01', [2027]],
    ['H-1 31 December: still', '2026-12-31', [2027]],
    ['H-1 inside a provisional year: that year', '2027-03-01', [2027]],
    ['H-1 November of a provisional year: that year and the next', '2027-11-01', [2027, 2028]],
  ])('%s', (_title, today, years) => {
    expect(yearsToWarn(cal, today, 11)).toEqual(years);
  });

  test('H-1 a confirmed year is no longer warned about', () => {
    const confirmed = make();
    confirmed.setEntered({ holidays: {}, makeupWorkdays: {}, coveredYears: [2027] }, 'v');
    expect(yearsToWarn(confirmed, '2026-11-01', 11)).toEqual([]);
  });
});

describe('foldEntries: the chat layer from the entries in order (H-1)', () => {
  test.each<[string, CalendarEntryFact[], CalendarData]>([
    ['the latest entry of a date wins', [entry('holiday', '2027-02-14', '春节'), entry('workday', '2027-02-14')], { holidays: {}, makeupWorkdays: { '2027-02-14': '调休上班' }, coveredYears: [] }],
    ['清除 removes the date', [entry('holiday', '2027-02-14', '春节'), entry('clear', '2027-02-14')], { holidays: {}, makeupWorkdays: {}, coveredYears: [] }],
    ['a later entry after 清除 counts', [entry('clear', '2027-02-14'), entry('holiday', '2027-02-14')], { holidays: { '2027-02-14': '休息日' }, makeupWorkdays: {}, coveredYears: [] }],
    ['确认 makes its year covered', [entry('confirm', null, null, 2027), entry('confirm', null, null, 2026)], { holidays: {}, makeupWorkdays: {}, coveredYears: [2026, 2027] }],
    ['no entries, no layer', [], { holidays: {}, makeupWorkdays: {}, coveredYears: [] }],
  ])('%s', (_title, entries, expected) => {
    expect(foldEntries(entries)).toEqual(expected);
  });
});
