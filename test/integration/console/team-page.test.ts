import { EchartsRenderer } from '../../../src/charts';
import { ConsoleError, type ConsoleDeps, type Viewer } from '../../../src/console/console-page';
import { teamPage } from '../../../src/console/pages/team-page';
import type { Employee } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { closeDay, recordPunch } from '../../../src/services/attendance';
import { teamCharts } from '../../../src/services/console/team-charts';
import { addManualEntry } from '../../../src/services/ledger';
import { weeklyRanking } from '../../../src/services/ranking';
import { addCustomerRecords, qualifyLead } from '../../../src/services/reports';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

let seq = 0;
const rec = (grade = 'C'): RecordFields => ({
  company: `图表公司${++seq}`, contact: '张经理', titlePhone: `IT经理 137${String(seq).padStart(8, '0')}`, headcount: '200', itStatus: '已上ERP', grade,
});

describeEachDb('console 团队: the team charts page', (db) => {
  const ctx = () => serviceContext(db());
  const charts = new EchartsRenderer();
  const deps = (): ConsoleDeps => ({ ctx: ctx(), now: () => sh('2026-12-04 12:00:00'), charts });
  const query = (q: Record<string, string>) => ({ params: {}, query: new URLSearchParams(q) });
  let a: { team: { id: number; name: string }; people: Record<string, Employee> };
  let b: { team: { id: number; name: string }; people: Record<string, Employee> };
  const supervisorOf = (t: typeof a): Viewer => ({ employeeId: t.people['主管'].id, name: '主管', role: 'supervisor', teamId: t.team.id, sessionId: 1 });
  const admin: Viewer = { employeeId: 1, name: '管理员', role: 'admin', teamId: null, sessionId: 2 };

  beforeAll(async () => {
    a = await makeTeam(db(), [
      { name: '主管', role: 'supervisor', no: 'TCA-9' },
      { name: '业务', role: 'salesperson', no: 'TCA-8' },
      { name: '张伟', role: 'agent', no: 'TCA-1' },
      { name: '李娜', role: 'agent', no: 'TCA-2' },
      { name: '王芳<script>', role: 'agent', no: 'TCA-3' },
    ], '图表一组');
    b = await makeTeam(db(), [{ name: '主管', role: 'supervisor', no: 'TCB-9' }, { name: '赵六', role: 'agent', no: 'TCB-1' }], '图表二组');
    const p = a.people;
    for (const who of [p['张伟'], p['李娜'], p['主管'], p['业务']]) {
      await recordPunch(ctx(), { employee: who, kind: 'in', at: sh(who === p['张伟'] ? '2026-12-01 09:05:00' : '2026-12-01 08:55:00') });
      await recordPunch(ctx(), { employee: who, kind: 'out', at: sh('2026-12-01 18:01:00') });
    }
    await closeDay(ctx(), '2026-12-01', sh('2026-12-02 01:00:00')); // 张伟 late, 王芳 absent
    await addCustomerRecords(ctx(), { agent: p['张伟'], records: [rec(), rec(), rec()], sentAt: sh('2026-12-01 17:00:00') });
    const li = await addCustomerRecords(ctx(), { agent: p['李娜'], records: [rec('A'), rec()], sentAt: sh('2026-12-02 17:00:00') });
    await addCustomerRecords(ctx(), { agent: p['李娜'], records: [rec()], sentAt: sh('2026-11-24 17:00:00') }); // an earlier week
    await qualifyLead(ctx(), { actor: p['业务'], recordId: li.records[0].id, note: '已拜访 档案完整 已签字', at: sh('2026-12-03 10:00:00') });
    await addManualEntry(ctx(), { actor: p['主管'], target: p['李娜'], input: { kind: 'deduct', points: 25, reason: '态度问题' }, at: sh('2026-12-02 11:00:00') });
  });

  test('four charts with their summaries and tables, drawn inline without style or script', async () => {
    const page = await teamPage.render(deps(), supervisorOf(a), query({ month: '2026-12' }));
    const body = page.body.text;
    expect(page.title).toBe('团队 · 图表一组 · 2026-12');
    expect(body.match(/<svg /g)).toHaveLength(4);
    expect(body.match(/role="img" aria-label="[^"]+"/g)).toHaveLength(4);
    expect(body).not.toMatch(/<script|<style|\sstyle=/i);
    expect(body).toContain('王芳&lt;script&gt;');
    expect(body).toContain('3 位电话销售员本月共 5 个有效电话，最多的是张伟（3 个）。图中画出有有效电话的 2 位，表中是全部。');
    expect(body).toContain('本月迟到 1 人次，缺勤半天 0 人次，旷工一天 1 人次');
    expect(body).toMatch(/<th scope="row">2026-12-01<\/th><td>1<\/td><td>0<\/td><td>1<\/td>/);
    expect(body).toMatch(/<th scope="row">&lt;80<\/th><td>1<\/td><td>李娜 7\d<\/td>/); // 100 − 25 (and the missed meeting) below 80
    expect(body).toContain('4 人中，1 人低于 80 分，0 人高于 120 分。'); // the team's agents and salespeople, not its supervisor
    expect(body).toContain('>每周 A/B 客户</text>'.replace('每周', '图表一组 每周'));
    expect(body).toContain('<figcaption>');
    expect(body).not.toContain('name="team"'); // a supervisor has no team picker
  });

  test('the ranking history ranks each week as the Friday ranking does', async () => {
    const c = await teamCharts(ctx(), a.team.id, '2026-12', '2026-12-04');
    expect(c.weeks).toHaveLength(8);
    for (const date of ['2026-12-04', '2026-11-24']) {
      const friday = await weeklyRanking(ctx(), { kind: 'team', teamId: a.team.id }, date);
      const week = c.weeks.find((w) => w.monday === friday.monday)!;
      expect(week.rows.map((r) => [r.rank, r.employeeId, r.validCalls, r.leads, r.points])).toEqual(friday.rows.map((r) => [r.rank, r.employeeId, r.validCalls, r.leads, r.points]));
    }
    expect(c.days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(c.buckets.map((x) => x.label)).toEqual(['<80', '80–89', '90–99', '100–109', '110–120', '>120']);
  });

  test('an empty month says so: a month not begun, and a past month without data', async () => {
    const future = (await teamPage.render(deps(), supervisorOf(a), query({ month: '2027-01' }))).body.text;
    expect(future).toContain('2027-01 还没有数据。');
    expect(future).not.toContain('<svg');
    const past = (await teamPage.render(deps(), supervisorOf(b), query({ month: '2026-10' }))).body.text;
    expect(past).toContain('这个月还没有有效电话。');
    expect(past).toContain('这个月还没有迟到或缺勤');
    expect(past.match(/<svg /g)).toHaveLength(1); // the score distribution: everyone at 100
  });

  test('a supervisor sees only their own team; an admin picks any', async () => {
    await expect(teamPage.render(deps(), supervisorOf(a), query({ team: String(b.team.id) }))).rejects.toMatchObject({ status: 403 });
    await expect(teamPage.render(deps(), { ...supervisorOf(a), teamId: null }, query({}))).rejects.toBeInstanceOf(ConsoleError);
    const own = await teamPage.render(deps(), supervisorOf(a), query({ team: String(a.team.id) }));
    expect(own.title).toContain('图表一组');
    const picked = await teamPage.render(deps(), admin, query({ team: String(b.team.id), month: '2026-12' }));
    expect(picked.title).toBe('团队 · 图表二组 · 2026-12');
    expect(picked.body.text).toMatch(new RegExp(`<option value="${b.team.id}" selected>图表二组</option>`));
    await expect(teamPage.render(deps(), admin, query({ team: '999999' }))).rejects.toMatchObject({ status: 404 });
    await expect(teamPage.render(deps(), admin, query({ month: '2026-13' }))).rejects.toMatchObject({ status: 400 });
    // A month the dates cannot hold, or far from today, is a 400 with what to do, not a crash.
    for (const month of ['0000-01', '0099-12', '2099-01']) await expect(teamPage.render(deps(), admin, query({ month }))).rejects.toMatchObject({ status: 400 });
    await expect(teamPage.render(deps(), admin, query({ team: 'x' }))).rejects.toMatchObject({ status: 400 });
  });
});
