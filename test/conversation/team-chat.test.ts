import { Employee, LeaveRequest } from '../../src/db/entities';
import type { RecordFields } from '../../src/domain/customer-record';
import { recordCheckin, recordPunch } from '../../src/services/attendance';
import { addCustomerRecords, qualifyLead, submitDailyReport } from '../../src/services/reports';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam, serviceContext, sh } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
let seq = 0;
/** A suffix that makes names unique in the shared test database. */
function uniq(): string {
  const n = seq++;
  return HAN[n % HAN.length] + (n >= HAN.length ? HAN[Math.floor(n / HAN.length) % HAN.length] : '');
}
let phoneSeq = 0;
const rec = (grade = 'C'): RecordFields => ({
  company: `客户${++phoneSeq}`, contact: '王经理', titlePhone: `主管 136${String(phoneSeq).padStart(8, '0')}`, headcount: '80', itStatus: '无', grade,
});
const SORT_NOTE = '排序：有效电话 → 本周确认的 A/B 客户 → 本周积分 → 工号（H-6）。积分为本周各条记录的合计，变化与上周比。';

describeEachDb('chat: 排名 / 团队', (db) => {
  const ctx = () => serviceContext(db());
  const setup = async () => {
    const u = uniq();
    const base = 2000 + seq;
    const a = await makeTeam(db(), [
      { name: `王强${u}`, role: 'supervisor' },
      { name: `张伟${u}`, role: 'agent' },
      { name: `李娜${u}`, role: 'agent' },
      { name: `陈静${u}`, role: 'agent' },
      { name: `刘洋${u}`, role: 'salesperson' },
      { name: `赵敏${u}`, role: 'admin' },
    ]);
    const b = await makeTeam(db(), [{ name: `孙丽${u}`, role: 'supervisor' }, { name: `周杰${u}`, role: 'agent' }]);
    const p = (name: string) => a.people[`${name}${u}`] ?? b.people[`${name}${u}`];
    // Employee numbers people can type; 李娜's 9 comes before 张伟's 10.
    for (const [name, no] of [['李娜', `R${base}-9`], ['张伟', `R${base}-10`], ['陈静', `R${base}-11`]]) {
      await db().getRepository(Employee).update({ id: p(name).id }, { no });
      p(name).no = no;
    }
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(a.people), ...Object.values(b.people));
    return { chat, p, teamA: a.team, teamB: b.team };
  };
  const calls = (agent: Employee, local: string, grades: string[]) => addCustomerRecords(ctx(), { agent, records: grades.map(rec), sentAt: sh(local) });

  test('H-6 排名: the team’s agents by valid calls, leads, points; a tie goes by employee number (9 before 10)', async () => {
    const { chat, p, teamA } = await setup();
    await calls(p('张伟'), '2026-12-01 10:00:00', ['C', 'C', 'C']);
    await calls(p('李娜'), '2026-12-02 10:00:00', ['C', 'C', 'C']);
    const chen = await calls(p('陈静'), '2026-12-03 10:00:00', ['A', 'C']);
    await qualifyLead(ctx(), { actor: p('刘洋'), recordId: chen.records[0].id, note: '已拜访 档案完整 已签字', at: sh('2026-12-03 14:00:00') });
    await chat.say(p('王强'), `扣分 @${p('陈静').name} 闲聊`, { at: '2026-12-03 14:30:00', mentions: [p('陈静')] });

    const { outcome, replies } = await chat.say(p('张伟'), '排名', { at: '2026-12-03 15:00:00' });
    expect(outcome.status).toBe('handled');
    expect(replies[0].body.kind).toBe('card');
    expect(texts(replies)[0].split('\n')).toEqual([
      `${teamA.name}周排名：11月30日（周一）至 12月6日（周日）`,
      `1. ${p('李娜').name}（${p('李娜').no}）：有效电话 3 · A/B 0（A0 B0）· 积分 0 · 持平`,
      `2. ${p('张伟').name}（${p('张伟').no}）：有效电话 3 · A/B 0（A0 B0）· 积分 0 · 持平`,
      `3. ${p('陈静').name}（${p('陈静').no}）：有效电话 2 · A/B 1（A1 B0）· 积分 −2 · 持平`,
      SORT_NOTE,
      '你排第 2 名（共 3 人）。',
    ]);
    // Anyone of the team sees the same order; the salesperson is not ranked and gets no place line.
    const sales = texts((await chat.say(p('刘洋'), 'ranking', { at: '2026-12-03 15:01:00' })).replies)[0].split('\n');
    expect(sales.slice(1, 4).map((l) => l.split('（')[0])).toEqual([`1. ${p('李娜').name}`, `2. ${p('张伟').name}`, `3. ${p('陈静').name}`]);
    expect(sales.at(-1)).toBe(SORT_NOTE);
    // Asked in the team's group, the whole group sees the card: the place line names the asker.
    const inGroup = await chat.say(p('张伟'), '排名', { at: '2026-12-03 15:02:00', group: 'team-a' });
    expect(inGroup.replies.map((r) => r.target)).toEqual([{ kind: 'chat', chatId: 'team-a' }]);
    expect(texts(inGroup.replies)[0].split('\n').at(-1)).toBe(`${p('张伟').name}排第 2 名（共 3 人）。`);
  });

  test('H-6 排名 上周: last week’s ranking, and the changes it makes this week', async () => {
    const { chat, p, teamA } = await setup();
    await calls(p('陈静'), '2026-11-25 10:00:00', ['C', 'C', 'C', 'C', 'C']);
    await calls(p('张伟'), '2026-11-26 10:00:00', ['C']);
    await calls(p('李娜'), '2026-12-01 10:00:00', ['C', 'C']);
    const last = texts((await chat.say(p('李娜'), '排名 上周', { at: '2026-12-03 15:00:00' })).replies)[0].split('\n');
    expect(last).toEqual([
      `${teamA.name}周排名：11月23日（周一）至 11月29日（周日）`,
      // The week before that was empty: all tied, so by number 李娜, 张伟, 陈静.
      `1. ${p('陈静').name}（${p('陈静').no}）：有效电话 5 · A/B 0（A0 B0）· 积分 0 · ↑2`,
      `2. ${p('张伟').name}（${p('张伟').no}）：有效电话 1 · A/B 0（A0 B0）· 积分 0 · 持平`,
      `3. ${p('李娜').name}（${p('李娜').no}）：有效电话 0 · A/B 0（A0 B0）· 积分 0 · ↓2`,
      SORT_NOTE,
      '你排第 3 名（共 3 人）。',
    ]);
    const now = texts((await chat.say(p('李娜'), '排名　本周', { at: '2026-12-03 15:01:00' })).replies)[0].split('\n');
    expect(now.slice(0, 4)).toEqual([
      `${teamA.name}周排名：11月30日（周一）至 12月6日（周日）`,
      `1. ${p('李娜').name}（${p('李娜').no}）：有效电话 2 · A/B 0（A0 B0）· 积分 0 · ↑2`,
      `2. ${p('张伟').name}（${p('张伟').no}）：有效电话 0 · A/B 0（A0 B0）· 积分 0 · 持平`,
      `3. ${p('陈静').name}（${p('陈静').no}）：有效电话 0 · A/B 0（A0 B0）· 积分 0 · ↓2`,
    ]);
  });

  test('排名 for admins: the company by default or a named team; others only their own team', async () => {
    const { chat, p, teamA, teamB } = await setup();
    // A week nobody else in this file writes to, so these two lead the company.
    await calls(p('周杰'), '2026-12-15 10:00:00', ['C', 'C', 'C', 'C']);
    await calls(p('张伟'), '2026-12-15 11:00:00', ['C', 'C']);
    const company = texts((await chat.say(p('赵敏'), '排名', { at: '2026-12-16 10:00:00' })).replies)[0].split('\n');
    // (The change from last week depends on every other agent in the database: left out here.)
    expect(company.slice(0, 3).map((l) => l.replace(/ · [^·]+$/, ''))).toEqual([
      '全公司周排名：12月14日（周一）至 12月20日（周日）',
      `1. ${p('周杰').name}（${p('周杰').no}，${teamB.name}）：有效电话 4 · A/B 0（A0 B0）· 积分 0`,
      `2. ${p('张伟').name}（${p('张伟').no}，${teamA.name}）：有效电话 2 · A/B 0（A0 B0）· 积分 0`,
    ]);
    expect(company.at(-1)).toBe(SORT_NOTE);
    const named = texts((await chat.say(p('赵敏'), `排名 ${teamB.name} 本周`, { at: '2026-12-16 10:01:00' })).replies)[0].split('\n');
    expect(named.slice(0, 2)).toEqual([`${teamB.name}周排名：12月14日（周一）至 12月20日（周日）`, `1. ${p('周杰').name}（${p('周杰').no}）：有效电话 4 · A/B 0（A0 B0）· 积分 0 · 持平`]);
    expect(named).toHaveLength(3); // one agent, the note, no place line for the admin

    const refused: Array<[string, string, string]> = [
      ['张伟', '排名 全公司', '只有管理员可以查看全公司排名；发送「排名」查看本组排名。'],
      ['王强', `排名 ${teamB.name}`, '只能查看自己组的排名。'],
      ['张伟', '排名 下个月', '看不懂“下个月”，可以写本周、上周 或某一天（如 12月3日）。\n正确示例：排名 上周'],
      ['张伟', '排名 下周一', '只能查看本周或以前的排名。\n正确示例：排名 上周'],
    ];
    for (const [who, text, reply] of refused) {
      const { outcome, replies } = await chat.say(p(who), text, { at: '2026-12-16 10:02:00' });
      expect([text, outcome.status, texts(replies)]).toEqual([text, 'user-error', [reply]]);
    }
    // A date without a year is the most recent one (docs/commands.md): 12月21日 is last year's, and the title says so at both ends.
    const older = texts((await chat.say(p('张伟'), '排名 12月21日', { at: '2026-12-16 10:03:00' })).replies)[0].split('\n');
    expect(older[0]).toBe(`${teamA.name}周排名：2025年12月15日（周一）至 2025年12月21日（周日）`);
  });

  const teamDayFacts = async (p: (name: string) => Employee) => {
    const at = (local: string) => sh(`2026-12-03 ${local}`);
    await recordPunch(ctx(), { employee: p('张伟'), kind: 'in', at: at('09:05:10') });
    await submitDailyReport(ctx(), { employee: p('张伟'), calls: 120, sentAt: at('16:30:00') });
    await calls(p('张伟'), '2026-12-03 11:00:00', ['C', 'A']);
    await recordCheckin(ctx(), { employee: p('张伟'), at: at('17:01:00') });
    await recordPunch(ctx(), { employee: p('李娜'), kind: 'in', at: at('13:00:00') });
    await db().getRepository(LeaveRequest).save({
      employeeId: p('李娜').id, kind: 'personal', startDate: '2026-12-03', startHalf: 'am', endDate: '2026-12-03', endHalf: 'am', reason: '家里有事',
      status: 'approved', filedBy: p('李娜').id, requestedAt: sh('2026-12-01 10:00:00'), decidedBy: p('王强').id, decidedAt: sh('2026-12-01 11:00:00'),
      decisionNote: null, attachmentId: null, createdAt: sh('2026-12-01 10:00:00'), updatedAt: sh('2026-12-01 11:00:00'),
    });
    await recordPunch(ctx(), { employee: p('王强'), kind: 'in', at: at('08:58:00') });
  };

  test('团队: the supervisor’s day at a glance — punches and lateness, 日报, valid calls, leave by half, check-ins', async () => {
    const { chat, p, teamA } = await setup();
    await teamDayFacts(p);
    const { outcome, replies } = await chat.say(p('王强'), '团队', { at: '2026-12-03 17:30:00' });
    expect(outcome.status).toBe('handled');
    expect(replies.map((r) => r.target)).toEqual([{ kind: 'user', externalId: chat.account(p('王强')) }]);
    const member = (name: string) => `${p(name).name}（${p(name).no}）`;
    expect(texts(replies)[0].split('\n')).toEqual([
      `${teamA.name} 12月3日 一览`,
      '上班打卡：3/5 人，迟到 1 人',
      '下班打卡：0/5 人',
      '日报：1/3 人',
      '有效电话：2 个',
      '请假：1 人',
      '例会签到：1/5 人',
      `${member('李娜')}：上午请假（事假 L${(await db().getRepository(LeaveRequest).findOneByOrFail({ employeeId: p('李娜').id })).id}） · 上班 13:00 · 未下班打卡 · 未交日报 · 有效电话 0 · 未签到`,
      `${member('张伟')}：上班 09:05（迟到 5 分钟） · 未下班打卡 · 日报 120 通（16:30） · 有效电话 2 · 签到 17:01`,
      `${member('陈静')}：未上班打卡 · 未下班打卡 · 未交日报 · 有效电话 0 · 未签到`,
      `${member('刘洋')}：未上班打卡 · 未下班打卡 · 未签到`,
      `${member('王强')}：上班 08:58 · 未下班打卡 · 未签到`,
    ]);
    // Yesterday had none of it.
    const yesterday = texts((await chat.say(p('王强'), '团队 昨天', { at: '2026-12-03 17:31:00' })).replies)[0].split('\n');
    expect(yesterday.slice(0, 7)).toEqual([`${teamA.name} 12月2日 一览`, '上班打卡：0/5 人', '下班打卡：0/5 人', '日报：0/3 人', '有效电话：0 个', '请假：0 人', '例会签到：0/5 人']);
  });

  test('团队 asked in a group goes privately to the asker', async () => {
    const { chat, p, teamA } = await setup();
    const { replies } = await chat.say(p('王强'), '团队', { at: '2026-12-03 10:00:00', group: 'team-a' });
    expect(replies.map((r) => r.target)).toEqual([{ kind: 'user', externalId: chat.account(p('王强')) }, { kind: 'chat', chatId: 'team-a' }]);
    expect(texts(replies)[1]).toBe(`@${p('王强').name} ${teamA.name}的一览已私信发给你。`);
    expect(texts(replies)[0].split('\n')[0]).toBe(`${teamA.name} 12月3日 一览`);
  });

  test('团队: agents may not; another team’s supervisor may not; admins name the team; dates in the future or unreadable are refused', async () => {
    const { chat, p, teamA, teamB } = await setup();
    const at = '2026-12-03 10:00:00';
    const refused: Array<[string, string, string | RegExp]> = [
      ['张伟', '团队', '「团队」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['刘洋', 'team', '「团队」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['孙丽', `团队 ${teamA.name}`, '只能查看自己负责的组。'],
      ['赵敏', '团队', new RegExp(`^请写明查看哪个组：.*${teamA.name}.*${teamB.name}.*。\\n正确示例：团队 `)],
      ['王强', '团队 明天', '只能查看今天或以前的日子。\n正确示例：团队 昨天'],
      ['王强', '团队 乱七八糟', '看不懂“乱七八糟”，可以写 今天、昨天 或某一天（如 12月3日）。\n正确示例：团队 昨天'],
    ];
    for (const [who, text, reply] of refused) {
      const { outcome, replies } = await chat.say(p(who), text, { at });
      expect([who, text, outcome.status]).toEqual([who, text, 'user-error']);
      expect(texts(replies)).toEqual([typeof reply === 'string' ? reply : expect.stringMatching(reply)]);
    }
    const admin = texts((await chat.say(p('赵敏'), `团队 ${teamB.name} 12月2日`, { at })).replies)[0].split('\n');
    expect(admin.slice(0, 2)).toEqual([`${teamB.name} 12月2日 一览`, '上班打卡：0/2 人']);
  });
});
