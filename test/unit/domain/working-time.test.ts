import { workingMinutesBetween } from '../../../src/domain/working-time';
import { CALENDAR, POLICY, sh } from '../../helpers/service-context';

const TZ = POLICY.timezone;
const HOURS = POLICY.workHours;
const CAP = 100 * 60;
const between = (from: string, to: string, cap = CAP) => workingMinutesBetween(sh(from), sh(to), HOURS, CALENDAR, TZ, cap);

describe('working minutes between two instants (approval reminders count 09:00–18:00 of workdays, H-1)', () => {
  test.each([
    ['within one morning', '2026-12-07 10:00:00', '2026-12-07 14:00:00', 240],
    ['before work starts counts from 09:00', '2026-12-07 07:30:00', '2026-12-07 10:00:00', 60],
    ['after work ends counts nothing', '2026-12-07 18:30:00', '2026-12-07 23:00:00', 0],
    ['overnight: the evening and the night count nothing', '2026-12-07 16:00:00', '2026-12-08 10:00:00', 180],
    ['a weekend counts nothing (Friday 17:00 → Monday 10:00)', '2026-12-04 17:00:00', '2026-12-07 10:00:00', 120],
    ['a public holiday counts nothing (National Day 10-01..10-07; 10-08 is a workday)', '2026-09-30 17:00:00', '2026-10-09 10:00:00', 60 + 540 + 60],
    ['the end before the start is zero', '2026-12-07 14:00:00', '2026-12-07 10:00:00', 0],
    ['a whole working week', '2026-12-07 09:00:00', '2026-12-11 18:00:00', 5 * 9 * 60],
  ])('%s', (_, from, to, minutes) => {
    expect(between(from, to)).toBe(minutes);
  });

  test('stops at the cap, however long the request waited', () => {
    expect(between('2026-01-05 09:00:00', '2026-12-31 18:00:00', 480)).toBe(480);
    expect(between('2020-01-01 09:00:00', '2026-12-31 18:00:00', 10 ** 9)).toBeLessThanOrEqual(366 * 9 * 60);
  });
});
