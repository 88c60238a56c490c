import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import {
  addDays, dateOfDayNumber, datesBetween, dayNumber, daysBetween, isWorkDate, MAX_DATES_IN_SPAN, mondayOf, monthRange, weekday, zonedInstant, zonedMinute,
} from '../../../src/domain/dates';
import { WorkCalendar } from '../../../src/domain/calendar';

/**
 * Date arithmetic at the ends of the calendar (issue 13): `addDays('9999-12-31', 1)` gave
 * '+010000-01', which sorts before '9999-12-31', so `datesBetween` to that date never ended and
 * one `请假 事假 9999-12-31 …` took the server down. Arithmetic now counts days, never compares
 * ISO strings past 9999, and refuses what it cannot write.
 */
const ROOT = path.join(__dirname, '../../..');

/** Runs `expr` against src/domain/dates.ts in a child node with a deadline: a hang is a failure, not a stuck suite. */
function inChild(expr: string): { status: number | null; out: string; timedOut: boolean } {
  const js = `
    const ts = require('typescript');
    const fs = require('fs');
    require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText, file);
    const d = require('./src/domain/dates.ts');
    let out;
    try { out = { value: ${expr} }; } catch (e) { out = { error: e.constructor.name }; }
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--max-old-space-size=128', '-e', js], { cwd: ROOT, timeout: 10_000, encoding: 'utf8' });
  return { status: r.status, out: r.stdout, timedOut: r.error !== undefined || r.signal !== null };
}

describe('the last days of 9999 end every loop', () => {
  test('regression: datesBetween up to 9999-12-31 ends (it looped until the heap ran out)', () => {
    const r = inChild(`d.datesBetween('9999-12-30', '9999-12-31')`);
    expect(r.timedOut).toBe(false);
    expect(JSON.parse(r.out)).toEqual({ value: ['9999-12-30', '9999-12-31'] });
  });

  test('regression: addDays past 9999-12-31 is a RangeError, not \'+010000-01\'', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDays('0000-01-02', -1)).toBe('0000-01-01');
  });

  test('a week or a month at the end of 9999 is refused, never written with five digits', () => {
    expect(() => mondayOf('0000-01-01')).toThrow(RangeError); // a Saturday: its Monday is before year 0
    expect(mondayOf('9999-12-31')).toBe('9999-12-27');
    expect(() => addDays(mondayOf('9999-12-31'), 7)).toThrow(RangeError);
    expect(monthRange('9999-12')).toEqual({ first: '9999-12-01', last: '9999-12-31' });
    expect(() => monthRange('+10000-01')).toThrow(RangeError);
    expect(() => monthRange('2026-13')).toThrow(RangeError);
  });

  test('what is not a date is a RangeError, never NaN or an endless loop', () => {
    for (const bad of ['+010000-01', '10000-01-01', '2026-02-30', 'NaN-NaN-NaN', '']) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
      expect(() => datesBetween(bad, '2026-12-31')).toThrow(RangeError);
    }
    expect(() => addDays('2026-12-03', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-12-03', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2026-12-03', Infinity)).toThrow(RangeError);
  });

  test(`datesBetween lists at most ${MAX_DATES_IN_SPAN} dates: a longer span is a RangeError, not ten years of work in a turn`, () => {
    expect(datesBetween('2026-01-01', addDays('2026-01-01', MAX_DATES_IN_SPAN - 1))).toHaveLength(MAX_DATES_IN_SPAN);
    expect(() => datesBetween('2026-12-14', '2036-12-14')).toThrow(RangeError);
    expect(() => datesBetween('0000-01-01', '9999-12-31')).toThrow(RangeError);
    expect(datesBetween('9999-12-31', '0000-01-01')).toEqual([]);
  });

  test('a calendar asked about a decade answers with an error, at once', () => {
    const calendar = new WorkCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [] });
    expect(() => calendar.workdays('2026-12-14', '9999-12-31')).toThrow(RangeError);
    expect(() => calendar.lastWorkdayOfWeek('9999-12-27')).toThrow(RangeError); // its Sunday would be in 10000
  });

  test('an instant past 9999 has no date of work: a RangeError', () => {
    expect(() => zonedMinute(new Date(8.64e15), 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedMinute(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
    expect(zonedMinute(zonedInstant('9999-12-31', 600, 'Asia/Shanghai'), 'Asia/Shanghai')).toEqual({ date: '9999-12-31', minute: 600 });
  });
});

describe('day numbers agree with the platform calendar', () => {
  const anyDay = fc.integer({ min: dayNumber('0100-01-01'), max: dayNumber('9999-12-31') });

  test('dayNumber / dateOfDayNumber round-trip and match Date for years 0100–9999', () => {
    fc.assert(fc.property(anyDay, (n) => {
      const date = dateOfDayNumber(n);
      const viaDate = new Date(n * 86_400_000);
      return dayNumber(date) === n && isWorkDate(date)
        && date === viaDate.toISOString().slice(0, 10)
        && weekday(date) === viaDate.getUTCDay();
    }), { numRuns: 3000 });
  });

  test('addDays and daysBetween are inverse, any day count that stays in range', () => {
    fc.assert(fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (n, by) => {
      const from = dateOfDayNumber(n);
      const to = n + by;
      if (to < 0 || to > dayNumber('9999-12-31') || to < dayNumber('0000-01-01')) return true;
      return daysBetween(from, addDays(from, by)) === by;
    }), { numRuns: 3000 });
  });

  test.each<[string, boolean]>([
    ['0000-02-29', true], // year 0 is a leap year (proleptic Gregorian)
    ['0100-02-29', false],
    ['0400-02-29', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
  ])('isWorkDate(%s) = %s, for the years 0000–0099 too', (date, ok) => {
    expect(isWorkDate(date)).toBe(ok);
  });

  test('day 0 is 1970-01-01, a Thursday', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(weekday('1970-01-01')).toBe(4);
    expect(dateOfDayNumber(-1)).toBe('1969-12-31');
  });
});
