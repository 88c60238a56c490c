import { In } from 'typeorm';
import { CorrectionRequest, Delegation, LeaveRequest } from '../../src/db/entities';
import { ManualClock } from '../../src/core/clock';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { twoTeamChat } from '../helpers/request-fixture';
import { serviceContext, sh, testJobDeps } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** 代理 (COMMANDS second wave): a supervisor's delegate receives and decides the team's L/B/S cards while active (H-14 deciders). */
describeEachDb('chat: 代理 delegation', (db) => {
  let ids: number[] = [];
  const setup = async () => {
    const fixture = await twoTeamChat(db());
    ids = fixture.ids;
    return fixture;
  };
  const leave = async () => (await db().getRepository(LeaveRequest).find({ where: { employeeId: In(ids) }, order: { id: 'ASC' } }))[0];
  const cardsTo = (chat: ChatHarness, who: { no: string }) => chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card');

  test('starting today: the pending card goes to the delegate, who decides it; every copy is updated', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 09:00:00' });
    const set = await chat.say(p['王强'], '代理 @孙丽 12月3日 至 12月5日', { at: '2026-12-03 09:10:00', mentions: [p['孙丽']] });
    expect(texts(set.replies)).toEqual(expect.arrayContaining([expect.stringContaining('已指定孙丽在 12月3日（周四）至 12月5日（周六） 代理审批'), expect.stringContaining('现有 1 张待审批卡片已转给孙丽')]));
    const [card] = cardsTo(chat, p['孙丽']);
    expect(card.card!.title).toMatch(/^请假审批 L\d+$/);
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'leave.approve')!;
    expect((await chat.click(p['孙丽'], approve, {}, { at: '2026-12-03 09:20:00' })).outcome.status).toBe('handled');
    expect((await leave()).decidedBy).toBe(p['孙丽'].id);
    expect(cardsTo(chat, p['王强'])[0].card!.footer).toContain('已由孙丽于 12月3日 09:20 批准');
    expect(chat.inbox(p['张伟']).at(-1)).toContain('审批人：孙丽');
  });

  test('a delegate only while active: not before, yes during, not after (dates inclusive); not for another team', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '代理 @孙丽 12月10日 至 12月11日', { at: '2026-12-03 09:00:00', mentions: [p['孙丽']] });
    await chat.say(p['张伟'], '请假 事假 12月18日 全天 有事', { at: '2026-12-03 09:05:00' });
    const l = await leave();
    expect(cardsTo(chat, p['孙丽'])).toHaveLength(0);
    expect((await chat.say(p['孙丽'], `同意 L${l.id}`, { at: '2026-12-09 23:59:00' })).outcome.status).toBe('user-error');
    expect((await chat.say(p['孙丽'], `驳回 L${l.id} 人手不足`, { at: '2026-12-12 00:00:00' })).outcome.status).toBe('user-error');
    expect((await leave()).status).toBe('pending');
    // 王强 cannot decide 孙丽's team either way round.
    await chat.say(p['周杰'], '请假 事假 12月21日 全天 有事', { at: '2026-12-09 09:00:00' });
    const other = (await db().getRepository(LeaveRequest).findOneByOrFail({ employeeId: p['周杰'].id }));
    expect((await chat.say(p['王强'], `同意 L${other.id}`, { at: '2026-12-10 09:00:00' })).outcome.status).toBe('user-error');
    expect((await chat.say(p['孙丽'], `同意 L${l.id}`, { at: '2026-12-11 23:59:00' })).outcome.status).toBe('handled');
  });

  test('a request filed while a delegation is active goes to both; 补卡 and 审批 include the delegate', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '代理 @赵敏 今天', { at: '2026-12-04 09:00:00', mentions: [p['赵敏']] });
    const filed = await chat.say(p['张伟'], '补卡 12月3日 上班 09:00 忘记', { at: '2026-12-04 09:10:00' });
    expect(texts(filed.replies).join()).toContain('等待王强或赵敏审批');
    expect(cardsTo(chat, p['王强'])).toHaveLength(1);
    await chat.say(p['王强'], '代理 @孙丽 今天', { at: '2026-12-04 09:20:00', mentions: [p['孙丽']] });
    const listed = await chat.say(p['孙丽'], '审批', { at: '2026-12-04 09:30:00' });
    expect(listed.replies.map((r) => r.card?.title ?? '')).toEqual([expect.stringMatching(/^补卡审批 B\d+$/)]);
    const b = await db().getRepository(CorrectionRequest).findOneByOrFail({ employeeId: p['张伟'].id });
    expect((await chat.say(p['孙丽'], `同意 B${b.id}`, { at: '2026-12-04 09:40:00' })).outcome.status).toBe('handled');
  });

  test('a delegation filed earlier: on its first day the job hands the pending cards over (once), and a decision updates every copy', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '代理 @孙丽 12月10日 至 12月11日', { at: '2026-12-03 09:00:00', mentions: [p['孙丽']] });
    await chat.say(p['张伟'], '请假 事假 12月18日 全天 有事', { at: '2026-12-03 09:05:00' });
    expect(cardsTo(chat, p['孙丽'])).toHaveLength(0);
    const ctx = serviceContext(db());
    const at = sh('2026-12-10 08:30:00');
    const run = () => runJob(testJobDeps(ctx, new ManualClock(at)), findJob('delegation-handover')!, '2026-12-10', { now: at });
    expect(await run()).toMatchObject({ ran: true, outcome: expect.stringMatching(/cards handed over/) });
    expect(await run()).toMatchObject({ ran: false });
    chat.clock.set(at);
    await chat.bot.outbox.drain();
    await chat.bot.outbox.stop();
    const handed = cardsTo(chat, p['孙丽']);
    expect(handed).toHaveLength(1);
    const approve = cardOf(handed[0]).buttons!.find((b) => b.actionId === 'leave.approve')!;
    expect((await chat.click(p['孙丽'], approve, {}, { at: '2026-12-10 09:00:00' })).outcome.status).toBe('handled');
    expect(cardsTo(chat, p['王强'])[0].card!.footer).toContain('已由孙丽于 12月10日 09:00 批准');
  });

  test('代理 取消 ends it: the delegate may no longer decide; the delegate is told', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '代理 @孙丽 12月3日 至 12月5日', { at: '2026-12-03 09:00:00', mentions: [p['孙丽']] });
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 有事', { at: '2026-12-03 09:05:00' });
    expect(cardsTo(chat, p['孙丽'])).toHaveLength(1);
    expect(texts((await chat.say(p['王强'], '代理 取消', { at: '2026-12-03 09:10:00' })).replies).join()).toContain('已取消代理');
    expect(chat.inbox(p['孙丽']).at(-1)).toContain('王强已取消你的审批代理');
    expect((await chat.say(p['孙丽'], `同意 L${(await leave()).id}`, { at: '2026-12-03 09:15:00' })).outcome.status).toBe('user-error');
    expect(texts((await chat.say(p['王强'], '代理 取消')).replies)).toEqual(['你当前没有代理人，无需取消。']);
  });

  test.each([
    ['an agent as delegate', '王强', '代理 @张伟 12月10日', /不是主管或管理员/],
    ['oneself', '王强', '代理 @王强 12月10日', /不能指定自己/],
    ['an end before the start', '王强', '代理 @孙丽 12月12日 至 12月10日', /结束日期早于开始日期/],
    ['past dates', '王强', '代理 @孙丽 12月1日 至 12月2日', /已经过去/],
    ['too long (delegation.maxCalendarDays)', '王强', '代理 @孙丽 12月10日 至 2027-01-20', /最多 31 天/],
    ['an agent using 代理', '张伟', '代理 @孙丽 12月10日', /./],
  ])('refused: %s — nothing stored', async (_case, who, text, error) => {
    const { chat, p } = await setup();
    const mentions = [p['张伟'], p['王强'], p['孙丽']].filter((e) => text.includes(`@${e.name}`));
    const { outcome, replies } = await chat.say(p[who], text, { at: '2026-12-03 09:00:00', mentions });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies).join()).toMatch(error);
    expect(await db().getRepository(Delegation).countBy({ supervisorId: In(ids) })).toBe(0);
  });
});
