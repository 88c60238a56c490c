import { ProcessedEvent, PointEntry } from '../../src/db/entities';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { meetingReminderCard } from '../../src/commands/meeting-cards';
import { makeTeam, POLICY } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

describeEachDb('chat: 打卡 / 签到 / 帮助', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };

  test('H-11 打卡 at 09:05:30 replies with the time, the lateness, its points, fine, rule and id', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '打卡', { at: '2026-12-03 09:05:30' });
    expect(texts(replies)).toEqual([expect.stringMatching(/^上班打卡成功：09:05\n迟到 5 分钟：−2 分，罚款 10 元（H-11，记录 P\d+）$/)]);
  });

  test('full-width and English forms work: 上班打卡, ｃｌｏｃｋ ｉｎ', async () => {
    const { chat, p } = await setup();
    expect(texts((await chat.say(p['张伟'], 'ｃｌｏｃｋ ｉｎ', { at: '2026-12-03 08:59:00' })).replies)).toEqual(['上班打卡成功：08:59']);
    expect(texts((await chat.say(p['张伟'], '下班打卡', { at: '2026-12-03 18:01:00' })).replies)).toEqual(['下班打卡成功：18:01']);
  });

  test('in a group, replies about the sender name them: 签到, 打卡 and a refusal start with @name', async () => {
    const { chat, p } = await setup();
    const name = p['张伟'].name;
    const punch = await chat.say(p['张伟'], '打卡', { at: '2026-12-03 08:58:00', group: 'team-room' });
    expect(punch.replies.map((r) => r.target)).toEqual([{ kind: 'chat', chatId: 'team-room' }]);
    expect(texts(punch.replies)).toEqual([`@${name} 上班打卡成功：08:58`]);
    expect(texts((await chat.say(p['张伟'], '签到', { at: '2026-12-03 17:01:00', group: 'team-room' })).replies)).toEqual([`@${name} 例会签到成功：17:01。`]);
    const refused = await chat.say(p['赵敏'], '打卡', { at: '2026-12-03 09:00:00', group: 'team-room' });
    expect(refused.outcome.status).toBe('user-error');
    expect(texts(refused.replies)[0]).toMatch(new RegExp(`^@${p['赵敏'].name} 「打卡」只有`));
    // The same in a direct chat says 你 to the only reader, without a name.
    expect(texts((await chat.say(p['张伟'], '签到', { at: '2026-12-03 17:02:00' })).replies)).toEqual(['今天已在 17:01 签到过了。']);
  });

  test('H-11 a first clock-in after 13:30 (afternoon start + minorLimitMinutes, from the policy) is a whole day absent', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '打卡', { at: '2026-12-03 13:31:00' });
    expect(texts(replies)).toEqual(['上班打卡成功：13:31\n已超过 13:30 才上班打卡，今天按旷工一天处理（H-11），下班后结算。']);
  });

  test('a duplicated event takes effect once', async () => {
    const { chat, p } = await setup();
    const first = await chat.say(p['张伟'], '打卡', { at: '2026-12-03 09:10:00', dedupKey: 'same-msg' });
    const again = await chat.say(p['张伟'], '打卡', { at: '2026-12-03 09:10:00', dedupKey: 'same-msg' });
    expect(first.outcome.status).toBe('handled');
    expect(again).toMatchObject({ outcome: { status: 'duplicate' }, replies: [] });
    expect(await db().getRepository(PointEntry).countBy({ employeeId: p['张伟'].id })).toBe(1);
  });

  test('admins may not punch: refused in Chinese, nothing stored but the claim', async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['赵敏'], '打卡', { at: '2026-12-03 09:00:00', dedupKey: 'admin-punch' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([expect.stringContaining('只有电话销售员、主管、业务员可以使用')]);
    expect(await db().getRepository(ProcessedEvent).countBy({ dedupKey: 'admin-punch' })).toBe(1);
  });

  test('an unknown account gets one polite reply and nothing else', async () => {
    const { chat } = await setup();
    const { outcome, replies } = await chat.say('stranger-1', '打卡');
    expect(outcome.status).toBe('unknown-user');
    expect(texts(replies)).toEqual([expect.stringContaining('还没有登记为公司员工')]);
  });

  test('帮助 lists exactly what the role may use', async () => {
    const { chat, p } = await setup();
    const agentHelp = texts((await chat.say(p['张伟'], '帮助')).replies)[0];
    const adminHelp = texts((await chat.say(p['赵敏'], 'help')).replies)[0];
    expect(agentHelp).toContain('• 打卡');
    expect(adminHelp).not.toContain('• 打卡');
  });

  test('unknown text gets a hint, not silence', async () => {
    const { chat, p } = await setup();
    expect(texts((await chat.say(p['张伟'], '你好')).replies)).toEqual([expect.stringContaining('发送「帮助」')]);
  });

  test('H-12 签到 after 17:05 is late', async () => {
    const { chat, p } = await setup();
    expect(texts((await chat.say(p['张伟'], '签到', { at: '2026-12-03 17:06:10' })).replies)).toEqual([expect.stringContaining('算迟到')]);
  });

  test('H-12 the reminder\'s 签到 button runs the same code as the text', async () => {
    const { chat, p } = await setup();
    const card = meetingReminderCard(POLICY, '一组', [{ name: '张伟', reportFiled: false, validCalls: 3 }]);
    expect(card.fields.find((f) => f.label === '未交日报')?.value).toBe('张伟');
    const { outcome, replies } = await chat.click(p['张伟'], card.buttons![0], {}, { at: '2026-12-03 17:01:00' });
    expect(outcome.immediate?.toast?.text).toBe('例会签到成功：17:01。');
    expect(texts(replies)).toEqual(['例会签到成功：17:01。']);
    expect(texts((await chat.say(p['张伟'], '签到', { at: '2026-12-03 17:02:00' })).replies)).toEqual(['今天已在 17:01 签到过了。']);
  });
});
