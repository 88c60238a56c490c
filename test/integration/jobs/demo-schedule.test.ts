import { ManualClock } from '../../../src/core/clock';
import { Employee } from '../../../src/db/entities';
import { findJob, type JobSpec } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { requestLeave } from '../../../src/services/leave';
import { demoSchedule } from '../../../src/wiring/demo-schedule';
import { makeTeam, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { clearAllTables, describeEachDb } from '../../helpers/test-db';

/**
 * Issue 17: the web demo's clock log is Chinese and short. Each job run gives its Chinese
 * summary, a run that did nothing gives null (left out), and the CLI's English outcome is as before.
 */
describeEachDb('the demo schedule: Chinese summaries, idle runs left out', (db) => {
  const ctx = () => serviceContext(db());
  const fire = (job: string, slot: string, at: string) => ({ job, slot, at: sh(at) });

  beforeEach(async () => {
    await clearAllTables(db());
    const { people } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    await db().getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
  });

  const scheduleAt = (at: string, find?: (name: string) => JobSpec | undefined) => {
    const deps = testJobDeps(ctx(), new ManualClock(sh(at)));
    return demoSchedule(deps, () => undefined, find);
  };

  test('an approval reminder with nothing due is null; one with a reminder due says so in Chinese', async () => {
    expect(await scheduleAt('2026-12-07 10:00:00').run(fire('approval-reminder', '2026-12-07T10:00', '2026-12-07 10:00:00'))).toBeNull();
    const agent = await db().getRepository(Employee).findOneByOrFail({ name: '张伟' });
    await requestLeave(ctx(), { requester: agent, filer: agent, kind: 'personal', span: { startDate: '2026-12-10', startHalf: 'am', endDate: '2026-12-10', endHalf: 'pm' }, reason: '家里有事', sentAt: sh('2026-12-07 10:00:00') });
    expect(await scheduleAt('2026-12-07 14:00:00').run(fire('approval-reminder', '2026-12-07T14:00', '2026-12-07 14:00:00'))).toBe('2026-12-07 14:00 催办 1 次，发出 1 条消息');
  });

  test('the nudge and the close of a day in Chinese; the CLI\'s outcome stays English', async () => {
    expect(await scheduleAt('2026-12-07 18:10:00').run(fire('report-nudge', '2026-12-07', '2026-12-07 18:10:00'))).toBe('2026-12-07 提醒 1 位电话销售员交日报');
    expect(await scheduleAt('2026-12-07 23:50:00').run(fire('close-day', '2026-12-07', '2026-12-07 23:50:00'))).toMatch(/^2026-12-07 判定 2 人，\d+ 起考勤问题，新增 \d+ 条积分记录，冲销 0 条$/);
    const r = await runJob(testJobDeps(ctx(), new ManualClock(sh('2026-12-08 23:50:00'))), findJob('close-day') as JobSpec, '2026-12-08');
    expect(r).toMatchObject({ ran: true, outcome: expect.stringMatching(/^2026-12-08: judged 2, \d+ incidents, \d+ entries added, 0 reversed$/) });
    expect(await scheduleAt('2026-12-08 23:55:00').run(fire('close-day', '2026-12-08', '2026-12-08 23:55:00'))).toBe('2026-12-08 已经运行过，这次跳过');
  });

  test('a sending job that brings no Chinese summary of its own: null when it wrote nothing, else how many it sent', async () => {
    const quiet: JobSpec = { name: 'day-digest', sends: true, slotOf: (d) => d, defaultSlot: () => '2026-12-07', run: async () => '2026-12-07: 0 notices' };
    const boss = await db().getRepository(Employee).findOneByOrFail({ name: '王强' });
    const speaking: JobSpec = {
      ...quiet, name: 'speaking',
      run: async ({ notify }) => `2026-12-07: ${await notify([{ intent: { kind: 'send', to: { kind: 'employee', employeeId: boss.id }, body: { kind: 'text', text: '今天的通知' } }, dedupKey: 'speaking:1' }])} notices`,
    };
    const find = (name: string) => [quiet, speaking].find((j) => j.name === name);
    expect(await scheduleAt('2026-12-07 23:55:00', find).run(fire('day-digest', '2026-12-07', '2026-12-07 23:55:00'))).toBeNull();
    expect(await scheduleAt('2026-12-07 23:55:00', find).run(fire('speaking', '2026-12-07', '2026-12-07 23:55:00'))).toBe('2026-12-07 已运行，发出 1 条消息');
  });
});
