import { PointEntry, Punch } from '../../../src/db/entities';
import { closeDay, recordCheckin, recordPunch } from '../../../src/services/attendance';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { reverseEntry } from '../../../src/services/ledger';
import { monthStatement } from '../../../src/services/ledger/statement';
import { describeEachDb } from '../../helpers/test-db';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';

/** The live automatic entries of one employee's day, as code → [points, fine]. */
async function liveDay(ds: import('typeorm').DataSource, employeeId: number, date: string): Promise<Record<string, [number, number]>> {
  const entries = await ds.getRepository(PointEntry).find({ where: { employeeId, workDate: date }, order: { id: 'ASC' } });
  const reversed = new Set(entries.filter((e) => e.reversesId !== null).map((e) => e.reversesId));
  return Object.fromEntries(entries.filter((e) => e.reversesId === null && !reversed.has(e.id)).map((e) => [e.code, [e.points, e.fineFen]]));
}

describeEachDb('attendance service', (db) => {
  const ctx = () => serviceContext(db());
  const setup = () =>
    makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent', startDate: '2026-12-10' },
      { name: '赵敏', role: 'admin' },
    ]);

  test('H-11 lateness is entered at the clock-in, so 积分 is right at once', async () => {
    const { people } = await setup();
    const r = await recordPunch(ctx(), { employee: people['张伟'], kind: 'auto', at: sh('2026-12-03 09:05:30') });
    expect(r).toMatchObject({ kind: 'in', time: '09:05', lateness: { code: 'late', points: -2, fineFen: 1000, minutes: 5 } });
    const statement = await monthStatement(ctx(), people['张伟'].id, '2026-12');
    expect(statement.score).toBe(98);
    expect(statement.finesFen).toBe(1000);
  });

  test('H-11 09:00:59 is on time; a second clock-in changes nothing and says when the first was', async () => {
    const { people } = await setup();
    const first = await recordPunch(ctx(), { employee: people['张伟'], kind: 'in', at: sh('2026-12-03 09:00:59') });
    expect(first.lateness).toBeUndefined();
    const second = await recordPunch(ctx(), { employee: people['张伟'], kind: 'in', at: sh('2026-12-03 09:20:00') });
    expect(second).toMatchObject({ kind: 'in', firstInAt: '09:00' });
    expect(await db().getRepository(Punch).countBy({ employeeId: people['张伟'].id })).toBe(1);
    expect(await liveDay(db(), people['张伟'].id, '2026-12-03')).toEqual({});
  });

  test('打卡 alone is a clock-in first, then a clock-out; a later clock-out replaces the earlier', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    expect((await recordPunch(ctx(), { employee: e, kind: 'auto', at: sh('2026-12-03 08:55:00') })).kind).toBe('in');
    expect((await recordPunch(ctx(), { employee: e, kind: 'auto', at: sh('2026-12-03 17:50:00') })).kind).toBe('out');
    expect(await recordPunch(ctx(), { employee: e, kind: 'auto', at: sh('2026-12-03 18:02:00') })).toMatchObject({ kind: 'out', replacedOut: '17:50' });
  });

  test('admins are not judged and cannot punch', async () => {
    const { people } = await setup();
    await expect(recordPunch(ctx(), { employee: people['赵敏'], kind: 'in', at: sh('2026-12-03 09:00:00') })).rejects.toThrow('管理员不参与考勤');
  });

  test('close-day judges everyone once, and running it again changes nothing (H-11, H-12)', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    await recordPunch(ctx(), { employee: e, kind: 'in', at: sh('2026-12-03 09:05:00') });
    await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 17:06:00') });
    await recordPunch(ctx(), { employee: e, kind: 'out', at: sh('2026-12-03 17:59:30') });
    const first = await closeDay(ctx(), '2026-12-03', sh('2026-12-03 23:50:00'));
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({ late: [-2, 1000], early: [-2, 1000], 'meeting-late': [-2, 0] });
    expect(await liveDay(db(), people['王强'].id, '2026-12-03')).toEqual({ 'absent-day': [-10, 13793] });
    expect(await liveDay(db(), people['李娜'].id, '2026-12-03')).toEqual({});
    expect(await liveDay(db(), people['赵敏'].id, '2026-12-03')).toEqual({});
    expect(first.added).toBeGreaterThan(0);
    const again = await closeDay(ctx(), '2026-12-03', sh('2026-12-04 01:00:00'));
    expect(again).toMatchObject({ added: 0, reversed: 0 });
  });

  test('H-1 a holiday needs no punch; a make-up Saturday does', async () => {
    const { people } = await setup();
    await closeDay(ctx(), '2026-10-01', sh('2026-10-01 23:50:00'));
    await closeDay(ctx(), '2026-10-10', sh('2026-10-10 23:50:00'));
    expect(await liveDay(db(), people['张伟'].id, '2026-10-01')).toEqual({});
    expect(await liveDay(db(), people['张伟'].id, '2026-10-10')).toEqual({ 'absent-day': [-10, 13793] });
  });

  test('a redelivered earlier clock-in re-judges a closed day: stale entries reversed, right ones added', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    await recordPunch(ctx(), { employee: e, kind: 'in', at: sh('2026-12-03 09:40:00') });
    await recordPunch(ctx(), { employee: e, kind: 'out', at: sh('2026-12-03 18:00:00') });
    await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 17:00:00') });
    await closeDay(ctx(), '2026-12-03', sh('2026-12-03 23:50:00'));
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({ 'late-half': [-5, 6897] });
    const late = await recordPunch(ctx(), { employee: e, kind: 'in', at: sh('2026-12-03 08:59:00'), now: sh('2026-12-04 10:00:00') });
    expect(late.rejudged).toBe(true);
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({});
    expect((await monthStatement(ctx(), e.id, '2026-12')).score).toBe(100);
  });

  test('H-14 a late approval of morning leave re-judges the day', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    const { request } = await requestLeave(ctx(), {
      requester: e, filer: e, kind: 'personal', reason: '办事',
      span: { startDate: '2026-12-03', startHalf: 'am', endDate: '2026-12-03', endHalf: 'am' }, sentAt: sh('2026-12-02 20:00:00'),
    });
    await recordPunch(ctx(), { employee: e, kind: 'in', at: sh('2026-12-03 12:55:00') });
    await recordPunch(ctx(), { employee: e, kind: 'out', at: sh('2026-12-03 18:00:00') });
    await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 16:58:00') });
    await closeDay(ctx(), '2026-12-03', sh('2026-12-03 23:50:00'));
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({ 'late-half': [-5, 6897] });
    const decided = await decideLeave(ctx(), { actor: people['王强'], requestId: request.id, approve: true, at: sh('2026-12-04 09:30:00') });
    expect(decided.rejudged).toEqual(['2026-12-03']);
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({});
  });

  test('reversing an automatic entry waives it for good: a later close does not add it back', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    await closeDay(ctx(), '2026-12-04', sh('2026-12-04 23:50:00'));
    const [absent] = await db().getRepository(PointEntry).findBy({ employeeId: e.id, workDate: '2026-12-04', code: 'absent-day' });
    await reverseEntry(ctx(), { actor: people['王强'], entryId: absent.id, reason: '系统故障未能打卡', at: sh('2026-12-05 09:00:00') });
    await closeDay(ctx(), '2026-12-04', sh('2026-12-05 23:50:00'));
    expect(await liveDay(db(), e.id, '2026-12-04')).toEqual({});
    expect((await monthStatement(ctx(), e.id, '2026-12')).score).toBe(100);
  });

  test('H-12 check-in window: before 16:30 refused, after 18:00 refused, the first counts', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    await expect(recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 16:29:00') })).rejects.toThrow('16:30 开始');
    await expect(recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 18:01:00') })).rejects.toThrow('18:00 结束');
    expect(await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 17:05:59') })).toMatchObject({ status: 'on-time' });
    expect(await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 17:30:00') })).toMatchObject({ status: 'already', firstAt: '17:05' });
    await expect(recordCheckin(ctx(), { employee: e, at: sh('2026-12-05 17:00:00') })).rejects.toThrow('不是工作日');
  });

  test('concurrent closes of the same day converge to one set of entries', async () => {
    const { people } = await setup();
    await Promise.all([1, 2, 3].map((i) => closeDay(ctx(), '2026-12-07', sh(`2026-12-07 23:5${i}:00`))));
    expect(await liveDay(db(), people['张伟'].id, '2026-12-07')).toEqual({ 'absent-day': [-10, 13793] });
    expect(await db().getRepository(PointEntry).countBy({ employeeId: people['张伟'].id, workDate: '2026-12-07' })).toBe(1);
  });

  test('H-12 the platform\'s stamp counts: an earlier check-in delivered later replaces the later one', async () => {
    const { people } = await setup();
    const e = people['张伟'];
    await recordPunch(ctx(), { employee: e, kind: 'in', at: sh('2026-12-03 08:55:00') });
    await recordPunch(ctx(), { employee: e, kind: 'out', at: sh('2026-12-03 18:05:00') });
    expect(await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 17:10:00') })).toMatchObject({ status: 'late' });
    await closeDay(ctx(), '2026-12-03', sh('2026-12-03 23:50:00'));
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({ 'meeting-late': [-2, 0] });
    expect(await recordCheckin(ctx(), { employee: e, at: sh('2026-12-03 16:55:00'), now: sh('2026-12-04 08:00:00') })).toMatchObject({ status: 'on-time' });
    expect(await liveDay(db(), e.id, '2026-12-03')).toEqual({});
  });
});
