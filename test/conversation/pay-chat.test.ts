import type { NeutralCard } from '../../src/core/neutral-card';
import { Collection, Employee, Payslip } from '../../src/db/entities';
import { closeMonth } from '../../src/services/payroll';
import { ChatHarness, texts, cardOf } from '../helpers/chat-harness';
import { makeTeam, serviceContext } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

const fieldMap = (card: NeutralCard): Record<string, string> => Object.fromEntries(card.fields.map((f) => [f.label, f.value]));
const HUAWEI = '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A';
const COLLECTION_EXAMPLE = '\n正确示例：回款 @张三 52000 华为技术';

describeEachDb('chat: 工资 / 回款', (db) => {
  const setup = async () => {
    const one = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const two = await makeTeam(db(), [
      { name: '孙丽', role: 'supervisor' },
      { name: '周杰', role: 'agent' },
    ]);
    const chat = new ChatHarness(db());
    const p = { ...one.people, ...two.people };
    await chat.bind(...Object.values(p));
    return { chat, p };
  };
  const collections = (agent: Employee) => db().getRepository(Collection).find({ where: { agentId: agent.id }, order: { id: 'ASC' } });

  describe('回款', () => {
    test('H-8 a supervisor records a payment for an agent of the team: amount in yuan, the agent, the commission it adds', async () => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['王强'], '回款 @张伟 52000 华为技术', { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });
      expect(outcome.status).toBe('handled');
      const [row] = await collections(p['张伟']);
      expect(texts(replies)[0]).toBe(`已登记回款 R${row.id} 52000 元：张伟，客户 华为技术，计入 2026年12月。\n提成 1%：+520 元（H-8）。张伟本月回款共 52000 元，提成共 520 元。`);
      expect(await collections(p['张伟'])).toMatchObject([{ amountFen: 5200000, customer: '华为技术', month: '2026-12', recordedOn: '2026-12-03', recordedBy: p['王强'].id }]);
    });

    test('the commission is 1% of the month total rounded once: what each payment adds is the difference', async () => {
      const { chat, p } = await setup();
      const say = (text: string) => chat.say(p['王强'], text, { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });
      await say('回款 @张伟 52000 华为技术');
      expect(texts((await say('回款 @张伟 0.5 联想')).replies)[0]).toContain('提成 1%：+0.01 元（H-8）。张伟本月回款共 52000.50 元，提成共 520.01 元。');
      expect(texts((await say('回款 @张伟 0.50 联想')).replies)[0]).toContain('提成 1%：+0 元（H-8）。张伟本月回款共 52001 元，提成共 520.01 元。');
      expect((await collections(p['张伟'])).map((c) => c.amountFen)).toEqual([5200000, 50, 50]);
    });

    test('full-width input works, and an admin records on any team', async () => {
      const { chat, p } = await setup();
      const { replies } = await chat.say(p['王强'], '回款　＠张伟　５２０００　华为技术', { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });
      expect(texts(replies)[0]).toMatch(/^已登记回款 R\d+ 52000 元：张伟，客户 华为技术/);
      const admin = await chat.say(p['赵敏'], 'payment @周杰 8888.88 联想', { at: '2026-12-03 16:00:00', mentions: [p['周杰']] });
      expect(texts(admin.replies)[0]).toMatch(/^已登记回款 R\d+ 8888.88 元：周杰，客户 联想，计入 2026年12月。\n提成 1%：\+88.89 元（H-8）。周杰本月回款共 8888.88 元，提成共 88.89 元。$/);
      expect((await collections(p['周杰'])).map((c) => [c.amountFen, c.recordedBy])).toEqual([[888888, p['赵敏'].id]]);
    });

    test.each([
      ['回款 @张伟 5.2万 华为技术', '金额不能带“万”“千”等单位，请用数字写金额，如 52000 或 8888.88'],
      ['回款 @张伟 5.2 万 华为技术', '金额不能带“万”“千”等单位，请用数字写金额，如 52000 或 8888.88'],
      ['回款 @张伟 52000.001 华为技术', '金额最多两位小数，请用数字写金额，如 52000 或 8888.88'],
      ['回款 @张伟 华为技术', '请用数字写金额，如 52000 或 8888.88'],
      ['回款 @张伟 52000', '请写上付款的客户名称。'],
      ['回款 52000 华为技术', '请写明是谁（@张三、姓名或工号）。'],
      ['回款 欧阳某某 52000 华为技术', '找不到「欧阳某某」，请检查姓名或工号。'],
      ['回款 @刘洋 52000 华为技术', '回款只能登记在电话销售员名下（H-8）。'],
    ])('a bad 回款 (%s) is refused and nothing is stored', async (text, message) => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['王强'], text, { at: '2026-12-03 16:00:00', mentions: [p['张伟'], p['刘洋']] });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`${message}${COLLECTION_EXAMPLE}`]);
      expect(await db().getRepository(Collection).countBy({ recordedBy: p['王强'].id })).toBe(0);
    });

    test('authorisation: an agent filing 回款, and a supervisor of another team, are refused; no row is stored', async () => {
      const { chat, p } = await setup();
      const agent = await chat.say(p['李娜'], '回款 @张伟 52000 华为技术', { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });
      expect(texts(agent.replies)).toEqual(['「回款」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。']);
      const other = await chat.say(p['孙丽'], '回款 @张伟 52000 华为技术', { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });
      expect(texts(other.replies)).toEqual(['只有该销售员所在组的主管或管理员可以登记回款（H-8）。']);
      expect([agent.outcome.status, other.outcome.status]).toEqual(['user-error', 'user-error']);
      expect(await collections(p['张伟'])).toEqual([]);
    });
  });

  describe('工资', () => {
    test('H-8 工资 shows this month so far, item by item, as a draft card', async () => {
      const { chat, p } = await setup();
      await chat.say(p['张伟'], '打卡', { at: '2026-12-03 09:05:30' });
      const rec = await chat.say(p['张伟'], `${HUAWEI}\n联想 | 李 | 采购 13900000001 | 50 | 无`, { at: '2026-12-03 10:00:00' });
      const id = /C(\d+)/.exec(texts(rec.replies)[0])![1];
      await chat.say(p['刘洋'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-03 15:00:00' });
      await chat.say(p['王强'], '回款 @张伟 52000 华为技术', { at: '2026-12-03 16:00:00', mentions: [p['张伟']] });

      const { replies } = await chat.say(p['张伟'], '工资', { at: '2026-12-03 17:00:00' });
      expect(replies).toHaveLength(1);
      expect(replies[0].target).toEqual({ kind: 'user', externalId: chat.account(p['张伟']) });
      const card = cardOf(replies[0]);
      expect(card.title).toBe('2026年12月工资条（草稿）');
      expect(card.fields).toEqual([
        { label: '底薪', value: '1000.00 元' },
        { label: '有效电话', value: '+1.00 元（2 个 × 0.50 元）' },
        { label: 'A/B 类客户', value: '+100.00 元（A 1 个 × 100.00 元，B 0 个 × 50.00 元）' },
        { label: '回款提成', value: '+520.00 元（回款 52000.00 元 × 1%）' },
        { label: '积分奖罚', value: '0.00 元（目前积分 98（高于 120 奖，低于 80 罚））' },
        { label: '罚款', value: '−10.00 元' },
        { label: '合计', value: '1611.00 元' },
      ]);
      expect(card.text).toContain('草稿：2026年12月还没有结算，按截至 12月3日 的数据计算');
      expect(await db().getRepository(Payslip).countBy({ employeeId: p['张伟'].id })).toBe(0);
    });

    test('a month without a year is the most recent one: 工资 11月 in January is last November', async () => {
      const { chat, p } = await setup();
      const nov = cardOf((await chat.say(p['张伟'], '工资 11月', { at: '2027-01-05 10:00:00' })).replies[0]);
      const dec = cardOf((await chat.say(p['张伟'], '工资 上月', { at: '2027-01-05 10:00:00' })).replies[0]);
      const jan = cardOf((await chat.say(p['张伟'], 'pay', { at: '2027-01-05 10:00:00' })).replies[0]);
      expect([nov.title, dec.title, jan.title]).toEqual(['2026年11月工资条（草稿）', '2026年12月工资条（草稿）', '2027年1月工资条（草稿）']);
    });

    test('asked in a group chat, the slip goes privately to the asker; the group only hears where it went', async () => {
      const { chat, p } = await setup();
      const { replies } = await chat.say(p['张伟'], '工资', { at: '2026-12-03 17:00:00', group: 'team-room' });
      expect(replies.map((r) => [r.target, r.body.kind])).toEqual([
        [{ kind: 'user', externalId: chat.account(p['张伟']) }, 'card'],
        [{ kind: 'chat', chatId: 'team-room' }, 'text'],
      ]);
      expect(texts(replies)[1]).toBe(`@${p['张伟'].name} 工资属于个人信息，已私信发给你。`);
      expect(chat.messenger.to('team-room').map((m) => texts([m])[0])).toEqual([`@${p['张伟'].name} 工资属于个人信息，已私信发给你。`]);
    });

    test('a supervisor sees an agent of the team (工资 @张伟 11月); an admin sees anyone', async () => {
      const { chat, p } = await setup();
      const sup = await chat.say(p['王强'], '工资 @张伟 11月', { at: '2026-12-03 17:00:00', mentions: [p['张伟']] });
      expect(cardOf(sup.replies[0]).title).toBe('张伟 · 2026年11月工资条（草稿）');
      expect(sup.replies[0].target).toEqual({ kind: 'user', externalId: chat.account(p['王强']) });
      const admin = await chat.say(p['赵敏'], '工资 @周杰', { at: '2026-12-03 17:00:00', mentions: [p['周杰']] });
      expect(cardOf(admin.replies[0]).title).toBe('周杰 · 2026年12月工资条（草稿）');
    });

    test('authorisation: an agent asking for someone else, a salesperson, and another team\'s supervisor are refused; nothing is sent about the other', async () => {
      const { chat, p } = await setup();
      const cases: Array<[Employee, string]> = [
        [p['张伟'], '工资只能查看自己的。发送「工资」查看你本月的工资条。'],
        [p['刘洋'], '工资只能查看自己的。发送「工资」查看你本月的工资条。'],
        [p['孙丽'], '只能查看自己或本组组员的工资（管理员可查所有人）。'],
      ];
      for (const [who, message] of cases) {
        const { outcome, replies } = await chat.say(who, '工资 @李娜 11月', { at: '2026-12-03 17:00:00', mentions: [p['李娜']] });
        expect(outcome.status).toBe('user-error');
        expect(texts(replies)).toEqual([message]);
        expect(replies.every((r) => r.body.kind === 'text')).toBe(true);
      }
      expect(chat.inbox(p['李娜'])).toEqual([]);
      expect(await db().getRepository(Payslip).countBy({ employeeId: p['李娜'].id })).toBe(0);
    });

    test.each([
      ['工资 13月', '月份应在 1 到 12 之间：13月\n正确示例：工资 11月'],
      ['工资 11月 和 12月', '看不懂月份“11月 和 12月”，请写 11月、2026-11、上月 或 本月\n正确示例：工资 11月'],
      ['工资 2027-03', '2027年3月还没到，没有工资条。\n正确示例：工资 11月'],
      ['工资 @欧阳某某 11月', '找不到「欧阳某某」，请检查姓名或工号。\n正确示例：工资 @张三 11月'],
    ])('a bad 工资 (%s) is refused with an example', async (text, reply) => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-03 17:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([reply]);
    });

    test('a month before the start date has no slip', async () => {
      const { people } = await makeTeam(db(), [{ name: '钱新', role: 'agent', startDate: '2026-12-10' }]);
      const chat = new ChatHarness(db());
      await chat.bind(people['钱新']);
      const { replies } = await chat.say(people['钱新'], '工资 11月', { at: '2026-12-11 10:00:00' });
      expect(texts(replies)).toEqual(['你在2026年11月不在职，没有工资条。']);
    });
  });
});

// Its own database: closing a month writes every employee's slip, which would change what other tests see.
describeEachDb('chat: 工资 of a closed month', (db) => {
  test('a closed month shows the stored slip (not a fresh draft) and says which revision', async () => {
    const { people: p } = await makeTeam(db(), [{ name: '李娜', role: 'agent' }]);
    const chat = new ChatHarness(db());
    await chat.bind(p['李娜']);
    await chat.say(p['李娜'], HUAWEI, { at: '2026-11-20 10:00:00' });
    await closeMonth(serviceContext(db()), '2026-11', { now: chat.clock.now() });
    // A record of 20 November arriving after the close: the draft would change, the stored slip does not.
    await chat.say(p['李娜'], '客户 联想 | 李 | 采购 13900000001 | 50 | 无', { at: '2026-11-20 11:00:00' });
    const closed = cardOf((await chat.say(p['李娜'], '工资 11月', { at: '2026-12-03 17:00:00' })).replies[0]);
    expect(closed.title).toBe('2026年11月工资条（已结算）');
    expect(fieldMap(closed)).toMatchObject({ 有效电话: '+0.50 元（1 个 × 0.50 元）', 积分奖罚: '0.00 元（月底积分 100（高于 120 奖，低于 80 罚））', 合计: '1000.50 元' });
    expect(closed.text).toBe('已结算（第 1 版）。');

    await closeMonth(serviceContext(db()), '2026-11', { now: chat.clock.now(), force: true });
    const reclosed = cardOf((await chat.say(p['李娜'], '工资 2026年11月', { at: '2026-12-03 17:01:00' })).replies[0]);
    expect(fieldMap(reclosed)).toMatchObject({ 有效电话: '+1.00 元（2 个 × 0.50 元）', 合计: '1001.00 元' });
    expect(reclosed.text).toBe('已结算（第 2 版）。');
  });

  test('someone added after the close has no stored slip: a draft, saying the month was closed without them', async () => {
    const { people: p } = await makeTeam(db(), [{ name: '郑新', role: 'agent' }]);
    const chat = new ChatHarness(db());
    await chat.bind(p['郑新']);
    const card = cardOf((await chat.say(p['郑新'], '工资 11月', { at: '2026-12-03 17:00:00' })).replies[0]);
    expect(card.title).toBe('2026年11月工资条（草稿）');
    expect(card.text).toBe('2026年11月已结算，但结算时没有你的工资条；以上按现有数据计算，请联系管理员。');
    expect(fieldMap(card)).toMatchObject({ 合计: '1000.00 元' });
  });
});
