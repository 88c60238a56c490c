import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  addDays,
  datesBetween,
  formatMinute,
  isWorkDate,
  mondayOf,
  monthOf,
  monthRange,
  weekday,
  zonedInstant,
  zonedMinute,
} from '../../../src/domain/dates';

const SH = 'Asia/Shanghai';

/** Instants in Asia/Shanghai, by hand: UTC+8 all year, no DST since 1991. */
const ZONED: Array<[string, string, string, number]> = [
  ['H-1 09:00:00 on 2026-12-03', '2026-12-03T01:00:00Z', '2026-12-03', 9 * 60],
  ['H-11 09:00:59 truncates to 09:00', '2026-12-03T01:00:59.999Z', '2026-12-03', 9 * 60],
  ['H-11 09:01:00 is 09:01', '2026-12-03T01:01:00Z', '2026-12-03', 9 * 60 + 1],
  ['H-11 17:59:30 truncates to 17:59', '2026-12-03T09:59:30Z', '2026-12-03', 17 * 60 + 59],
  ['H-12 17:05:59 truncates to 17:05', '2026-12-03T09:05:59Z', '2026-12-03', 17 * 60 + 5],
  ['H-1 local midnight is the next day in Shanghai', '2026-12-02T16:00:00Z', '2026-12-03', 0],
  ['H-1 23:59:59 local is still the same day', '2026-12-03T15:59:59Z', '2026-12-03', 23 * 60 + 59],
  ['H-1 a New-York-DST date (July) is still UTC+8', '2026-07-01T01:30:00Z', '2026-07-01', 9 * 60 + 30],
  ['H-1 a New Year instant', '2026-12-31T16:00:00Z', '2027-01-01', 0],
];

describe('zonedMinute / zonedInstant in the company zone (H-1, edges "Time and minutes")', () => {
  test.each(ZONED)('zonedMinute: %s', (_title, iso, date, minute) => {
    expect(zonedMinute(new Date(iso), SH)).toEqual({ date, minute });
  });

  test.each<[string, string, number, string]>([
    ['H-1 09:00 on 2026-12-03', '2026-12-03', 9 * 60, '2026-12-03T01:00:00.000Z'],
    ['H-1 00:00 is the previous UTC day', '2026-12-03', 0, '2026-12-02T16:00:00.000Z'],
    ['H-1 23:59', '2026-12-03', 23 * 60 + 59, '2026-12-03T15:59:00.000Z'],
    ['H-5 17:00 meeting', '2026-07-01', 17 * 60, '2026-07-01T09:00:00.000Z'],
    ['H-1 leap day 2028-02-29 at 18:00', '2028-02-29', 18 * 60, '2028-02-29T10:00:00.000Z'],
  ])('zonedInstant: %s', (_title, date, minute, iso) => {
    expect(zonedInstant(date, minute, SH).toISOString()).toBe(iso);
  });

  test.each<[string, string, number]>([
    ['H-1 start of day', '2026-12-03', 0],
    ['H-1 work start', '2026-12-03', 540],
    ['H-1 work end', '2026-12-03', 1080],
    ['H-1 last minute', '2026-12-31', 1439],
    ['H-1 leap day', '2028-02-29', 720],
  ])('round-trip: %s', (_title, date, minute) => {
    expect(zonedMinute(zonedInstant(date, minute, SH), SH)).toEqual({ date, minute });
  });

  test('H-1 a zone with DST (America/New_York) is exact outside the gap', () => {
    expect(zonedInstant('2026-07-01', 9 * 60, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedInstant('2026-12-03', 9 * 60, 'America/New_York').toISOString()).toBe('2026-12-03T14:00:00.000Z');
    expect(zonedMinute(new Date('2026-12-03T14:00:30Z'), 'America/New_York')).toEqual({ date: '2026-12-03', minute: 540 });
  });

  /**
   * Jest gives each suite its own copy of process.env, so TZ cannot be changed in-process: a
   * child node with TZ=America/New_York loads src/domain/dates.ts (transpiled by typescript)
   * and reports what it sees.
   */
  test.each(['America/New_York', 'UTC', 'Asia/Kolkata'])('H-1 the server TZ does not matter: a child process with TZ=%s', (tz) => {
    const js = `
      const ts = require('typescript');
      const fs = require('fs');
      require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText, file);
      const d = require('./src/domain/dates.ts');
      const input = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify({
        offset: new Date('2026-12-03T12:00:00Z').getTimezoneOffset(),
        zoned: input.map((iso) => d.zonedMinute(new Date(iso), 'Asia/Shanghai')),
        instant: d.zonedInstant('2026-12-03', 540, 'Asia/Shanghai').toISOString(),
        monday: d.mondayOf('2026-03-08'),
        next: d.addDays('2026-11-01', 1),
        feb: d.monthRange('2028-02'),
      }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['-e', js, JSON.stringify(ZONED.map((r) => r[1]))], {
        cwd: path.join(__dirname, '../../..'),
        env: { ...process.env, TZ: tz },
      }).toString(),
    );
    const offsets: Record<string, number> = { 'America/New_York': 300, UTC: 0, 'Asia/Kolkata': -330 };
    expect(out).toEqual({
      offset: offsets[tz], // the child really runs in that zone
      zoned: ZONED.map(([, , date, minute]) => ({ date, minute })),
      instant: '2026-12-03T01:00:00.000Z',
      monday: '2026-03-02', // New York enters DST on Sunday 2026-03-08
      next: '2026-11-02', // New York leaves DST that night
      feb: { first: '2028-02-01', last: '2028-02-29' },
    });
  });
});

describe('calendar-date helpers (H-1, H-6, "Money and months")', () => {
  test.each<[string, string, number, string]>([
    ['H-1 next day', '2026-12-03', 1, '2026-12-04'],
    ['H-1 previous day', '2026-12-03', -1, '2026-12-02'],
    ['H-1 across a month', '2026-11-30', 1, '2026-12-01'],
    ['H-1 across a year', '2026-12-31', 1, '2027-01-01'],
    ['H-1 into a leap day', '2028-02-28', 1, '2028-02-29'],
    ['H-1 no leap day in 2027', '2027-02-28', 1, '2027-03-01'],
    ['H-1 a week back over a year', '2027-01-03', -7, '2026-12-27'],
    ['H-1 zero days', '2026-12-03', 0, '2026-12-03'],
  ])('addDays: %s', (_title, date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  test.each<[string, string, string]>([
    ['H-6 a Sunday belongs to the week before (Monday–Sunday)', '2026-12-06', '2026-11-30'],
    ['H-6 a Monday is its own week start', '2026-11-30', '2026-11-30'],
    ['H-6 a Thursday', '2026-12-03', '2026-11-30'],
    ['H-6 a Saturday', '2026-12-05', '2026-11-30'],
    ['H-6 a Sunday across the new year', '2027-01-03', '2026-12-28'],
    ['H-6 a Friday across a leap day', '2028-03-03', '2028-02-28'],
  ])('mondayOf: %s', (_title, date, monday) => {
    expect(mondayOf(date)).toBe(monday);
    expect(weekday(monday)).toBe(1);
  });

  test.each<[string, string, string, string]>([
    ['edges: February 2028 is a leap month', '2028-02', '2028-02-01', '2028-02-29'],
    ['edges: February 2027 has 28 days', '2027-02', '2027-02-01', '2027-02-28'],
    ['edges: February 2100 is not leap', '2100-02', '2100-02-01', '2100-02-28'],
    ['edges: December ends the year', '2026-12', '2026-12-01', '2026-12-31'],
    ['edges: a 30-day month', '2026-11', '2026-11-01', '2026-11-30'],
    ['edges: January', '2027-01', '2027-01-01', '2027-01-31'],
  ])('monthRange: %s', (_title, month, first, last) => {
    expect(monthRange(month)).toEqual({ first, last });
    expect(monthOf(last)).toBe(month);
  });

  test.each<[string, string, boolean]>([
    ['H-1 an ordinary date', '2026-12-03', true],
    ['H-1 a leap day', '2028-02-29', true],
    ['H-1 not a leap year', '2027-02-29', false],
    ['H-1 February 30th', '2026-02-30', false],
    ['H-1 month 13', '2026-13-01', false],
    ['H-1 day 00', '2026-12-00', false],
    ['H-1 unpadded', '2026-1-01', false],
    ['H-1 with a time', '2026-12-03T00:00', false],
    ['H-1 empty', '', false],
  ])('isWorkDate: %s', (_title, value, ok) => {
    expect(isWorkDate(value)).toBe(ok);
  });

  test.each<[string, string, number]>([
    ['H-1 2026-12-03 is a Thursday', '2026-12-03', 4],
    ['H-1 2026-12-05 is a Saturday', '2026-12-05', 6],
    ['H-1 2026-12-06 is a Sunday', '2026-12-06', 0],
    ['H-1 2026-10-10 is a Saturday', '2026-10-10', 6],
  ])('weekday: %s', (_title, date, dow) => {
    expect(weekday(date)).toBe(dow);
  });

  test('H-1 datesBetween includes both ends, across a month', () => {
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesBetween('2026-12-03', '2026-12-03')).toEqual(['2026-12-03']);
    expect(datesBetween('2026-12-04', '2026-12-03')).toEqual([]);
  });

  test.each<[number, string]>([
    [0, '00:00'],
    [540, '09:00'],
    [541, '09:01'],
    [1085, '18:05'],
    [1439, '23:59'],
  ])('H-1 formatMinute(%d) = %s', (minute, text) => {
    expect(formatMinute(minute)).toBe(text);
  });
});
