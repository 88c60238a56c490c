import { ClockControl } from '../../../bots/web/clock-control';
import { DemoClock } from '../../../bots/web';
import { ManualClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import type { DemoFire } from '../../../bots/web';
import { CALENDAR, POLICY, sh } from '../../helpers/service-context';

/** A schedule with one fire a day at 17:00 that records what ran and at what clock time. */
function fakeSchedule(clock: ManualClock) {
  const ran: Array<{ fire: DemoFire; at: Date }> = [];
  return {
    ran,
    firesBetween: (from: Date, to: Date) => {
      const fires: DemoFire[] = [];
      for (const day of ['2026-12-03', '2026-12-04', '2026-12-07']) {
        const at = sh(`${day} 17:00:00`);
        if (at > from && at <= to) fires.push({ job: 'meeting-reminder', slot: day, at });
      }
      return fires;
    },
    run: async (fire: DemoFire) => {
      ran.push({ fire, at: clock.now() });
      return `${fire.slot}: ok`;
    },
  };
}

describe('the demo clock', () => {
  test('DemoClock shows the time it was set to and moves on with real time', async () => {
    const clock = new DemoClock(sh('2026-12-04 09:10:00'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    const moved = clock.now().getTime() - sh('2026-12-04 09:10:00').getTime();
    expect(moved).toBeGreaterThanOrEqual(30);
    expect(moved).toBeLessThan(2000);
    clock.set(sh('2026-12-07 17:00:00'));
    expect(clock.now().getTime() - sh('2026-12-07 17:00:00').getTime()).toBeLessThan(50);
  });

  test('a jump runs each fire it passes at the fire\'s own time, once; the weekend is skipped to Monday', async () => {
    const clock = new ManualClock(sh('2026-12-04 10:00:00'));
    const schedule = fakeSchedule(clock);
    const control = new ClockControl({ clock, policy: POLICY, calendar: CALENDAR, schedule, logger: createLogger({ level: 'silent' }) });
    const first = await control.act('next-workday');
    expect(first.clock.label).toBe('2026-12-07 周一 09:10（工作日）');
    expect(first.ran).toEqual(['例会提醒：2026-12-04: ok']);
    expect(schedule.ran.map((r) => r.at)).toEqual([sh('2026-12-04 17:00:00')]);
    const second = await control.act('meeting');
    expect(second.clock.label).toBe('2026-12-07 周一 17:00（工作日）');
    expect(second.ran).toEqual(['例会提醒：2026-12-07: ok']);
    expect((await control.act('meeting')).clock.label).toBe('2026-12-08 周二 17:00（工作日）');
    expect(schedule.ran).toHaveLength(2);
  });

  test('issue 17: 08:55 on the next workday and 18:05 today, for a clean day; labels follow the policy\'s hours', async () => {
    const clock = new ManualClock(sh('2026-12-03 10:00:00'));
    const schedule = fakeSchedule(clock);
    const control = new ClockControl({ clock, policy: POLICY, calendar: CALENDAR, schedule, logger: createLogger({ level: 'silent' }) });
    expect(control.state().actions).toMatchObject({ 'on-time': '下个工作日 08:55', 'next-workday': '下个工作日 09:10', meeting: '跳到 17:00', 'clock-out': '今天 18:05' });
    const evening = await control.act('clock-out');
    expect(evening.clock.label).toBe('2026-12-03 周四 18:05（工作日）');
    expect(evening.ran).toEqual(['例会提醒：2026-12-03: ok']);
    // Past 18:05 today, it is the next workday's 18:05 (Friday).
    expect((await control.act('clock-out')).clock.label).toBe('2026-12-04 周五 18:05（工作日）');
    const morning = await control.act('on-time');
    expect(morning.clock.label).toBe('2026-12-07 周一 08:55（工作日）');
    const later = { ...POLICY, workHours: { ...POLICY.workHours, start: 10 * 60, end: 19 * 60 } };
    const other = new ClockControl({ clock, policy: later, calendar: CALENDAR, schedule, logger: createLogger({ level: 'silent' }) });
    expect(other.state().actions).toMatchObject({ 'on-time': '下个工作日 09:55', 'next-workday': '下个工作日 10:10', 'clock-out': '今天 19:05' });
  });

  test('a run that did nothing (the schedule says null) is left out of the log', async () => {
    const clock = new ManualClock(sh('2026-12-03 10:00:00'));
    const schedule = { ...fakeSchedule(clock), run: async () => null };
    const control = new ClockControl({ clock, policy: POLICY, calendar: CALENDAR, schedule, logger: createLogger({ level: 'silent' }) });
    expect((await control.act('meeting')).ran).toEqual([]);
  });

  test('while started, it runs the fires that the time passed on its own', async () => {
    const clock = new ManualClock(sh('2026-12-03 16:59:00'));
    const schedule = fakeSchedule(clock);
    const control = new ClockControl({ clock, policy: POLICY, calendar: CALENDAR, schedule, logger: createLogger({ level: 'silent' }) });
    control.start(10);
    try {
      clock.advance(2 * 60_000);
      for (let i = 0; i < 100 && !schedule.ran.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(schedule.ran.map((r) => r.fire.slot)).toEqual(['2026-12-03']);
    } finally {
      control.stop();
    }
  });
});
