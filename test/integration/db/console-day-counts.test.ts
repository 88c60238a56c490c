import { AttendanceDay } from '../../../src/db/entities';
import { dayCountsByEmployee } from '../../../src/db/stores/console-read-store';
import { lateAndAbsentByDay } from '../../../src/db/stores/team-chart-store';
import { describeEachDb } from '../../helpers/test-db';

/**
 * 本月's 迟到 / 缺勤 columns and 团队's lateness chart count the judged days alike: a day judged
 * late (incidents with minutes late) is 迟到; a day so late it became half or whole day absent
 * counts as absent only (H-11), on SQLite and MySQL.
 */
describeEachDb('console day counts: 本月 and 团队 agree on what is late', (db) => {
  const days: Array<[string, string, number]> = [
    ['2026-11-02', 'incidents', 10], // late 10 minutes
    ['2026-11-03', 'absent-half', 45], // so late it is half a day absent
    ['2026-11-04', 'absent-day', 0],
    ['2026-11-05', 'ok', 0],
    ['2026-11-06', 'incidents', 0], // an early leave, not late
  ];

  beforeAll(async () => {
    const at = new Date('2026-11-10T00:00:00Z');
    await db().getRepository(AttendanceDay).save(days.map(([workDate, status, lateMinutes]) => ({ employeeId: 7001, workDate, status, lateMinutes, earlyMinutes: 0, provisional: false, judgedAt: at })));
  });

  test('one late day, one half-day and one whole-day absence, three days worked', async () => {
    const counts = (await dayCountsByEmployee(db().manager, [7001], '2026-11-01', '2026-11-30')).get(7001);
    expect(counts).toEqual({ worked: 3, halfAbsent: 1, absent: 1, late: 1 });
    const byDay = await lateAndAbsentByDay(db().manager, [7001], '2026-11-01', '2026-11-30');
    expect(byDay.reduce((n, d) => n + d.late, 0)).toBe(counts?.late);
    expect(byDay.map((d) => [d.date, d.late, d.halfAbsent, d.absent])).toEqual([['2026-11-02', 1, 0, 0], ['2026-11-03', 0, 1, 0], ['2026-11-04', 0, 0, 1]]);
  });
});
