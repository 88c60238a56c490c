import { NotFoundError } from '../../../src/core/errors';
import { Employee, LeaveRequest } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { recordCheckin, recordPunch } from '../../../src/services/attendance';
import { addCustomerRecords, submitDailyReport } from '../../../src/services/reports';
import { teamDay } from '../../../src/services/team';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

let phoneSeq = 0;
const rec = (over: Partial<RecordFields> = {}): RecordFields => ({
  company: `客户${++phoneSeq}`, contact: '王经理', titlePhone: `主管 137${String(phoneSeq).padStart(8, '0')}`, headcount: '80', itStatus: '无', ...over,
});

describeEachDb('team: the day at a glance (团队)', (db) => {
  const ctx = () => serviceContext(db());

  const leave = (e: Employee, kind: 'personal' | 'sick', start: [string, 'am' | 'pm'], end: [string, 'am' | 'pm'], status: LeaveRequest['status'] = 'approved') =>
    db().getRepository(LeaveRequest).save({
      employeeId: e.id, kind, startDate: start[0], startHalf: start[1], endDate: end[0], endHalf: end[1], reason: '有事', status,
      filedBy: e.id, requestedAt: sh('2026-11-30 10:00:00'), decidedBy: null, decidedAt: null, decisionNote: null, attachmentId: null,
      createdAt: sh('2026-11-30 10:00:00'), updatedAt: sh('2026-11-30 10:00:00'),
    });

  const setup = async () => {
    const { team, people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '陈静', role: 'agent' },
      { name: '周杰', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '旧人', role: 'agent', endDate: '2026-11-30' },
      { name: '新人', role: 'agent', startDate: '2026-12-04' },
    ]);
    const at = (local: string) => sh(`2026-12-03 ${local}`);
    // 张伟: late 5 minutes, 日报 120, two complete records and one incomplete, on time at the meeting, out at 18:01.
    await recordPunch(ctx(), { employee: p['张伟'], kind: 'in', at: at('09:05:30') });
    await submitDailyReport(ctx(), { employee: p['张伟'], calls: 120, sentAt: at('16:40:00') });
    await addCustomerRecords(ctx(), { agent: p['张伟'], records: [rec(), rec(), rec({ headcount: '' })], sentAt: at('11:00:00') });
    await addCustomerRecords(ctx(), { agent: p['张伟'], records: [rec()], sentAt: sh('2026-12-02 11:00:00') }); // yesterday's: not today's
    await recordCheckin(ctx(), { employee: p['张伟'], at: at('17:02:00') });
    await recordPunch(ctx(), { employee: p['张伟'], kind: 'out', at: at('18:01:00') });
    // 李娜: on time, no 日报, late to the meeting, no clock-out yet; a pending leave does not count.
    await recordPunch(ctx(), { employee: p['李娜'], kind: 'in', at: at('08:55:00') });
    await recordCheckin(ctx(), { employee: p['李娜'], at: at('17:07:00') });
    await leave(p['李娜'], 'personal', ['2026-12-03', 'pm'], ['2026-12-03', 'pm'], 'pending');
    // 陈静: approved sick leave over the whole day. 周杰: approved morning leave, in at 13:10 (10 minutes late from 13:00).
    const sick = await leave(p['陈静'], 'sick', ['2026-12-02', 'am'], ['2026-12-04', 'pm']);
    const morning = await leave(p['周杰'], 'personal', ['2026-12-03', 'am'], ['2026-12-03', 'am']);
    await recordPunch(ctx(), { employee: p['周杰'], kind: 'in', at: at('13:10:00') });
    // The supervisor is on time; the salesperson has done nothing yet.
    await recordPunch(ctx(), { employee: p['王强'], kind: 'in', at: at('08:50:00') });
    return { team, p, sick, morning };
  };

  test('who clocked in (and how late), who filed the 日报, valid calls so far, approved leave by half, meeting check-ins', async () => {
    const { team, p, sick, morning } = await setup();
    const d = await teamDay(ctx(), team.id, '2026-12-03');
    expect(d).toMatchObject({ teamId: team.id, teamName: team.name, date: '2026-12-03', day: { workday: true } });
    // Agents first, then salespeople, then the supervisor; former and future employees left out.
    const agents = ['张伟', '李娜', '陈静', '周杰'].sort((a, b) => (p[a].no < p[b].no ? -1 : 1)); // by employee number
    expect(agents[0]).toBe('周杰');
    expect(d.members.map((m) => m.name)).toEqual([...agents, '刘洋', '王强']);
    const by = (name: string) => d.members.find((m) => m.name === name)!;
    expect(by('张伟')).toMatchObject({
      no: p['张伟'].no, firstIn: '09:05', lateMinutes: 5, lastOut: '18:01', earlyMinutes: 0, leave: 'none', leaveIds: [],
      checkin: { time: '17:02', late: false }, agent: { reportCalls: 120, reportTime: '16:40', validCalls: 2 }, notJudged: null,
    });
    expect(by('李娜')).toMatchObject({ firstIn: '08:55', lateMinutes: 0, lastOut: null, leave: 'none', checkin: { time: '17:07', late: true }, agent: { reportCalls: null, reportTime: null, validCalls: 0 } });
    expect(by('陈静')).toMatchObject({ firstIn: null, leave: 'full', leaveKinds: ['sick'], leaveIds: [sick.id], checkin: null });
    expect(by('周杰')).toMatchObject({ firstIn: '13:10', lateMinutes: 10, leave: 'am', leaveKinds: ['personal'], leaveIds: [morning.id] });
    expect(by('刘洋')).toMatchObject({ role: 'salesperson', firstIn: null, agent: null });
    expect(by('王强')).toMatchObject({ role: 'supervisor', firstIn: '08:50', lateMinutes: 0, agent: null });
    expect(d.summary).toEqual({ members: 6, clockedIn: 4, late: 2, clockedOut: 1, agents: 4, reported: 1, validCalls: 2, onLeave: 2, checkedIn: 2 });
  });

  test('another day: the day before has none of today’s facts; a weekend is not judged (no lateness)', async () => {
    const { team, p } = await setup();
    const before = await teamDay(ctx(), team.id, '2026-12-02');
    expect(before.summary).toEqual({ members: 6, clockedIn: 0, late: 0, clockedOut: 0, agents: 4, reported: 0, validCalls: 1, onLeave: 1, checkedIn: 0 });
    expect(before.members.find((m) => m.name === '张伟')?.agent).toEqual({ reportCalls: null, reportTime: null, validCalls: 1 });
    await recordPunch(ctx(), { employee: p['张伟'], kind: 'in', at: sh('2026-12-05 10:30:00') });
    const saturday = await teamDay(ctx(), team.id, '2026-12-05');
    expect(saturday.day).toMatchObject({ workday: false, kind: 'weekend' });
    expect(saturday.members.find((m) => m.name === '张伟')).toMatchObject({ firstIn: '10:30', lateMinutes: 0, notJudged: '周末休息' });
    // 新人 starts on 12-04: a member from then on.
    expect(saturday.members.map((m) => m.name)).toContain('新人');
  });

  test('an unknown team is refused', async () => {
    await expect(teamDay(ctx(), 987654, '2026-12-03')).rejects.toBeInstanceOf(NotFoundError);
  });
});
