import { ConsoleLink } from '../../src/db/entities';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam, TEST_PUBLIC_URL } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** 后台 (issue 18): admins and supervisors get a one-time link to the web console; the other roles a refusal. */
describeEachDb('chat: 后台', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '陈静', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };

  test.each(['王强', '赵敏'])('%s (admin or supervisor) gets a link under PUBLIC_URL, valid 10 minutes, once, with a warning not to forward it', async (who) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p[who], '后台', { at: '2026-12-03 09:00:00' });
    expect(outcome.status).toBe('handled');
    const [text] = texts(replies);
    expect(text).toMatch(new RegExp(`^网页管理后台登录链接：\\n${TEST_PUBLIC_URL.replace(/\./g, '\\.')}/admin/login\\?t=[A-Za-z0-9_-]{43}\\n`));
    expect(text).toContain('12月3日 09:10 前有效（10 分钟），只能使用一次；登录后 8 小时内有效。');
    expect(text).toContain('请勿转发');
    expect(await db().getRepository(ConsoleLink).countBy({ employeeId: p[who].id })).toBe(1);
  });

  test.each(['张伟', '陈静'])('%s (agent or salesperson) is refused in Chinese and gets no link', async (who) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p[who], '后台');
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([expect.stringContaining('「后台」只有管理员、主管可以使用。')]);
    expect(await db().getRepository(ConsoleLink).countBy({ employeeId: p[who].id })).toBe(0);
  });

  test('asked in a group, the link goes to the asker privately and the group only hears that it was sent', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['王强'], '后台', { group: 'g-1' });
    const group = replies.filter((r) => r.target.kind === 'chat');
    expect(texts(group)).toEqual([expect.stringContaining('后台登录链接已私信发给你。')]);
    expect(texts(group).join('\n')).not.toContain('/admin/login');
    expect(chat.inbox(p['王强']).at(-1)).toContain('/admin/login?t=');
  });
});
