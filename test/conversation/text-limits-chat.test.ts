import { Collection, CustomerRecord, DailyReport, LeaveRequest, PointEntry, WeeklySummary } from '../../src/db/entities';
import { ChatHarness, texts, cardOf } from '../helpers/chat-harness';
import { makeTeam, POLICY } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/**
 * Issue 13, "Money and text that break on MySQL only": free text longer than its policy limit
 * (textLimits) is refused with the field and the limit named — never "处理出错了", never cut —
 * and nothing is stored; a whole message past textLimits.message is refused before it is read.
 * Before the fix a 30,000-character 扣分 reason or 驳回 note was stored on SQLite and failed on
 * MySQL (a TEXT column holds 65,535 bytes) with the generic error.
 */
const HUGE = 30000;
const huge = (c = '很'): string => c.repeat(HUGE);
const L = POLICY.textLimits;

describeEachDb('chat: free text over its limit is refused, naming the field and the limit (issue 13)', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };
  const entries = (employeeId: number) => db().getRepository(PointEntry).findBy({ employeeId });
  const leaveOf = async (chat: ChatHarness, who: Parameters<ChatHarness['say']>[0]) => {
    await chat.say(who, '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    return db().getRepository(LeaveRequest).findOneByOrFail({ employeeId: typeof who === 'string' ? -1 : who.id });
  };

  test(`a ${HUGE}-character 扣分 reason: the limit refusal, not the generic error; no ledger entry`, async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['王强'], `扣分 @张伟 3 ${huge()}`, { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([`扣分原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字\n正确示例：扣分 张三 3 态度问题`]);
    expect(await entries(p['张伟'].id)).toEqual([]);
  });

  test(`a ${HUGE}-character 驳回 note, typed or entered on the card: refused; the request stays pending`, async () => {
    const { chat, p } = await setup();
    const request = await leaveOf(chat, p['张伟']);
    const typed = await chat.say(p['王强'], `驳回 L${request.id} ${huge()}`, { at: '2026-12-03 10:05:00' });
    expect(typed.outcome.status).toBe('user-error');
    expect(texts(typed.replies)).toEqual([`驳回原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字\n正确示例：驳回 L${request.id} 当天有培训`]);

    const card = cardOf(chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!);
    const reject = card.buttons!.find((b) => b.actionId === 'leave.reject')!;
    const clicked = await chat.click(p['王强'], reject, { reason: huge('忙') }, { at: '2026-12-03 10:06:00' });
    expect(clicked.outcome).toMatchObject({ status: 'user-error', immediate: { toast: { text: expect.stringContaining(`驳回原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字`) } } });
    expect(await db().getRepository(LeaveRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: 'pending', decisionNote: null, decidedBy: null });
  });

  test('a reason exactly at the limit is kept whole; one character more is refused (never cut)', async () => {
    const { chat, p } = await setup();
    const at = '浪'.repeat(L.reason);
    const kept = await chat.say(p['王强'], `加分 @张伟 5 ${at}`, { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    expect(kept.outcome.status).toBe('handled');
    const over = await chat.say(p['王强'], `加分 @张伟 5 ${at}浪`, { at: '2026-12-03 10:01:00', mentions: [p['张伟']] });
    expect(texts(over.replies)).toEqual([`加分原因最多 ${L.reason} 个字，你写了 ${L.reason + 1} 个字\n正确示例：加分 @李四 5 客户表扬`]);
    expect((await entries(p['张伟'].id)).map((e) => e.reason)).toEqual([at]);
  });

  test('4-byte characters count as one each, as MySQL utf8mb4 counts them', async () => {
    const { chat, p } = await setup();
    const emoji = '😀'.repeat(L.reason);
    expect((await chat.say(p['王强'], `加分 @张伟 5 ${emoji}`, { mentions: [p['张伟']] })).outcome.status).toBe('handled');
    expect((await entries(p['张伟'].id)).map((e) => e.reason)).toEqual([emoji]);
  });

  test.each<[string, (n: { id: number }) => string, string]>([
    ['扣分 by misconduct with a note', () => `扣分 @张伟 值日 ${huge()}`, `扣分原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字`],
    ['加分', () => `加分 @张伟 5 ${huge()}`, `加分原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字`],
    ['撤销', (n) => `撤销 P${n.id} ${huge()}`, `撤销原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字`],
  ])('the ledger: %s over the limit is refused; nothing new in the ledger', async (_case, text, error) => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '扣分 @张伟 座位', { at: '2026-12-03 09:30:00', mentions: [p['张伟']] });
    const [first] = await entries(p['张伟'].id);
    const { outcome, replies } = await chat.say(p['王强'], text(first), { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)[0]).toMatch(new RegExp(`^${error}\\n正确示例：`));
    expect(await entries(p['张伟'].id)).toHaveLength(1);
  });

  test('请假 reason over the limit, typed or on the form: refused; no request', async () => {
    const { chat, p } = await setup();
    const typed = await chat.say(p['张伟'], `请假 事假 12月4日 全天 ${huge()}`, { at: '2026-12-03 10:00:00' });
    expect(texts(typed.replies)).toEqual([`请假原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字\n正确示例：请假 事假 12月3日 全天 家里有事`]);
    const form = cardOf((await chat.say(p['张伟'], '请假', { at: '2026-12-03 10:01:00' })).replies[0]).form!;
    const clicked = await chat.click(p['张伟'], form.submit, { kind: '事假', start: '2026-12-04', startHalf: '全天', reason: huge() }, { at: '2026-12-03 10:02:00' });
    expect(clicked.outcome.status).toBe('user-error');
    expect(texts(clicked.replies)[0]).toContain(`请假原因最多 ${L.reason} 个字，你写了 ${HUGE} 个字`);
    expect(await db().getRepository(LeaveRequest).countBy({ employeeId: p['张伟'].id })).toBe(0);
  });

  test('日报 备注 over the limit, typed or on the form; 周报 over the limit: refused, nothing stored', async () => {
    const { chat, p } = await setup();
    const typed = await chat.say(p['张伟'], `日报 通话 120 备注 ${huge()}`, { at: '2026-12-03 17:00:00' });
    expect(texts(typed.replies)).toEqual([`日报备注最多 ${L.note} 个字，你写了 ${HUGE} 个字\n正确示例：日报 通话 120`]);
    const form = cardOf((await chat.say(p['张伟'], '日报', { at: '2026-12-03 17:01:00' })).replies[0]).form!;
    const clicked = await chat.click(p['张伟'], form.submit, { calls: '120', note: huge() }, { at: '2026-12-03 17:02:00' });
    expect(texts(clicked.replies)).toEqual([`日报备注最多 ${L.note} 个字，你写了 ${HUGE} 个字\n正确示例：日报 通话 120`]);
    expect(await db().getRepository(DailyReport).countBy({ employeeId: p['张伟'].id })).toBe(0);

    const summary = await chat.say(p['张伟'], `周报 ${huge()}`, { at: '2026-12-03 17:03:00' });
    expect(summary.outcome.status).toBe('user-error');
    expect(texts(summary.replies)[0]).toMatch(new RegExp(`^周报最多 ${L.summary} 个字，你写了 ${HUGE} 个字\\n正确示例：周报 `));
    expect(await db().getRepository(WeeklySummary).countBy({ employeeId: p['张伟'].id })).toBe(0);
  });

  test('客户: a field over its limit in a multi-row message names the row and the field; on the form, the field; nothing stored', async () => {
    const { chat, p } = await setup();
    const long = '华'.repeat(L.company + 1);
    const text = `客户 中兴 | 李 | IT 13900000001 | 50 | 无\n${long} | 张 | IT经理 13800000000 | 200 | 已上ERP`;
    const typed = await chat.say(p['张伟'], text, { at: '2026-12-03 10:00:00' });
    expect(texts(typed.replies)).toEqual([`第 2 行客户名称最多 ${L.company} 个字，你写了 ${L.company + 1} 个字\n正确示例：客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A`]);
    const form = cardOf((await chat.say(p['张伟'], '客户', { at: '2026-12-03 10:01:00' })).replies[0]).form!;
    const clicked = await chat.click(p['张伟'], form.submit, { company: '华为', contact: '张', titlePhone: '13800000000', headcount: '200', itStatus: huge() });
    expect(texts(clicked.replies)[0]).toMatch(new RegExp(`^信息化现状最多 ${L.itStatus} 个字，你写了 ${HUGE} 个字\\n`));
    expect(await db().getRepository(CustomerRecord).countBy({ agentId: p['张伟'].id })).toBe(0);
  });

  test('回款 customer and 确认 note over the limit are refused; nothing stored', async () => {
    const { chat, p } = await setup();
    const paid = await chat.say(p['王强'], `回款 @张伟 52000 ${huge()}`, { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    expect(texts(paid.replies)).toEqual([`客户名称最多 ${L.company} 个字，你写了 ${HUGE} 个字\n正确示例：回款 @张三 52000 华为技术`]);
    expect(await db().getRepository(Collection).countBy({ agentId: p['张伟'].id })).toBe(0);

    await chat.say(p['张伟'], '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', { at: '2026-12-03 10:00:00' });
    const [record] = await db().getRepository(CustomerRecord).findBy({ agentId: p['张伟'].id });
    const qualified = await chat.say(p['刘洋'], `确认 C${record.id} ${huge()}`, { at: '2026-12-03 15:00:00' });
    expect(texts(qualified.replies)[0]).toMatch(new RegExp(`^确认说明最多 ${L.note} 个字，你写了 ${HUGE} 个字\\n`));
    expect(await db().getRepository(CustomerRecord).findOneByOrFail({ id: record.id })).toMatchObject({ qualifiedAt: null, qualificationNote: null });
  });

  test('a whole message past textLimits.message is refused before it is read, whatever it says; nothing stored', async () => {
    const { chat, p } = await setup();
    const size = L.message + 1;
    for (const text of [`扣分 @张伟 3 ${'很'.repeat(size)}`, `客户 ${'华为 | 张 | 13800000000 | 200 | 有\n'.repeat(Math.ceil(size / 20))}`, 'x'.repeat(size)]) {
      const { outcome, replies } = await chat.say(p['王强'], text, { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`这条消息太长：最多 ${L.message} 个字，你发了 ${[...text].length} 个字。请分成几条发送。`]);
    }
    expect(await entries(p['张伟'].id)).toEqual([]);
  });
});

describeEachDb('chat: numbers and phones name the right fault (issue 13)', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };

  test.each<[string, string]>([
    ['日报 通话 1e3', '通话数“1e3”看不懂，请直接写数字，如 120'],
    ['日报 通话 0x10', '通话数“0x10”看不懂，请直接写数字，如 120'],
    ['日报 通话 一百二', '通话数请用阿拉伯数字写，如 120'],
    ['日报 通话 12.5', `通话数应为 0 到 ${POLICY.report.maxCalls} 的整数，如 120`],
    ['日报 通话 -5', `通话数应为 0 到 ${POLICY.report.maxCalls} 的整数，如 120`],
    [`日报 通话 ${POLICY.report.maxCalls + 1}`, `通话数应为 0 到 ${POLICY.report.maxCalls} 的整数，如 120`],
  ])('%j is refused with what is wrong; no report is stored', async (text, error) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-03 17:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([`${error}\n正确示例：日报 通话 120`]);
    expect(await db().getRepository(DailyReport).countBy({ employeeId: p['张伟'].id })).toBe(0);
  });

  test.each<[string, string]>([
    ['扣分 @张伟 1e3 态度问题', '分数“1e3”看不懂，请直接写数字，如 3'],
    ['扣分 @张伟 2.5 态度问题', '分数应为 1 到 100 的整数，如 3'],
    ['扣分 @张伟 三 态度问题', '分数请用阿拉伯数字写，如 3'],
    ['加分 @张伟 五分 客户表扬', '分数请用阿拉伯数字写，如 3'],
  ])('%j is refused with what is wrong; no ledger entry', async (text, error) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['王强'], text, { mentions: [p['张伟']] });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)[0]).toMatch(new RegExp(`^${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n正确示例：`));
    expect(await db().getRepository(PointEntry).countBy({ employeeId: p['张伟'].id })).toBe(0);
  });

  test('a customer phone 12345 is named as not a valid mobile or landline number, with the forms that are', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '客户 华为技术 | 张 | IT经理 12345 | 200 | 已上ERP | A', { at: '2026-12-03 10:00:00' });
    const reply = texts(replies)[0];
    expect(reply).toMatch(/ 华为技术（A 类）：不完整，电话号码不是有效的手机号或座机号（手机号如 13800000000，座机号如 010-12345678，中间不加空格），不算有效电话\n/);
    expect(reply).not.toContain('缺电话号码');
    expect(reply).not.toMatch(/(?<!\d)12345(?!\d)/);
    expect(reply).toContain('电话号码有误的记录请改正后整条重发');
    const both = await chat.say(p['张伟'], '客户 联想 | | IT 010-1234 | 50 | 无', { at: '2026-12-03 10:01:00' });
    expect(texts(both.replies)[0]).toMatch(/ 联想：不完整，缺联系人；电话号码不是有效的手机号或座机号（.*），不算有效电话\n/);
  });
});
