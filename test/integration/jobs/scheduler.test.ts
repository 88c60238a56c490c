import { In } from 'typeorm';
import { ManualClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { JobRun, OutboxMessage } from '../../../src/db/entities';
import { jobDeps } from '../../../src/main';
import { Scheduler } from '../../../src/jobs/scheduler';
import { firesBetween, triggers } from '../../../src/jobs/schedule';
import { CALENDAR, makeTeam, POLICY, serviceContext, sh } from '../../helpers/service-context';
import { createDataSource } from '../../../src/db/data-source';
import { describeEachDb, workerMysqlUrl } from '../../helpers/test-db';

const silent = createLogger({ level: 'silent' });

/** The notices the outbox holds, as 'job:slot' → count. */
async function noticeCounts(ds: import('typeorm').DataSource): Promise<Record<string, number>> {
  const rows = await ds.getRepository(OutboxMessage).find();
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const [job, slot] = (r.dedupKey ?? 'reply').split(':');
    counts[`${job}:${slot}`] = (counts[`${job}:${slot}`] ?? 0) + 1;
  }
  return counts;
}

describeEachDb('scheduler: a simulated fortnight over a month boundary (H-5, H-6, H-13)', (db) => {
  const FROM = sh('2026-09-27 23:59:00');
  const TO = sh('2026-10-11 23:59:00');

  test('H-1 the fires follow the work calendar: none on the National Day holiday, one on the make-up Saturday', () => {
    const fires = firesBetween(triggers(POLICY), FROM, TO, POLICY, CALENDAR);
    const days = (job: string) => fires.filter((f) => f.trigger.job === job).map((f) => f.date);
    expect(days('meeting-reminder')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(days('report-nudge')).toEqual(days('meeting-reminder'));
    expect(fires.filter((f) => f.trigger.job === 'weekly-ranking').map((f) => [f.date, f.slot])).toEqual([['2026-09-30', '2026-09-28'], ['2026-10-10', '2026-10-05']]);
    expect(fires.filter((f) => f.trigger.job === 'weekly-summary-check').map((f) => f.date)).toEqual(['2026-09-30', '2026-10-10']);
    expect(fires.filter((f) => f.trigger.job === 'close-month').map((f) => [f.date, f.slot])).toEqual([['2026-10-01', '2026-09']]);
    expect(days('close-day')).toHaveLength(14);
    // Issue 16: the day digest fires every day right after the close of that day.
    const close = fires.filter((f) => f.trigger.job === 'close-day');
    expect(fires.filter((f) => f.trigger.job === 'day-digest').map((f) => [f.slot, f.at.getTime() - (close.find((c) => c.slot === f.slot)?.at.getTime() ?? 0)])).toEqual(
      close.map((c) => [c.slot, (POLICY.schedule.dayDigest - POLICY.schedule.closeDay) * 60_000]),
    );
  });

  test('exactly the expected messages on the expected days, each once, and none on the holiday', async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    await db().getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
    const clock = new ManualClock(FROM);
    const scheduler = new Scheduler(jobDeps({ ...serviceContext(db()), logger: silent }, ['web'], clock, silent), silent);
    for (const f of firesBetween(triggers(POLICY), FROM, TO, POLICY, CALENDAR)) {
      clock.set(f.at);
      expect(await scheduler.fire(f)).toMatchObject({ ran: true });
    }
    const counts = await noticeCounts(db());
    for (const day of ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']) {
      // The team has no chat: a card goes to each of its three members, never batched.
      expect(counts[`meeting-reminder:${day}`]).toBe(3);
      expect(counts[`report-nudge:${day}`]).toBe(2);
    }
    for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07', '2026-10-11']) {
      expect(counts[`meeting-reminder:${day}`]).toBeUndefined();
      expect(counts[`report-nudge:${day}`]).toBeUndefined();
    }
    expect(counts['weekly-ranking:2026-09-28']).toBe(4);
    expect(counts['weekly-ranking:2026-10-05']).toBe(4);
    expect(counts['payslip:2026-09']).toBe(4);
    expect(counts['payroll-summary:2026-09']).toBe(1);
    const runs = await db().getRepository(JobRun).find();
    expect(runs.every((r) => r.runs === 1 && r.status === 'done')).toBe(true);
    const again = new Scheduler(jobDeps({ ...serviceContext(db()), logger: silent }, ['web'], clock, silent), silent);
    for (const f of firesBetween(triggers(POLICY), FROM, TO, POLICY, CALENDAR)) expect(await again.fire(f)).toMatchObject({ ran: false });
    expect(await noticeCounts(db())).toEqual(counts);
  });

  test('a restart after a missed 17:00: within the tolerance it is sent, beyond it skipped; closes always caught up', async () => {
    await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    const within = new ManualClock(sh('2026-12-08 17:20:00'));
    const caught = await new Scheduler(jobDeps({ ...serviceContext(db()), logger: silent }, ['web'], within, silent), silent, { lookbackDays: 1 }).catchUp();
    expect(caught.map((f) => `${f.trigger.job}:${f.slot}`)).toEqual(expect.arrayContaining(['close-day:2026-12-07', 'meeting-reminder:2026-12-08']));
    const beyond = new ManualClock(sh('2026-12-09 17:45:00'));
    const later = await new Scheduler(jobDeps({ ...serviceContext(db()), logger: silent }, ['web'], beyond, silent), silent, { lookbackDays: 1 }).catchUp();
    expect(later.map((f) => `${f.trigger.job}:${f.slot}`)).toContain('close-day:2026-12-08');
    expect(later.map((f) => f.trigger.job)).not.toContain('meeting-reminder');
    expect(await db().getRepository(JobRun).countBy({ job: 'meeting-reminder', slot: '2026-12-09' })).toBe(0);
  });
});

describeEachDb('scheduler: two replicas racing every slot', (db, kind) => {
  test('each job runs once per period and every notice is written once', async () => {
    await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    // Replica B has its own connection pool to the same MySQL database; SQLite has one connection.
    const dsB = kind === 'mysql' ? await createDataSource(await workerMysqlUrl()).initialize() : db();
    const FROM = sh('2026-09-27 23:59:00');
    const TO = sh('2026-10-04 23:59:00');
    const clockA = new ManualClock(FROM);
    const clockB = new ManualClock(FROM);
    const a = new Scheduler(jobDeps({ ...serviceContext(db()), logger: silent }, ['web'], clockA, silent), silent);
    const b = new Scheduler(jobDeps({ ...serviceContext(dsB), logger: silent }, ['web'], clockB, silent), silent);
    for (const f of firesBetween(triggers(POLICY), FROM, TO, POLICY, CALENDAR)) {
      clockA.set(f.at);
      clockB.set(f.at);
      const [ra, rb] = await Promise.all([a.fire(f), b.fire(f)]);
      expect([ra?.ran, rb?.ran].filter(Boolean)).toHaveLength(1);
    }
    const runs = await db().getRepository(JobRun).find({ where: { job: In(['meeting-reminder', 'report-nudge', 'close-day', 'close-month', 'weekly-ranking', 'weekly-summary-check']) } });
    expect(runs.every((r) => r.runs === 1)).toBe(true);
    const keys = (await db().getRepository(OutboxMessage).find()).map((r) => r.dedupKey);
    expect(new Set(keys).size).toBe(keys.length);
    if (dsB !== db()) await dsB.destroy();
  });
});
