import fc from 'fast-check';
import { zonedMinute, type ZonedMinute } from '../../../src/domain/dates';

/**
 * zonedMinute keeps resolved minutes per zone (keyed by the UTC minute). These tests hold it
 * to an uncached computation: a new Intl.DateTimeFormat for every call, in another locale and
 * with seconds, so nothing is shared with the implementation's formatter or cache.
 */

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const MINUTE = 60_000;

/** The instant's date and minute in `timeZone`, computed from scratch. */
function reference(at: Date, timeZone: string): ZonedMinute {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${part('year')}-${pad(part('month'))}-${pad(part('day'))}`, minute: part('hour') * 60 + part('minute') };
}

/** Asks zonedMinute twice (a miss or a hit, then a hit) and the reference once; all three agree. */
function expectSame(ms: number, timeZone: string): void {
  const want = reference(new Date(ms), timeZone);
  const first = zonedMinute(new Date(ms), timeZone);
  const again = zonedMinute(new Date(ms), timeZone);
  if (first.date !== want.date || first.minute !== want.minute || again.date !== want.date || again.minute !== want.minute) {
    // One readable failure instead of thousands of expect() calls.
    expect({ at: new Date(ms).toISOString(), timeZone, first, again }).toEqual({ at: new Date(ms).toISOString(), timeZone, first: want, again: want });
  }
}

/** Every `step` ms from `from` to `to` (ISO), at second 59 (.999) then second 0 of each minute. */
function sweep(timeZone: string, from: string, to: string, step = MINUTE): number {
  let n = 0;
  for (let t = Date.parse(from); t <= Date.parse(to); t += step) {
    const start = Math.floor(t / MINUTE) * MINUTE;
    // The later second first, so the earlier one is answered from what the later one cached.
    for (const ms of [start + 59_999, start + 59_000, start, start + 30_500]) {
      expectSame(ms, timeZone);
      n++;
    }
  }
  return n;
}

describe('zonedMinute: answers from the per-minute cache equal an uncached Intl computation', () => {
  test.each<[string, string, string, string, number]>([
    // Hand-checked: the reference itself must be right about the zones.
    ['Shanghai 09:00:00', SH, '2026-12-03T01:00:00.000Z', '2026-12-03', 540],
    ['Shanghai 09:00:59.999 truncates', SH, '2026-12-03T01:00:59.999Z', '2026-12-03', 540],
    ['Shanghai midnight is the next day', SH, '2026-12-02T16:00:00.000Z', '2026-12-03', 0],
    ['Shanghai, 1 ms before the epoch', SH, '1969-12-31T23:59:59.999Z', '1970-01-01', 7 * 60 + 59],
    ['New York last EST minute before spring-forward (01:59)', NY, '2026-03-08T06:59:59.999Z', '2026-03-08', 60 + 59],
    ['New York spring-forward: 02:00 EST is 03:00 EDT', NY, '2026-03-08T07:00:00.000Z', '2026-03-08', 180],
    ['New York last EDT minute before fall-back (01:59)', NY, '2026-11-01T05:59:59.000Z', '2026-11-01', 60 + 59],
    ['New York fall-back: 02:00 EDT is 01:00 EST again', NY, '2026-11-01T06:00:00.000Z', '2026-11-01', 60],
    ['New York, the epoch is the evening before', NY, '1970-01-01T00:00:00.000Z', '1969-12-31', 19 * 60],
  ])('%s', (_title, timeZone, iso, date, minute) => {
    expect(reference(new Date(iso), timeZone)).toEqual({ date, minute });
    expect(zonedMinute(new Date(iso), timeZone)).toEqual({ date, minute });
    expect(zonedMinute(new Date(iso), timeZone)).toEqual({ date, minute });
  });

  test('New York across the 2026 spring-forward, every minute for ±3 h, seconds 0 and 59', () => {
    expect(sweep(NY, '2026-03-08T04:00:00Z', '2026-03-08T10:00:00Z')).toBe(4 * 361);
  });

  test('New York across the 2026 fall-back (01:00–02:00 happens twice), every minute for ±3 h, seconds 0 and 59', () => {
    expect(sweep(NY, '2026-11-01T03:00:00Z', '2026-11-01T09:00:00Z')).toBe(4 * 361);
    // Both 01:30s of that night: 05:30Z (EDT) and 06:30Z (EST) are the same wall minute.
    expect(zonedMinute(new Date('2026-11-01T05:30:59Z'), NY)).toEqual({ date: '2026-11-01', minute: 90 });
    expect(zonedMinute(new Date('2026-11-01T06:30:00Z'), NY)).toEqual({ date: '2026-11-01', minute: 90 });
  });

  test('Shanghai across its own midnights and the New Year, every minute, seconds 0 and 59', () => {
    sweep(SH, '2026-12-31T14:00:00Z', '2026-12-31T18:00:00Z');
    sweep(SH, '2026-03-07T15:00:00Z', '2026-03-07T17:00:00Z');
  });

  test('negative epoch instants: around the epoch, and the 1940s and 1986–91 Shanghai DST years', () => {
    for (const ms of [-1, -999, -1_000, -59_999, -60_000, -60_001, -86_400_000, -86_400_001, 0, 1, 59_999, 60_000]) {
      expectSame(ms, SH);
      expectSame(ms, NY);
      expectSame(ms, 'UTC');
    }
    sweep(SH, '1969-12-31T14:00:00Z', '1970-01-01T02:00:00Z');
    sweep(NY, '1969-12-31T20:00:00Z', '1970-01-01T08:00:00Z');
    // Shanghai observed DST in 1940–41, 1946–49 and 1986–91: sample those years every 7 min 13 s.
    sweep(SH, '1940-05-31T12:00:00Z', '1940-06-03T12:00:00Z', 433_000);
    sweep(SH, '1986-05-03T12:00:00Z', '1986-05-04T12:00:00Z', 433_000);
    sweep(SH, '1986-09-13T12:00:00Z', '1986-09-14T12:00:00Z', 433_000);
    // New York in the 1960s (other DST dates) and in 1918 (the first US DST).
    sweep(NY, '1966-04-24T04:00:00Z', '1966-04-24T10:00:00Z');
    sweep(NY, '1918-03-31T04:00:00Z', '1918-03-31T10:00:00Z');
  });

  test('more distinct minutes than the cache keeps (it clears itself): still right on the way and afterwards', () => {
    const from = Date.parse('2026-10-29T00:00:00Z');
    const minutes = 10_000; // > 4096 kept per zone, across the New York fall-back
    for (let i = 0; i < minutes; i++) expectSame(from + i * MINUTE + (i % 2 ? 59_000 : 0), NY);
    for (let i = 0; i < minutes; i += 97) expectSame(from + i * MINUTE + 12_345, NY);
  });

  test('random instants 1902–2100 in several zones, second 0 and 59 of each minute, repeated', () => {
    const zones = [SH, NY, 'UTC', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
    const late = Date.parse('1950-01-01T00:00:00Z'); // every zone above has whole-minute offsets from here on
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('1902-01-01T00:00:00Z'), max: Date.parse('2100-12-31T23:59:59Z') }),
        fc.constantFrom(0, 59_000, 59_999, 30_000),
        (zone, t, second) => {
          const ms = Math.floor(t / MINUTE) * MINUTE + second;
          if (zone !== SH && zone !== NY && ms < late) return;
          expectSame(ms, zone);
          expectSame(Math.floor(t / MINUTE) * MINUTE + (59_999 - second), zone);
        },
      ),
      { numRuns: 5_000, seed: 20261203 },
    );
  });

  test('the same instant in two zones: each zone has its own answers', () => {
    const at = new Date('2026-07-01T03:30:15Z');
    expect(zonedMinute(at, SH)).toEqual({ date: '2026-07-01', minute: 11 * 60 + 30 });
    expect(zonedMinute(at, NY)).toEqual({ date: '2026-06-30', minute: 23 * 60 + 30 });
    expect(zonedMinute(at, SH)).toEqual({ date: '2026-07-01', minute: 11 * 60 + 30 });
    expect(zonedMinute(at, 'UTC')).toEqual({ date: '2026-07-01', minute: 3 * 60 + 30 });
  });

  test('an invalid Date throws every time, as Intl does (nothing is cached for it)', () => {
    expect(() => reference(new Date(NaN), SH)).toThrow(RangeError);
    expect(() => zonedMinute(new Date(NaN), SH)).toThrow(RangeError);
    expect(() => zonedMinute(new Date(NaN), SH)).toThrow(RangeError);
  });
});

describe('zonedMinute: zones whose offset is not whole minutes are never answered from the cache', () => {
  test.each([
    // Shanghai local mean time +08:05:43 (1900): 00:00:00Z is 08:05:43, 00:00:30Z is 08:06:13.
    ['Asia/Shanghai', '1900-01-01T00:00:00Z', '1900-01-01T00:00:30Z', { date: '1900-01-01', minute: 485 }, { date: '1900-01-01', minute: 486 }],
    // Monrovia −00:44:30 until 1972: 12:00:40Z is 11:16:10, 12:00:00Z is 11:15:30.
    ['Africa/Monrovia', '1965-06-01T12:00:40Z', '1965-06-01T12:00:00Z', { date: '1965-06-01', minute: 676 }, { date: '1965-06-01', minute: 675 }],
    // Monrovia left −00:44:30 for UTC at 1972-01-07 00:44:30Z, inside a UTC minute: 00:44:40Z is 00:44, 00:44:10Z still 23:59 the day before.
    ['Africa/Monrovia', '1972-01-07T00:44:40Z', '1972-01-07T00:44:10Z', { date: '1972-01-07', minute: 44 }, { date: '1972-01-06', minute: 23 * 60 + 59 }],
  ])('%s: %s then %s in the same UTC minute', (zone, first, second, a, b) => {
    expect(zonedMinute(new Date(first), zone)).toEqual(a);
    expect(zonedMinute(new Date(second), zone)).toEqual(b);
    expect(reference(new Date(second), zone)).toEqual(b);
  });
});

describe('zonedMinute: a returned object belongs to the caller', () => {
  test('mutating the answer of a miss, then of a hit, changes no later answer', () => {
    const at = new Date('2026-12-03T01:07:00.000Z'); // 09:07 in Shanghai, first asked here
    const first = zonedMinute(at, SH);
    expect(first).toEqual({ date: '2026-12-03', minute: 547 });
    first.date = '1999-01-01';
    first.minute = -1;
    const second = zonedMinute(at, SH);
    expect(second).toEqual({ date: '2026-12-03', minute: 547 });
    expect(second).not.toBe(first);
    second.date = 'mutated';
    second.minute = 9999;
    (second as unknown as Record<string, unknown>).extra = true;
    // Another second of the same UTC minute: answered from the cache entry.
    const third = zonedMinute(new Date('2026-12-03T01:07:59.999Z'), SH);
    expect(third).toStrictEqual({ date: '2026-12-03', minute: 547 });
    expect(third).not.toBe(second);
    expect(zonedMinute(at, SH)).toStrictEqual({ date: '2026-12-03', minute: 547 });
  });

  test('two calls never share an object', () => {
    const at = new Date('2026-03-08T07:00:30Z');
    const a = zonedMinute(at, NY);
    const b = zonedMinute(at, NY);
    expect(a).not.toBe(b);
    a.minute += 1;
    expect(b).toEqual({ date: '2026-03-08', minute: 180 });
    expect(zonedMinute(at, NY)).toEqual({ date: '2026-03-08', minute: 180 });
  });
});
