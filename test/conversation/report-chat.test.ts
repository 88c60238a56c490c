import { DailyReport, ProcessedEvent, WeeklySummary } from '../../src/db/entities';
import { ChatHarness, texts, cardOf } from '../helpers/chat-harness';
import { makeTeam, POLICY } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';


describeEachDb('chat: 日报 / 周报', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };
  const reports = (employeeId: number) => db().getRepository(DailyReport).find({ where: { employeeId }, order: { id: 'ASC' } });
  const summaries = (employeeId: number) => db().getRepository(WeeklySummary).findBy({ employeeId });

  test('H-2/H-3 日报 states calls, valid calls from complete records and the A/B candidates with their C ids', async () => {
    const { chat, p } = await setup();
    const records = await chat.say(p['张伟'], [
      '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A',
      '联想 | 李 | 采购 13900000001 | 50 | 无 | C',
      '中兴 | 王 | 13900000002 | | | B',
    ].join('\n'), { at: '2026-12-03 10:00:00' });
    const ids = [...texts(records.replies)[0].matchAll(/C(\d+)/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    const { outcome, replies } = await chat.say(p['张伟'], '日报 通话 120', { at: '2026-12-03 17:30:00' });
    expect(outcome.status).toBe('handled');
    expect(texts(replies)).toEqual([
      `已提交12月3日日报：拨打 120 个。\n今天有效电话（信息完整的客户记录，H-3）：2 个。\nA/B 类客户：C${ids[0]} 华为技术（A 类，待业务员确认）`,
    ]);
    expect(await reports(p['张伟'].id)).toMatchObject([{ workDate: '2026-12-03', calls: 120, note: null }]);
  });

  test('a second 日报 the same day replaces the first and says so; one row remains', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '日报 通话 100', { at: '2026-12-03 12:00:00' });
    const { replies } = await chat.say(p['张伟'], '日报 拨打:130 备注:周五客户多', { at: '2026-12-03 17:40:00' });
    expect(texts(replies)[0]).toBe(
      '已提交12月3日日报：拨打 130 个，备注：周五客户多。\n已替换今天早先提交的日报（原拨打 100 个），以这份为准。\n今天有效电话（信息完整的客户记录，H-3）：0 个。\nA/B 类客户：暂无',
    );
    expect(await reports(p['张伟'].id)).toMatchObject([{ calls: 130, note: '周五客户多' }]);
    expect(await reports(p['张伟'].id)).toHaveLength(1);
  });

  test('a late redelivery of an earlier 日报 does not replace the later one, and says so', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '日报 通话 130', { at: '2026-12-03 17:40:00' });
    const { replies } = await chat.say(p['张伟'], '日报 通话 90', { at: '2026-12-03 12:00:00' });
    expect(texts(replies)[0]).toBe('12月3日已有一份更晚提交的日报（拨打 130 个），以那份为准，这条没有替换它。\n今天有效电话（信息完整的客户记录，H-3）：0 个。\nA/B 类客户：暂无');
    expect((await reports(p['张伟'].id)).map((r) => r.calls)).toEqual([130]);
  });

  test('full-width input 日报　通话　１２０ and the English alias work', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '日报　通话　１２０', { at: '2026-12-03 17:00:00' });
    expect(texts(replies)[0]).toMatch(/^已提交12月3日日报：拨打 120 个。/);
    await chat.say(p['李娜'], 'Report calls 88', { at: '2026-12-03 17:00:00' });
    expect((await reports(p['张伟'].id)).map((r) => r.calls)).toEqual([120]);
    expect((await reports(p['李娜'].id)).map((r) => r.calls)).toEqual([88]);
  });

  test.each([
    ['日报 通话 很多', '缺少通话数'],
    ['日报 通话 -5', `通话数应为 0 到 ${POLICY.report.maxCalls} 的整数`],
    ['日报 通话 12.5', `通话数应为 0 到 ${POLICY.report.maxCalls} 的整数`],
    ['日报 备注 今天忙', '缺少通话数'],
  ])('a bad 日报 (%s) is refused with an example and nothing is stored', async (text, reason) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-03 17:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([expect.stringMatching(new RegExp(`^${reason}.*\\n正确示例：日报 通话 120$`))]);
    expect(await reports(p['张伟'].id)).toEqual([]);
  });

  test('日报 is for agents only: a supervisor and an admin are refused, nothing stored', async () => {
    const { chat, p } = await setup();
    for (const who of [p['王强'], p['赵敏'], p['刘洋']]) {
      const { outcome, replies } = await chat.say(who, '日报 通话 120', { at: '2026-12-03 17:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual(['「日报」只有电话销售员可以使用。发送「帮助」查看你能用的命令。']);
      expect(await reports(who.id)).toEqual([]);
    }
  });

  test('日报 alone opens the form card; submitting it files the same report as the text', async () => {
    const { chat, p } = await setup();
    const opened = await chat.say(p['李娜'], '日报', { at: '2026-12-03 17:00:00' });
    const card = cardOf(opened.replies[0]);
    expect(card.title).toBe('电话销售日报 · 12月3日');
    expect(card.form?.inputs.map((i) => [i.name, i.kind])).toEqual([['calls', 'number'], ['note', 'textarea']]);
    expect(card.form?.submit).toMatchObject({ actionId: 'report.submit', command: '日报 通话 120 备注 周五客户多' });
    expect(await reports(p['李娜'].id)).toEqual([]);

    const byText = await chat.say(p['张伟'], '日报 通话 120 备注 周五客户多', { at: '2026-12-03 17:01:00' });
    const byForm = await chat.click(p['李娜'], card.form!.submit, { calls: '１２０', note: '周五客户多' }, { at: '2026-12-03 17:01:00' });
    expect(byForm.outcome).toMatchObject({ status: 'handled', immediate: { toast: { kind: 'success', text: '日报已提交' } } });
    expect(texts(byForm.replies)).toEqual(texts(byText.replies));
    const pick = (r: DailyReport) => ({ workDate: r.workDate, calls: r.calls, note: r.note });
    expect((await reports(p['李娜'].id)).map(pick)).toEqual((await reports(p['张伟'].id)).map(pick));
    expect((await reports(p['李娜'].id)).map(pick)).toEqual([{ workDate: '2026-12-03', calls: 120, note: '周五客户多' }]);
  });

  test('a form with a bad number is refused like the text, and nothing is stored', async () => {
    const { chat, p } = await setup();
    const card = cardOf((await chat.say(p['李娜'], '日报', { at: '2026-12-03 17:00:00' })).replies[0]);
    const empty = await chat.click(p['李娜'], card.form!.submit, { calls: '', note: 'x' });
    const words = await chat.click(p['李娜'], card.form!.submit, { calls: '120个电话 以上', note: '' });
    expect(texts(empty.replies)).toEqual(['缺少通话数\n正确示例：日报 通话 120']);
    expect(texts(words.replies)).toEqual([`通话数应为 0 到 ${POLICY.report.maxCalls} 的整数，如 120\n正确示例：日报 通话 120`]);
    expect(await reports(p['李娜'].id)).toEqual([]);
  });

  test('H-13 周报 before the deadline is on time; a replacement keeps the first stamp and says so', async () => {
    const { chat, p } = await setup();
    const first = await chat.say(p['张伟'], '周报 本周拨打 600，A 类 2 个', { at: '2026-12-03 16:00:00' });
    expect(texts(first.replies)).toEqual(['已收到本周 11月30日（周一）至 12月6日（周日） 的周报。\n在截止时间 12月4日 18:00 之前，按时（H-13）。']);
    const again = await chat.say(p['张伟'], '周报 本周拨打 650，A 类 3 个', { at: '2026-12-05 10:00:00' });
    expect(texts(again.replies)).toEqual([
      '已收到本周 11月30日（周一）至 12月6日（周日） 的周报。\n已替换本周之前提交的周报。\n按第一次提交的时间 12月3日 16:00 计，在截止时间 12月4日 18:00 之前，按时（H-13）。',
    ]);
    expect(await summaries(p['张伟'].id)).toMatchObject([{ week: '2026-11-30', text: '本周拨打 650,A 类 3 个' }]);
  });

  test('H-13 a 周报 after 18:00 on the last workday is stored but late; admins are told they are not judged', async () => {
    const { chat, p } = await setup();
    const late = await chat.say(p['刘洋'], 'weekly 本周拜访 5 家', { at: '2026-12-04 18:01:00' });
    expect(texts(late.replies)).toEqual(['已收到本周 11月30日（周一）至 12月6日（周日） 的周报。\n已过截止时间 12月4日 18:00，不算按时提交，按未交计（H-13，−5 分）。']);
    const admin = await chat.say(p['赵敏'], '周报 本周整理工资', { at: '2026-12-04 18:30:00' });
    expect(texts(admin.replies)).toEqual(['已收到本周 11月30日（周一）至 12月6日（周日） 的周报。\n管理员不考核周报（H-13）。']);
    expect(await summaries(p['刘洋'].id)).toHaveLength(1);
    expect(await summaries(p['赵敏'].id)).toHaveLength(1);
  });

  test('an empty 周报 is refused with the example, nothing stored but the event claim', async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['王强'], '周报　', { at: '2026-12-03 16:00:00', dedupKey: 'empty-weekly' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual(['周报内容不能为空。\n正确示例：周报 本周拨打 600，A 类 2 个……']);
    expect(await summaries(p['王强'].id)).toEqual([]);
    expect(await db().getRepository(ProcessedEvent).countBy({ dedupKey: 'empty-weekly' })).toBe(1);
  });
});
