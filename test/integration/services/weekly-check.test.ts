import type { DataSource } from 'typeorm';
import { Employee, PointEntry } from '../../../src/db/entities';
import { addDays } from '../../../src/domain/dates';
import type { Role } from '../../../src/domain/roles';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { monthStatement } from '../../../src/services/ledger';
import { submitWeeklySummary } from '../../../src/services/reports';
import { checkWeek, summaryDeadline } from '../../../src/services/weekly';
import { CALENDAR, makeTeam, POLICY, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

// H-13 and its edges: one summary per Monday–Sunday week, due 18:00 on the week's last
// workday (to the minute); −5 in the month of that deadline when a summary was due and none
// was stamped in time; due only for a week with a judged workday that is not whole-day leave.

/** A live (not reversed) H-13 entry as the assertions read it. */
interface WeekEntry {
  workDate: string;
  month: string;
  rule: string;
  code: string;
  points: number;
  fineFen: number;
}

/** The live weekly-summary entries of one employee. */
async function liveWeekEntries(ds: DataSource, employee: Employee): Promise<WeekEntry[]> {
  const rows = await ds.getRepository(PointEntry).find({ where: { employeeId: employee.id }, order: { id: 'ASC' } });
  const reversed = new Set(rows.map((r) => r.reversesId));
  return rows
    .filter((r) => r.sourceType === 'week' && !reversed.has(r.id))
    .map(({ workDate, month, rule, code, points, fineFen }) => ({ workDate, month, rule, code, points, fineFen }));
}

/** The H-13 entry for a week whose deadline falls on `lastWorkday`. */
const missing = (lastWorkday: string): WeekEntry => ({
  workDate: lastWorkday, month: lastWorkday.slice(0, 7), rule: 'H-13', code: 'summary-missing', points: -5, fineFen: 0,
});

/** After the deadline: the check's own time (the job runs on the evening of the last workday or later). */
const checkTime = (lastWorkday: string) => sh(`${addDays(lastWorkday, 1)} 00:30:00`);

describeEachDb('weekly summary check (H-13)', (db) => {
  const ctx = () => serviceContext(db());
  /** A fresh team with one member of `role` (plus its supervisor); returns that member and the supervisor. */
  const one = async (role: Role = 'agent', dates: { startDate?: string; endDate?: string } = {}) => {
    const { people } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role, ...dates }]);
    return { who: people['张伟'], supervisor: people['王强'] };
  };
  const summary = (employee: Employee, stamp: string) => submitWeeklySummary(ctx(), { employee, text: '本周拨打 600，A 类 2 个', sentAt: sh(stamp) });
  /** Whole-day leave over `from`..`to`, filed the day before; approved then if `approveAt`. */
  const leave = async (who: Employee, supervisor: Employee, from: string, to: string, approveAt?: string) => {
    const { request } = await requestLeave(ctx(), {
      requester: who, filer: who, kind: 'personal', span: { startDate: from, startHalf: 'am', endDate: to, endHalf: 'pm' }, reason: '家里有事', sentAt: sh(`${addDays(from, -1)} 10:00:00`),
    });
    if (approveAt) await decideLeave(ctx(), { actor: supervisor, requestId: request.id, approve: true, at: sh(approveAt) });
    return request;
  };

  test('H-13 the policy says 18:00 and −5', () => {
    expect(POLICY.weeklySummary).toEqual({ deadline: 18 * 60, missing: { points: -5 } });
  });

  describe('H-13 on time is to the minute, by the stamp, on the week\'s last workday (Monday 2026-11-30 .. Sunday 12-06, due Friday 12-04 18:00)', () => {
    test.each([
      ['H-13 a summary earlier in the week counts', '2026-11-30 09:00:00', []],
      ['H-13 a summary before 18:00 on the last workday counts', '2026-12-04 17:59:59', []],
      ['H-13 stamped 18:00:59 is on time (seconds truncated)', '2026-12-04 18:00:59', []],
      ['H-13 stamped 18:01:00 is late: −5', '2026-12-04 18:01:00', [missing('2026-12-04')]],
      ['H-13 stamped on the Sunday of the week is late: −5', '2026-12-06 10:00:00', [missing('2026-12-04')]],
      ['H-13 none: −5 in December, the month of the deadline, though the week began in November', null, [missing('2026-12-04')]],
    ])('%s', async (_title, stamp, expected) => {
      const { who } = await one();
      if (stamp) await summary(who, stamp);
      const result = await checkWeek(ctx(), '2026-12-02', checkTime('2026-12-04'));
      expect(result).toMatchObject({ monday: '2026-11-30', deadline: '2026-12-04' });
      expect(await liveWeekEntries(db(), who)).toEqual(expected);
      expect((await monthStatement(ctx(), who.id, '2026-11')).score).toBe(100);
      expect((await monthStatement(ctx(), who.id, '2026-12')).score).toBe(100 + expected.length * -5);
    });
  });

  describe('H-13 a holiday or a make-up Saturday moves the deadline (the calendar decides, H-1)', () => {
    test.each([
      ['H-13 an ordinary week ends on Friday', '2026-12-07', '2026-12-11', '2026-12-11 18:00:00', '2026-12-11 18:01:00'],
      ['H-13 Mid-Autumn Friday 2026-09-25 moves it to Thursday', '2026-09-21', '2026-09-24', '2026-09-24 18:00:30', '2026-09-25 09:00:00'],
      ['H-13 the week before National Day ends on Wednesday 09-30: the −5 belongs to September', '2026-09-28', '2026-09-30', '2026-09-30 17:00:00', '2026-10-01 10:00:00'],
      ['H-13 the week after National Day ends on the make-up Saturday 10-10', '2026-10-05', '2026-10-10', '2026-10-10 18:00:00', '2026-10-10 18:01:00'],
      ['H-13 the week before the Spring Festival ends on the make-up Saturday 02-14', '2026-02-09', '2026-02-14', '2026-02-13 18:30:00', '2026-02-15 10:00:00'],
    ])('%s', async (_title, monday, lastWorkday, onTime, late) => {
      expect(CALENDAR.lastWorkdayOfWeek(monday)).toBe(lastWorkday);
      expect(summaryDeadline(ctx(), monday)).toEqual({ date: lastWorkday, at: sh(`${lastWorkday} 18:00:00`) });
      const [a, b, c] = [await one(), await one(), await one()];
      await summary(a.who, onTime);
      await summary(b.who, late);
      // The check is for the week containing any of its dates: here its Sunday.
      expect(await checkWeek(ctx(), addDays(monday, 6), checkTime(lastWorkday))).toMatchObject({ monday, deadline: lastWorkday });
      expect(await liveWeekEntries(db(), a.who)).toEqual([]);
      expect(await liveWeekEntries(db(), b.who)).toEqual([missing(lastWorkday)]);
      expect(await liveWeekEntries(db(), c.who)).toEqual([missing(lastWorkday)]);
    });

    test('H-13 the Spring Festival week 2026-02-16 .. 02-22 has no workday: no deadline, nothing due, nothing entered', async () => {
      // The National Day weeks of 2026 both have workdays (above); this one has none.
      expect(CALENDAR.workdays('2026-02-16', '2026-02-22')).toEqual([]);
      expect(CALENDAR.lastWorkdayOfWeek('2026-02-16')).toBeNull();
      expect(summaryDeadline(ctx(), '2026-02-16')).toBeNull();
      const { who } = await one();
      expect(await checkWeek(ctx(), '2026-02-18', sh('2026-02-23 00:30:00'))).toMatchObject({ monday: '2026-02-16', deadline: null, added: 0 });
      expect(await liveWeekEntries(db(), who)).toEqual([]);
      // A summary sent that week is stored and counts as on time: nothing is due.
      expect(await summary(who, '2026-02-20 10:00:00')).toMatchObject({ week: '2026-02-16', lastWorkday: null, deadline: null, onTime: true });
    });
  });

  describe('H-13 who owes a summary', () => {
    test.each([
      ['H-13 an agent', 'agent', {}, true],
      ['H-13 a supervisor', 'supervisor', {}, true],
      ['H-13 a salesperson', 'salesperson', {}, true],
      ['H-13 an admin is never judged', 'admin', {}, false],
      ['H-13 an employee who starts after the week', 'agent', { startDate: '2026-12-07' }, false],
      ['H-13 an employee who starts on the week\'s last workday', 'agent', { startDate: '2026-12-04' }, true],
      ['H-13 an employee who left before the week', 'agent', { endDate: '2026-11-27' }, false],
      ['H-13 an employee who leaves on the week\'s Monday', 'agent', { endDate: '2026-11-30' }, true],
    ] as Array<[string, Role, { startDate?: string; endDate?: string }, boolean]>)('%s', async (_title, role, dates, due) => {
      const { who } = await one(role, dates);
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual(due ? [missing('2026-12-04')] : []);
    });

    test('H-13/H-14 whole-day leave on every workday of the week: nothing is due', async () => {
      const { who, supervisor } = await one();
      await leave(who, supervisor, '2026-11-30', '2026-12-04', '2026-11-29 12:00:00');
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual([]);
    });

    test('H-13/H-14 leave on every workday but the last one\'s afternoon: a summary is due', async () => {
      const { who, supervisor } = await one();
      await leave(who, supervisor, '2026-11-30', '2026-12-03', '2026-11-29 12:00:00');
      const { request } = await requestLeave(ctx(), {
        requester: who, filer: who, kind: 'personal', span: { startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'am' }, reason: '看病', sentAt: sh('2026-12-03 09:00:00'),
      });
      await decideLeave(ctx(), { actor: supervisor, requestId: request.id, approve: true, at: sh('2026-12-03 10:00:00') });
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
    });

    test('H-13/H-14 a pending request for the whole week excuses nothing', async () => {
      const { who, supervisor } = await one();
      await leave(who, supervisor, '2026-11-30', '2026-12-04');
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
    });
  });

  describe('H-13 re-judging: the check converges, later facts correct it', () => {
    test('H-13 running the check again changes nothing', async () => {
      const { who } = await one();
      const { who: onTime } = await one();
      await summary(onTime, '2026-12-04 12:00:00');
      const first = await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      const rows = async () => db().getRepository(PointEntry).find({ where: [{ employeeId: who.id }, { employeeId: onTime.id }], order: { id: 'ASC' } });
      const before = await rows();
      expect(before).toHaveLength(1);
      expect(first.added).toBeGreaterThanOrEqual(1);
      const again = await checkWeek(ctx(), '2026-12-06', sh('2026-12-07 09:00:00'));
      expect(again).toMatchObject({ added: 0, reversed: 0 });
      expect(await rows()).toEqual(before);
    });

    test('H-13 a summary stamped on time but delivered after the check reverses the −5, for good', async () => {
      const { who } = await one();
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
      const r = await summary(who, '2026-12-04 17:30:00');
      expect(r).toMatchObject({ week: '2026-11-30', onTime: true });
      expect(await liveWeekEntries(db(), who)).toEqual([]);
      expect((await monthStatement(ctx(), who.id, '2026-12')).score).toBe(100);
      // The reversal is the system's (a re-judging), so a later check still finds nothing to add.
      await checkWeek(ctx(), '2026-12-04', sh('2026-12-07 09:00:00'));
      expect(await liveWeekEntries(db(), who)).toEqual([]);
    });

    test('H-13 a late summary delivered after the check leaves the −5', async () => {
      const { who } = await one();
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await summary(who, '2026-12-04 18:01:00')).toMatchObject({ onTime: false });
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
    });

    test('H-13/H-14 a late approval of leave covering the whole week reverses the −5', async () => {
      const { who, supervisor } = await one();
      const request = await leave(who, supervisor, '2026-11-30', '2026-12-04');
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
      await decideLeave(ctx(), { actor: supervisor, requestId: request.id, approve: true, at: sh('2026-12-07 10:00:00') });
      expect(await liveWeekEntries(db(), who)).toEqual([]);
      expect((await monthStatement(ctx(), who.id, '2026-12')).score).toBe(100);
    });

    test('H-13/H-14 a rejection after the check leaves the −5', async () => {
      const { who, supervisor } = await one();
      const request = await leave(who, supervisor, '2026-11-30', '2026-12-04');
      await checkWeek(ctx(), '2026-12-04', checkTime('2026-12-04'));
      await decideLeave(ctx(), { actor: supervisor, requestId: request.id, approve: false, at: sh('2026-12-07 10:00:00') });
      expect(await liveWeekEntries(db(), who)).toEqual([missing('2026-12-04')]);
    });
  });
});
