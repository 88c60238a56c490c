import { Not, IsNull } from 'typeorm';
import { Employee, PointEntry, ProcessedEvent } from '../../src/db/entities';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
let seq = 0;
/** A suffix that makes names unique in the shared test database ('甲', '乙', …, '甲乙', …). */
function uniq(): string {
  const n = seq++;
  return HAN[n % HAN.length] + (n >= HAN.length ? HAN[Math.floor(n / HAN.length) % HAN.length] : '');
}

describeEachDb('chat: 积分 / 扣分 / 加分 / 撤销', (db) => {
  const setup = async () => {
    const u = uniq();
    const a = await makeTeam(db(), [
      { name: `王强${u}`, role: 'supervisor' },
      { name: `张伟${u}`, role: 'agent' },
      { name: `李娜${u}`, role: 'agent' },
      { name: `刘洋${u}`, role: 'salesperson' },
      { name: `赵敏${u}`, role: 'admin' },
    ]);
    const b = await makeTeam(db(), [{ name: `孙丽${u}`, role: 'supervisor' }, { name: `周杰${u}`, role: 'agent' }]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(a.people), ...Object.values(b.people));
    const p = (name: string) => a.people[`${name}${u}`] ?? b.people[`${name}${u}`];
    return { chat, p, u, teamA: a.team, teamB: b.team };
  };
  const entriesOf = (employeeId: number) => db().getRepository(PointEntry).find({ where: { employeeId }, order: { id: 'ASC' } });

  test('H-10 积分: the month from 100 with every entry — id, date, rule, points, fine, who — and the reversal markers', async () => {
    const { chat, p } = await setup();
    const [zhang, wang] = [p('张伟'), p('王强')];
    await chat.say(zhang, '打卡', { at: '2026-12-03 09:05:30' });
    await chat.say(wang, '扣分 @' + zhang.name + ' 值日', { at: '2026-12-03 10:00:00', mentions: [zhang] });
    const [late, duty] = await entriesOf(zhang.id);
    await chat.say(wang, `撤销 P${late.id} 打卡机故障`, { at: '2026-12-03 10:05:00' });
    const reversal = (await entriesOf(zhang.id))[2];

    const { replies } = await chat.say(zhang, '积分', { at: '2026-12-03 11:00:00' });
    expect(replies).toHaveLength(1);
    expect(replies[0].target).toEqual({ kind: 'user', externalId: chat.account(zhang) });
    expect(texts(replies)[0].split('\n')).toEqual([
      `${zhang.name} 12月积分：95`,
      '起始：100 分',
      '增减：−5 分',
      '罚款：5 元',
      '记录：3 条',
      `P${late.id} 12月3日 迟到（H-11） −2 分，罚款 10 元 · 系统【已撤销，见 P${reversal.id}】`,
      `P${duty.id} 12月3日 值日（H-15） −5 分，罚款 5 元 · ${wang.name}`,
      `P${reversal.id} 12月3日 撤销 P${late.id} 迟到（H-11） +2 分，退还罚款 10 元 · ${wang.name}：打卡机故障`,
      '月底高于 120 分奖 200 元，低于 80 分扣 200 元（H-10）。',
    ]);
    // Another month: nothing yet.
    expect(texts((await chat.say(zhang, '积分 11月', { at: '2026-12-03 11:01:00' })).replies)[0]).toMatch(new RegExp(`^${zhang.name} 11月积分：100\\n[\\s\\S]*该月还没有积分记录。`));
  });

  test('积分 asked in a group goes privately to the asker; the group only hears that it was sent', async () => {
    const { chat, p } = await setup();
    const zhang = p('张伟');
    const { replies } = await chat.say(zhang, '积分', { at: '2026-12-03 11:00:00', group: 'team-chat' });
    expect(replies.map((r) => r.target)).toEqual([{ kind: 'user', externalId: chat.account(zhang) }, { kind: 'chat', chatId: 'team-chat' }]);
    expect(texts(replies)).toEqual([expect.stringMatching(new RegExp(`^${zhang.name} 12月积分：100\\n`)), `@${zhang.name} 你的积分明细已私信发给你。`]);
    expect(chat.messenger.to('team-chat').map((m) => m.body.kind)).toEqual(['text']);
  });

  test('积分 of someone else: their supervisor and admins may; a teammate and another team’s supervisor may not', async () => {
    const { chat, p } = await setup();
    const zhang = p('张伟');
    await chat.say(p('王强'), `扣分 @${zhang.name} 座位`, { mentions: [zhang] });
    for (const who of [p('王强'), p('赵敏')]) {
      const { replies } = await chat.say(who, `积分 @${zhang.name}`, { mentions: [zhang] });
      expect(texts(replies)).toEqual([expect.stringMatching(new RegExp(`^${zhang.name} 12月积分：98\\n`))]);
      expect(replies[0].target).toEqual({ kind: 'user', externalId: chat.account(who) });
    }
    for (const who of [p('李娜'), p('孙丽')]) {
      const { outcome, replies } = await chat.say(who, `积分 ${zhang.name}`);
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`只有${zhang.name}所在组的主管或管理员可以查看${zhang.name}的积分。`]);
    }
  });

  test('扣分 by rule name: the reply shows the id, rule, points, fine and new score; the target is told privately', async () => {
    const { chat, p } = await setup();
    const [zhang, wang] = [p('张伟'), p('王强')];
    const { outcome, replies } = await chat.say(wang, `扣分 @${zhang.name} 值日`, { at: '2026-12-03 10:00:00', mentions: [zhang] });
    expect(outcome.status).toBe('handled');
    const [entry] = await entriesOf(zhang.id);
    expect(entry).toMatchObject({ points: -5, fineFen: 500, rule: 'H-15', code: 'misconduct:值日', createdBy: wang.id, month: '2026-12', workDate: '2026-12-03' });
    expect(texts(replies)).toEqual([
      `已扣分 P${entry.id}：${zhang.name}（${zhang.no}）值日（H-15） −5 分，罚款 5 元。${zhang.name} 12月积分 95。`,
      `${wang.name}给你扣分 P${entry.id}：值日（H-15） −5 分，罚款 5 元。你的12月积分 95，发送「积分」查看明细。`,
    ]);
    expect(replies.map((r) => r.target)).toEqual([{ kind: 'user', externalId: chat.account(wang) }, { kind: 'user', externalId: chat.account(zhang) }]);
  });

  test('扣分 by an alias and with a note; by points with a reason; 加分 with a reason; the full-width form with a mention', async () => {
    const { chat, p } = await setup();
    const [zhang, li, wang] = [p('张伟'), p('李娜'), p('王强')];
    await chat.say(wang, `扣分 @${zhang.name} 卫生 没倒垃圾`, { mentions: [zhang] });
    await chat.say(wang, `扣分 ${zhang.name} 3 态度问题`);
    const award = await chat.say(p('赵敏'), `加分 @${li.name} 5 客户表扬`, { mentions: [li] });
    await chat.say(wang, `扣分\u3000＠${zhang.name}\u3000私人电话`, { mentions: [zhang] });
    expect((await entriesOf(zhang.id)).map((e) => [e.rule, e.code, e.points, e.fineFen, e.reason])).toEqual([
      ['H-15', 'misconduct:值日', -5, 500, '值日：没倒垃圾'],
      ['deduct', 'deduct', -3, 0, '态度问题'],
      ['H-18', 'misconduct:私人电话', -10, 10000, '私人电话'],
    ]);
    const [liEntry] = await entriesOf(li.id);
    expect(liEntry).toMatchObject({ rule: 'award', points: 5, reason: '客户表扬', createdBy: p('赵敏').id });
    expect(texts(award.replies)[0]).toBe(`已加分 P${liEntry.id}：${li.name}（${li.no}）加分：客户表扬 +5 分。${li.name} 12月积分 105。`);
  });

  test.each<[string, (n: Names) => string, string]>([
    ['an unknown person', () => '扣分 查无此人 3 态度问题', '找不到「查无此人」，请检查姓名或工号。\n正确示例：扣分 @张三 值日'],
    ['an unknown misconduct, listing the valid ones', (n) => `扣分 ${n.zhang} 迟到早退`, '没有“迟到早退”这一项。可用的扣分项：值日、座位、闲聊、骂客户、私人电话、负面影响；或写分数和原因。\n正确示例：扣分 @张三 值日'],
    ['points out of range', (n) => `扣分 ${n.zhang} 200 太差`, '分数应为 1 到 100 的整数，如 3\n正确示例：扣分 张三 3 态度问题'],
    ['zero points', (n) => `加分 ${n.zhang} 0 表扬`, '分数应为 1 到 100 的整数，如 3\n正确示例：加分 @李四 5 客户表扬'],
    ['a missing reason', (n) => `扣分 ${n.zhang} 3`, '请写明原因。\n正确示例：扣分 张三 3 态度问题'],
    ['an award without points', (n) => `加分 ${n.zhang} 客户表扬`, '请写加几分和原因。\n正确示例：加分 @李四 5 客户表扬'],
    ['nobody named', () => '扣分 值日', '请写明给谁扣分（@张三、姓名或工号）。\n正确示例：扣分 @张三 值日'],
    ['nothing after the person', (n) => `扣分 ${n.zhang}`, '请写扣分项（值日、座位、闲聊、骂客户、私人电话、负面影响），或写分数和原因。\n正确示例：扣分 @张三 值日'],
    ['a reversal without a reason', () => '撤销 P12', '请写明撤销原因。\n正确示例：撤销 P1288 误扣'],
    ['a reversal of no entry', () => '撤销 P987654 误扣', '没有积分记录 P987654。'],
    ['a reversal with a bad id', () => '撤销 L12 误扣', '看不懂编号“L12”，应为 P 或 R 加数字，如 P1288 或 R17\n正确示例：撤销 P1288 误扣'],
  ])('refused with the reason and an example, nothing stored: %s', async (_case, text, reply) => {
    const { chat, p } = await setup();
    const names = { zhang: p('张伟').name };
    const before = await db().getRepository(PointEntry).count();
    const { outcome, replies } = await chat.say(p('王强'), text(names), { dedupKey: `bad-${_case}-${names.zhang}` });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([reply]);
    expect(await db().getRepository(PointEntry).count()).toBe(before);
    expect(await db().getRepository(ProcessedEvent).countBy({ dedupKey: `bad-${_case}-${names.zhang}` })).toBe(1);
  });

  test('a name shared by two people asks which one, listing their employee numbers and teams', async () => {
    const { chat, p, u } = await setup();
    const twin = `双胞${u}`;
    const one = await makeTeam(db(), [{ name: twin, role: 'agent' }]);
    const two = await makeTeam(db(), [{ name: twin, role: 'agent' }]);
    // Employee numbers people can type (letters and digits).
    const base = 1000 + seq;
    await db().getRepository(Employee).update({ id: one.people[twin].id }, { no: `TW${base}1` });
    await db().getRepository(Employee).update({ id: two.people[twin].id }, { no: `TW${base}2` });
    one.people[twin].no = `TW${base}1`;
    two.people[twin].no = `TW${base}2`;
    const { outcome, replies } = await chat.say(p('赵敏'), `扣分 ${twin} 3 态度问题`);
    expect(outcome.status).toBe('user-error');
    const [a, b] = [one.people[twin], two.people[twin]].sort((x, y) => (x.no < y.no ? -1 : 1));
    const [ta, tb] = a === one.people[twin] ? [one.team.name, two.team.name] : [two.team.name, one.team.name];
    expect(texts(replies)).toEqual([`有 2 位叫「${twin}」：${a.no} ${twin}（${ta}）、${b.no} ${twin}（${tb}）。请改用工号。\n正确示例：扣分 @张三 值日`]);
    expect(await db().getRepository(PointEntry).countBy({ employeeId: a.id })).toBe(0);
    // With the number it works.
    await chat.say(p('赵敏'), `扣分 ${a.no} 3 态度问题`);
    expect(await db().getRepository(PointEntry).countBy({ employeeId: a.id })).toBe(1);
  });

  test('who may: a salesperson may not deduct, an agent may not revert, another team’s supervisor may not do either; nothing stored', async () => {
    const { chat, p } = await setup();
    const zhang = p('张伟');
    await chat.say(p('王强'), `扣分 @${zhang.name} 闲聊`, { mentions: [zhang] });
    const [entry] = await entriesOf(zhang.id);
    const cases: Array<[string, string, string]> = [
      ['刘洋', `扣分 @${zhang.name} 值日`, '「扣分」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['刘洋', `加分 @${zhang.name} 5 表扬`, '「加分」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['李娜', `撤销 P${entry.id} 误扣`, '「撤销」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['张伟', `撤销 P${entry.id} 误扣`, '「撤销」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
      ['孙丽', `扣分 @${zhang.name} 值日`, `只有${zhang.name}所在组的主管或管理员可以这样做。`],
      ['孙丽', `撤销 P${entry.id} 误扣`, `只有${zhang.name}所在组的主管或管理员可以这样做。`],
      ['王强', `扣分 @${p('王强').name} 值日`, '不能给自己扣分、加分或撤销自己的记录。'],
    ];
    for (const [who, text, reply] of cases) {
      const mentions = text.includes('@') ? [text.includes(zhang.name) ? zhang : p('王强')] : [];
      const { outcome, replies } = await chat.say(p(who), text, { mentions });
      expect([who, outcome.status, texts(replies)]).toEqual([who, 'user-error', [reply]]);
    }
    expect((await entriesOf(zhang.id)).map((e) => e.id)).toEqual([entry.id]);
    expect(await db().getRepository(PointEntry).countBy({ reversesId: Not(IsNull()), employeeId: zhang.id })).toBe(0);
    expect(await db().getRepository(PointEntry).countBy({ employeeId: p('王强').id })).toBe(0);
    // The target heard of the real deduction only.
    expect(chat.inbox(zhang).filter((t) => t.includes('给你扣分') || t.includes('撤销了你的'))).toEqual([expect.stringContaining(`给你扣分 P${entry.id}`)]);
  });

  test('撤销: a new entry cancels the old one, both stay; the target is told; a second reversal names who did the first', async () => {
    const { chat, p } = await setup();
    const [zhang, wang] = [p('张伟'), p('王强')];
    await chat.say(wang, `扣分 @${zhang.name} 私人电话`, { at: '2026-12-03 10:00:00', mentions: [zhang] });
    const [entry] = await entriesOf(zhang.id);
    const { replies } = await chat.say(wang, `撤销 p${entry.id}\u3000误扣`, { at: '2026-12-03 10:30:00' });
    const entries = await entriesOf(zhang.id);
    expect(entries.map((e) => [e.points, e.fineFen, e.reversesId, e.reason])).toEqual([[-10, 10000, null, '私人电话'], [10, -10000, entry.id, '误扣']]);
    const rev = entries[1];
    expect(texts(replies)).toEqual([
      `已撤销 P${entry.id}（${zhang.name} 12月3日 私人电话（H-18） −10 分，罚款 100 元），撤销记录 P${rev.id}：+10 分，退还罚款 100 元。原因：误扣。${zhang.name} 12月积分 100。`,
      `${wang.name}撤销了你的 P${entry.id}（12月3日 私人电话（H-18） −10 分，罚款 100 元），原因：误扣。你的12月积分 100。`,
    ]);
    expect(replies[1].target).toEqual({ kind: 'user', externalId: chat.account(zhang) });
    const again = await chat.say(p('赵敏'), `撤销 P${entry.id} 再撤`, { at: '2026-12-03 11:00:00' });
    expect(texts(again.replies)).toEqual([`P${entry.id} 已由${wang.name}于 12月3日 10:30 撤销（P${rev.id}）。`]);
    expect(await entriesOf(zhang.id)).toHaveLength(2);
  });
});

interface Names {
  zhang: string;
}
