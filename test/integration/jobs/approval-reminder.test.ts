import { In } from 'typeorm';
import { ApprovalReminder, OutboxMessage, type Employee } from '../../../src/db/entities';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { firesBetween, triggers } from '../../../src/jobs/schedule';
import { delegate } from '../../../src/services/approvals';
import { requestCorrection } from '../../../src/services/corrections/correction-service';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { CALENDAR, makeTeam, POLICY, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { clearAllTables, describeEachDb } from '../../helpers/test-db';

const JOB = findJob('approval-reminder')!;

describe('approval-reminder schedule (docs/architecture.md, jobs)', () => {
  test('every half hour of working hours on workdays, and at the eve escalation time on days off', () => {
    const fires = firesBetween(triggers(POLICY), sh('2026-12-04 00:00:00'), sh('2026-12-06 23:59:00'), POLICY, CALENDAR).filter((f) => f.trigger.job === 'approval-reminder');
    const friday = fires.filter((f) => f.date === '2026-12-04').map((f) => f.slot);
    expect(friday[0]).toBe('2026-12-04T09:00');
    expect(friday.at(-1)).toBe('2026-12-04T18:00');
    expect(friday).toHaveLength(19);
    // The weekend: only the eve escalation, so a leave starting Monday reaches the admins on Sunday evening.
    expect(fires.filter((f) => f.date !== '2026-12-04').map((f) => f.slot)).toEqual(['2026-12-05T18:00', '2026-12-06T18:00']);
  });

  test('the policy: 4 and 8 working hours, the eve at 18:00', () => {
    expect(POLICY.approvals).toEqual({ remindAfterMinutes: 240, escalateAfterMinutes: 480, leaveEveEscalation: 18 * 60 });
  });
});

describeEachDb('approval-reminder: pending requests are re-sent, escalated, each step once (issue 16)', (db) => {
  const ctx = () => serviceContext(db());
  let people: Record<string, Employee>;

  beforeEach(async () => {
    await clearAllTables(db());
    ({ people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '赵敏', role: 'admin' },
      { name: '钱芳', role: 'admin' },
    ]));
    // Everyone can be reached on the web chat.
    await db().getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
  });

  const fileLeave = async (who: Employee, from: string, sentAt: string) =>
    (await requestLeave(ctx(), { requester: who, filer: who, kind: 'personal', span: { startDate: from, startHalf: 'am', endDate: from, endHalf: 'pm' }, reason: '家里有事', sentAt: sh(sentAt) })).request;

  /** Runs the job at `at` (the half hour it falls in) and returns the reminder cards it wrote: recipient → title. */
  const runAt = async (at: string) => {
    const before = new Set((await db().getRepository(OutboxMessage).find({ select: { id: true } })).map((m) => m.id));
    const deps = testJobDeps(ctx());
    const r = await runJob(deps, JOB, JOB.defaultSlot(sh(at), POLICY.timezone), { now: sh(at) });
    expect(r.ran).toBe(true);
    const rows = (await db().getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).filter((m) => !before.has(m.id) && m.dedupKey?.startsWith('approval-reminder:'));
    return rows.map((m) => ({ key: m.dedupKey as string, title: /"title":"([^"]*)"/.exec(JSON.stringify(m.payload))?.[1] ?? '', to: m.dedupKey?.split(':').at(-1) }));
  };
  const idOf = (e: Employee) => String(e.id);

  test('after 4 working hours the supervisor gets the card again (催办); after 8 the admins; never twice', async () => {
    // Monday 10:00, for Thursday: 4 working hours is 14:00, 8 is 18:00.
    const l = await fileLeave(people['张伟'], '2026-12-10', '2026-12-07 10:00:00');
    expect(await runAt('2026-12-07 13:30:00')).toEqual([]);
    const first = await runAt('2026-12-07 14:00:00');
    expect(first.map((r) => r.to)).toEqual([idOf(people['王强'])]);
    expect(first[0].key).toBe(`approval-reminder:L${l.id}:decider:${people['王强'].id}`);
    expect(first[0].title).toMatch(/^催办：/);
    expect(await runAt('2026-12-07 17:30:00')).toEqual([]);
    const escalated = await runAt('2026-12-07 18:00:00');
    expect(escalated.map((r) => r.to).sort()).toEqual([idOf(people['赵敏']), idOf(people['钱芳'])].sort());
    expect(await runAt('2026-12-08 09:30:00')).toEqual([]);
    const steps = await db().getRepository(ApprovalReminder).find({ where: { requestId: l.id }, order: { id: 'ASC' } });
    expect(steps.map((s) => [s.requestKind, s.step, s.recipients])).toEqual([['L', 'decider', 1], ['L', 'escalate', 2]]);
  });

  test('the hours count only working time: filed Friday 16:00, reminded Monday 11:00, not on the weekend', async () => {
    await fileLeave(people['张伟'], '2026-12-16', '2026-12-04 16:00:00');
    expect(await runAt('2026-12-05 18:00:00')).toEqual([]);
    expect(await runAt('2026-12-07 10:30:00')).toEqual([]);
    expect((await runAt('2026-12-07 11:00:00')).map((r) => r.to)).toEqual([idOf(people['王强'])]);
  });

  test('a decided or withdrawn request is not reminded', async () => {
    const l = await fileLeave(people['张伟'], '2026-12-10', '2026-12-07 10:00:00');
    await decideLeave(ctx(), { actor: people['王强'], requestId: l.id, approve: false, note: '当天有培训', at: sh('2026-12-07 11:00:00') });
    expect(await runAt('2026-12-07 18:00:00')).toEqual([]);
    expect(await db().getRepository(ApprovalReminder).countBy({ requestId: l.id })).toBe(0);
  });

  test('a leave still pending at 18:00 the day before it starts goes to the admins at once, even on a Sunday', async () => {
    // Filed Friday 17:30 for Monday: only 30 working minutes by Sunday evening.
    const l = await fileLeave(people['张伟'], '2026-12-07', '2026-12-04 17:30:00');
    expect(await runAt('2026-12-06 17:30:00')).toEqual([]);
    const eve = await runAt('2026-12-06 18:00:00');
    expect(eve.map((r) => r.key).sort()).toEqual([people['赵敏'], people['钱芳']].map((a) => `approval-reminder:L${l.id}:eve:${a.id}`).sort());
    expect(await runAt('2026-12-07 09:00:00')).toEqual([]);
  });

  test('a 补卡 (B) is reminded like a leave, and an active 代理 gets the reminder beside the supervisor', async () => {
    await delegate(ctx(), { actor: people['王强'], delegate: people['赵敏'], start: '2026-12-07', end: '2026-12-08', at: sh('2026-12-07 08:00:00') });
    const b = await requestCorrection(ctx(), { requester: people['张伟'], date: '2026-12-07', kind: 'in', minute: 9 * 60, reason: '忘记打卡', sentAt: sh('2026-12-07 10:00:00') });
    const reminded = await runAt('2026-12-07 14:00:00');
    expect(reminded.map((r) => r.key).sort()).toEqual([people['王强'], people['赵敏']].map((x) => `approval-reminder:B${b.id}:decider:${x.id}`).sort());
    expect(reminded[0].title).toMatch(/^催办：/);
    // Escalation: the admins who do not receive it already (赵敏 does, as the 代理).
    expect((await runAt('2026-12-07 18:00:00')).map((r) => r.key)).toEqual([`approval-reminder:B${b.id}:escalate:${people['钱芳'].id}`]);
  });

  test("a supervisor's leave is decided by the admins: escalation adds nobody, and is recorded so it is not weighed again", async () => {
    const l = await fileLeave(people['王强'], '2026-12-10', '2026-12-07 09:00:00');
    const reminded = await runAt('2026-12-07 13:00:00');
    expect(reminded.map((r) => r.to).sort()).toEqual([idOf(people['赵敏']), idOf(people['钱芳'])].sort());
    expect(await runAt('2026-12-07 18:00:00')).toEqual([]);
    const steps = await db().getRepository(ApprovalReminder).find({ where: { requestId: l.id, step: In(['decider', 'escalate']) }, order: { id: 'ASC' } });
    expect(steps.map((s) => [s.step, s.recipients])).toEqual([['decider', 2], ['escalate', 0]]);
  });
});
