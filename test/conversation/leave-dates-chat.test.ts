import { LeaveRequest } from '../../src/db/entities';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/**
 * Issue 13, through the real dispatcher on a real database: the dates of a leave (H-14) under
 * docs/commands.md's reading rules. `请假 事假 9999-12-31 …` hung the event loop; `12-19 至 12-17`
 * became a year, `2026-12-14 至 2036-12-14` a decade, and the card showed neither year.
 */
const RANGE_2026 = '日期只能在 2025年1月1日 至 2027年12月31日 之间';

describeEachDb('chat: the dates of 请假 and of the queries (issue 13)', (db) => {
  const setup = async () => {
    const a = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(a.people));
    return { chat, p: a.people, team: a.team };
  };
  const stored = async (employeeId: number) => db().getRepository(LeaveRequest).countBy({ employeeId });
  const cardTo = (chat: ChatHarness, who: Parameters<ChatHarness['account']>[0]) =>
    chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card').at(-1);

  test.each<[string, string, string, string]>([
    ['9999-12-31 (it hung the server)', '2026-12-05 10:00:00', '请假 事假 9999-12-31 全天 家里有事', `“9999-12-31”超出范围：${RANGE_2026}。`],
    [
      'a range to 9999-12-31', '2026-12-05 10:00:00', '请假 事假 12月20日 全天 至 9999-12-31 家里有事',
      '一次请假最多 31 个自然日，12月20日（周日）至 9999年12月31日（周五） 共 2912090 天，请分开申请。',
    ],
    [
      'an end before its start, never moved into next year', '2026-12-05 10:00:00', '请假 事假 12-19 全天 至 12-17 家里有事',
      '结束日期早于开始日期：12月19日（周六）至 12月17日（周四）。',
    ],
    [
      'ten years, with the limit named', '2026-12-05 10:00:00', '请假 事假 2026-12-14 全天 至 2036-12-14 家里有事',
      '一次请假最多 31 个自然日，12月14日（周一）至 2036年12月14日（周日） 共 3654 天，请分开申请。',
    ],
    [
      'docs/commands.md: 12月2日 sent on 5 December is 3 days ago, refused by the notice rule', '2026-12-05 10:00:00', '请假 事假 12月2日 全天 有事',
      '请假须提前 1 天书面申请（H-14）：12月2日 的假最晚要在 12月1日 提出。当天的情况请联系主管，由管理员代为登记。',
    ],
    ['年假 is not a kind: the kinds are named', '2026-12-05 10:00:00', '请假 年假 12月8日 全天 旅游', '没有“年假”这种请假类型，只能请 事假 或 病假。'],
  ])('refused: %s — at once, and nothing is stored', async (_case, at, text, reply) => {
    const { chat, p } = await setup();
    const started = Date.now();
    const { outcome, replies } = await chat.say(p['张伟'], text, { at });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.status).toBe('user-error');
    const [answer] = texts(replies);
    expect(answer.split('\n')[0]).toBe(reply);
    expect(answer).toContain('正确示例');
    expect(await stored(p['张伟'].id)).toBe(0);
    expect(chat.messenger.to(chat.account(p['王强']))).toHaveLength(0);
  });

  test('the 9999 leave by an admin for someone else (notice waived) is refused too', async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['赵敏'], '请假 @张伟 事假 9999-12-31 全天 家里有事', { at: '2026-12-05 10:00:00', mentions: [p['张伟']] });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)[0]).toContain('超出范围');
    expect(await stored(p['张伟'].id)).toBe(0);
  });

  test('docs/commands.md: 1月4日 sent on 28 December is next year\'s, and the reply and the card say 2027', async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['张伟'], '请假 事假 1月4日 全天 回老家', { at: '2026-12-28 10:00:00' });
    expect(outcome.status).toBe('handled');
    expect(texts(replies)).toContainEqual(expect.stringMatching(/^已提交请假 L\d+：事假 2027年1月4日 全天，等待王强审批。$/));
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    expect(request).toMatchObject({ startDate: '2027-01-04', endDate: '2027-01-04' });
    const card = cardTo(chat, p['王强'])!;
    expect(card.card!.fields.find((f) => f.label === '时间')?.value).toBe('2027年1月4日 全天');
    // The month figures are of the leave's month, and say which.
    expect(card.card!.fields.find((f) => f.label === '当月')?.value).toBe('2027年1月 积分 100，已批假 0 天');
    expect(MemoryMessenger.text(card)).toContain('提交时间：12月28日 10:00');
  });

  test('a range over New Year shows both ends\' weekdays and the year of the end; deciding it in January shows the start\'s year', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '请假 事假 12月31日 至 1月4日 回老家', { at: '2026-12-28 10:00:00' });
    expect(texts(replies)).toContainEqual(expect.stringMatching(/^已提交请假 L\d+：事假 12月31日（周四）至 2027年1月4日（周一），等待王强审批。$/));
    const card = cardTo(chat, p['王强'])!;
    expect(card.card!.fields.find((f) => f.label === '时间')?.value).toBe('12月31日（周四）至 2027年1月4日（周一）');
    const id = card.card!.buttons![0].value.id;

    const decided = await chat.say(p['王强'], `同意 L${id}`, { at: '2027-01-02 09:00:00' });
    expect(texts(decided.replies)).toContain(`已批准 L${id}（张伟 事假 2026年12月31日（周四）至 1月4日（周一）），已通知张伟。`);
    expect(card.card!.fields.find((f) => f.label === '时间')?.value).toBe('2026年12月31日（周四）至 1月4日（周一）');
    expect(card.card!.fields.find((f) => f.label === '提交时间')?.value).toBe('2026年12月28日 10:00');
    expect(card.card!.footer).toBe('已由王强于 1月2日 09:00 批准');
    expect(chat.inbox(p['张伟']).at(-1)).toBe(`你的请假 L${id}（事假 2026年12月31日（周四）至 1月4日（周一））已批准，审批人：王强。`);
  });

  test.each<[string, string, string]>([
    ['团队 with a date out of range says so (not "看不懂")', '团队 2019-01-01', `“2019-01-01”超出范围：${RANGE_2026}\n正确示例：团队 昨天`],
    ['排名 with 9999-12-31 says so', '排名 9999-12-31', `“9999-12-31”超出范围：${RANGE_2026}\n正确示例：排名 上周`],
    ['团队 with a date that does not exist says so', '团队 2月30日', '日期不存在：2月30日\n正确示例：团队 昨天'],
    ['工资 with a month out of range says so (not "no such person")', '工资 2019-11', '“2019-11”超出范围：月份只能在 2025年1月 至 2027年12月 之间\n正确示例：工资 11月'],
    ['积分 with a month out of range says so', '积分 9999-12', '“9999-12”超出范围：月份只能在 2025年1月 至 2027年12月 之间\n正确示例：积分 11月'],
    ['工资 constructor is no month (and no crash)', '工资 constructor', '找不到「constructor」'],
  ])('queries: %s', async (_case, text, reply) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['王强'], text, { at: '2026-12-05 10:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)[0]).toContain(reply);
  });

  test('团队 12月31日 asked in January is last year\'s, and the card says so', async () => {
    const { chat, p, team } = await setup();
    const { replies } = await chat.say(p['王强'], '团队 12月31日', { at: '2027-01-04 10:00:00' });
    expect(texts(replies)[0].split('\n')[0]).toBe(`${team.name} 2026年12月31日 一览`);
  });
});
