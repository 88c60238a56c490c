import { In } from 'typeorm';
import { CorrectionRequest, MonthClose, PointEntry, Punch } from '../../src/db/entities';
import * as closedMonthHook from '../../src/services/payroll/closed-month-hook';
import type { CardButton } from '../../src/core/neutral-card';
import { closeDay } from '../../src/services/attendance';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { twoTeamChat } from '../helpers/request-fixture';
import { serviceContext, sh } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** 补卡 (COMMANDS second wave; H-11 punches, decided like H-14 leave; policy correction.monthlyQuota / windowWorkdays). */
describeEachDb('chat: 补卡 B requests', (db) => {
  const setup = async () => {
    const fixture = await twoTeamChat(db());
    ids = fixture.ids;
    return fixture;
  };
  // The database is shared by the tests of a suite: read this test's people's rows only.
  let ids: number[] = [];
  const requests = () => db().getRepository(CorrectionRequest).find({ where: { employeeId: In(ids) }, order: { id: 'ASC' } });
  const punchCount = () => db().getRepository(Punch).countBy({ employeeId: In(ids) });
  const dayPoints = async (employeeId: number, workDate: string) =>
    (await db().getRepository(PointEntry).findBy({ employeeId, workDate })).reduce((s, e) => ({ points: s.points + e.points, fine: s.fine + e.fineFen }), { points: 0, fine: 0 });
  const cardsTo = (chat: ChatHarness, who: { no: string }) => chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card');

  test('the whole flow: a missing clock-in → B card with the day\'s punches → 同意 → punch recorded, day re-judged, requester told what changed', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '签到', { at: '2026-12-03 17:00:00' });
    await chat.say(p['张伟'], '下班打卡', { at: '2026-12-03 18:05:00' });
    await closeDay(serviceContext(db()), '2026-12-03', sh('2026-12-03 23:50:00'));
    expect(await dayPoints(p['张伟'].id, '2026-12-03')).toEqual({ points: -2, fine: 1000 });
    const sent = await chat.say(p['张伟'], '补卡 昨天 上班 08:55 忘记打卡', { at: '2026-12-04 09:30:00' });
    expect(texts(sent.replies)).toEqual(expect.arrayContaining([expect.stringMatching(/^已提交补卡 B\d+：12月3日（周四） 上班 08:55，等待王强审批。$/)]));
    const [card] = cardsTo(chat, p['王强']);
    expect(MemoryMessenger.text(card)).toMatch(/补卡审批 B\d+[\s\S]*申请人：张伟[\s\S]*补卡：上班 08:55[\s\S]*原因：忘记打卡[\s\S]*当天打卡：下班 18:05[\s\S]*已批补卡：0 次（每月最多 3 次）/);
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'correction.approve')!;
    expect(approve.command).toMatch(/^同意 B\d+$/);
    const clicked = await chat.click(p['王强'], approve, {}, { at: '2026-12-04 09:40:00' });
    expect(clicked.outcome).toMatchObject({ status: 'handled', immediate: { toast: { kind: 'success' } } });
    expect(card.updates).toBe(1);
    expect(card.card!.footer).toContain('已由王强于 12月4日 09:40 批准');
    const [request] = await requests();
    const punch = await db().getRepository(Punch).findOneByOrFail({ correctionId: request.id });
    expect(punch).toMatchObject({ employeeId: p['张伟'].id, workDate: '2026-12-03', kind: 'in', source: 'correction' });
    expect(punch.at.toISOString()).toBe(sh('2026-12-03 08:55:00').toISOString());
    expect(request).toMatchObject({ status: 'approved', decidedBy: p['王强'].id, punchId: punch.id });
    expect(await dayPoints(p['张伟'].id, '2026-12-03')).toEqual({ points: 0, fine: 0 });
    const told = chat.inbox(p['张伟']).at(-1)!;
    expect(told).toMatch(/你的补卡 B\d+（12月3日（周四） 上班 08:55）已批准，审批人：王强。/);
    expect(told).toMatch(/已撤销：缺上班打卡（H-11） −2 分，罚款 10 元（P\d+）/);
    expect(told).toContain('合计：+2 分，退还罚款 10 元。');
  });

  test('a day of a month already closed: the approval calls the closed-month hook and says the slip changes at the re-close', async () => {
    const { chat, p } = await setup();
    await db().getRepository(MonthClose).save({ month: '2026-11', startedAt: sh('2026-12-01 02:00:00'), finishedAt: sh('2026-12-01 02:10:00') });
    const hook = jest.spyOn(closedMonthHook, 'onClosedMonthChange');
    try {
      await chat.say(p['张伟'], '补卡 11月30日 上班 09:00 忘记', { at: '2026-12-01 10:00:00' });
      const [r] = await requests();
      await chat.say(p['王强'], `同意 B${r.id}`, { at: '2026-12-01 10:05:00' });
      expect(hook).toHaveBeenCalledWith(expect.anything(), expect.anything(), { employeeId: p['张伟'].id, date: '2026-11-30', what: `补卡 B${r.id}：上班 09:00` });
      expect(chat.inbox(p['张伟']).at(-1)).toContain('该月已结算，管理员重新结算后工资条会更新。');
    } finally {
      hook.mockRestore();
    }
  });

  test('驳回 needs a reason; the requester is told; a decided request cannot be decided again', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '补卡 12月3日 下班 18:05 手机没电', { at: '2026-12-04 09:00:00' });
    const [r] = await requests();
    expect(texts((await chat.say(p['王强'], `驳回 B${r.id}`)).replies).join()).toContain('驳回请写明原因');
    await chat.say(p['王强'], `驳回 B${r.id} 监控显示 17:30 已离开`, { at: '2026-12-04 09:10:00' });
    expect(chat.inbox(p['张伟']).at(-1)).toBe(`你的补卡 B${r.id}（12月3日（周四） 下班 18:05）已驳回，审批人：王强，原因：监控显示 17:30 已离开。`);
    const again = await chat.say(p['赵敏'], `同意 B${r.id}`, { at: '2026-12-04 09:20:00' });
    expect(texts(again.replies).join()).toContain(`B${r.id} 已由王强于 12月4日 09:10 驳回，不能再审批。`);
    expect(await punchCount()).toBe(0);
  });

  test.each([
    ['an agent (the router refuses the verb)', '陈静'],
    ['the supervisor of another team', '孙丽'],
    ['the requester', '张伟'],
  ])('authority: %s cannot decide a B request; it stays pending', async (_case, who) => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '补卡 12月3日 下班 18:05 手机没电', { at: '2026-12-04 09:00:00' });
    const [r] = await requests();
    expect((await chat.say(p[who], `同意 B${r.id}`, { at: '2026-12-04 09:05:00' })).outcome.status).toBe('user-error');
    expect((await requests())[0].status).toBe('pending');
  });

  test('a supervisor\'s 补卡 goes to the admin; the supervisor cannot approve it', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '补卡 12月3日 上班 08:50 忘记', { at: '2026-12-04 09:00:00' });
    expect(cardsTo(chat, p['赵敏'])).toHaveLength(1);
    const [r] = await requests();
    expect((await chat.say(p['孙丽'], `同意 B${r.id}`)).outcome.status).toBe('user-error');
    expect((await chat.say(p['赵敏'], `同意 B${r.id}`)).outcome.status).toBe('handled');
  });

  test('monthly quota (correction.monthlyQuota = 3): the 3rd is allowed, the 4th refused naming the rule', async () => {
    const { chat, p } = await setup();
    const at = '2026-12-04 17:00:00';
    for (const text of ['12月3日 上班 09:00 a', '12月3日 下班 18:00 b', '12月2日 上班 09:00 c']) {
      expect((await chat.say(p['张伟'], `补卡 ${text}`, { at })).outcome.status).toBe('handled');
      const last = (await requests()).at(-1)!;
      expect((await chat.say(p['王强'], `同意 B${last.id}`, { at })).outcome.status).toBe('handled');
    }
    const fourth = await chat.say(p['张伟'], '补卡 12月2日 下班 18:00 d', { at });
    expect(fourth.outcome.status).toBe('user-error');
    expect(texts(fourth.replies).join()).toContain('12月已批准补卡 3 次，每月最多 3 次（规则 correction.monthlyQuota）');
    expect(await requests()).toHaveLength(3);
  });

  test('window (correction.windowWorkdays = 3 workdays back, calendar): on Monday 12-07 the Wednesday 12-02 is allowed, Tuesday 12-01 refused', async () => {
    const { chat, p } = await setup();
    expect((await chat.say(p['张伟'], '补卡 12月2日 上班 09:00 忘记', { at: '2026-12-07 10:00:00' })).outcome.status).toBe('handled');
    const late = await chat.say(p['张伟'], '补卡 12月1日 上班 09:00 忘记', { at: '2026-12-07 10:00:00' });
    expect(late.outcome.status).toBe('user-error');
    expect(texts(late.replies).join()).toContain('补卡只能补 3 个工作日以内的（规则 correction.windowWorkdays）：12月1日已过去 4 个工作日');
    expect(await requests()).toHaveLength(1);
  });

  test.each([
    ['a time later today', '补卡 今天 下班 18:00 提前', /还没到/],
    ['tomorrow', '补卡 明天 上班 09:00 x', /还没到/],
    ['an impossible time', '补卡 今天 上班 25:00 x', /00:00 到 23:59/],
    ['a Saturday', '补卡 11月28日 上班 09:00 x', /不判定考勤（周末休息）/],
    ['no reason', '补卡 昨天 上班 09:00', /补卡原因/],
    ['no 上班/下班', '补卡 昨天 09:00 x', /上班 或 下班/],
    ['a punch that changes nothing', '补卡 今天 上班 09:30 x', /已有 09:10 的上班打卡/],
  ])('bad 补卡: %s — refused, nothing stored', async (_case, text, error) => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '上班打卡', { at: '2026-12-04 09:10:00' });
    const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-04 12:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies).join()).toMatch(error);
    expect(await requests()).toHaveLength(0);
  });

  test('admins are not judged: 补卡 is refused for them', async () => {
    const { chat, p } = await setup();
    expect((await chat.say(p['赵敏'], '补卡 昨天 上班 09:00 x', { at: '2026-12-04 10:00:00' })).outcome.status).toBe('user-error');
  });

  test('two deciders at once: exactly one decision, the other is told who decided', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '补卡 12月3日 上班 09:00 忘记', { at: '2026-12-04 09:00:00' });
    const [card] = cardsTo(chat, p['王强']);
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'correction.approve')!;
    const reject = cardOf(card).buttons!.find((b) => b.actionId === 'correction.reject')!;
    const results = await Promise.all([
      chat.click(p['王强'], approve, {}, { at: '2026-12-04 09:05:00' }),
      chat.click(p['赵敏'], reject, { reason: '不属实' }, { at: '2026-12-04 09:05:00' }),
    ]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    const [stored] = await requests();
    const [who, verb] = stored.status === 'approved' ? ['王强', '批准'] : ['赵敏', '驳回'];
    const loser = results.find((r) => r.outcome.status === 'user-error')!;
    expect(loser.outcome.immediate?.toast?.text).toBe(`B${stored.id} 已由${who}于 12月4日 09:05 ${verb}，不能再审批。`);
    expect(await punchCount()).toBe(stored.status === 'approved' ? 1 : 0);
  });

  test('the 补卡 button of another card (correction.open) opens the form prefilled; its submission files the request; forged values are refused', async () => {
    const { chat, p } = await setup();
    const open: CardButton = { label: '补卡', actionId: 'correction.open', value: { date: '2026-12-03', which: 'in' }, command: '补卡 12月3日 上班 09:00 原因' };
    const opened = await chat.click(p['张伟'], open, {}, { at: '2026-12-04 09:00:00' });
    const form = cardOf(opened.replies[0]).form!;
    expect(form.inputs.find((i) => i.name === 'date')?.initial).toBe('2026-12-03');
    expect(form.inputs.find((i) => i.name === 'which')?.initial).toBe('上班');
    const filed = await chat.click(p['张伟'], form.submit, { date: '2026-12-03', which: '上班', time: '08:58', reason: '忘记打卡' }, { at: '2026-12-04 09:01:00' });
    expect(texts(filed.replies).join()).toMatch(/已提交补卡 B\d+：12月3日（周四） 上班 08:58/);
    for (const value of [{ date: '2026-13-40', which: 'in' }, { date: '2026-12-03', which: 'x' }, { date: '2026-12-03', which: 'in', id: '1' }]) {
      expect((await chat.click(p['张伟'], { ...open, value: value as Record<string, string> })).outcome.status).toBe('user-error');
    }
    expect((await chat.click(p['张伟'], form.submit, { date: '2026-12-03', which: '中午', time: '12:00', reason: 'x' })).outcome.status).toBe('user-error');
    const [r] = await requests();
    const forged = await chat.click(p['王强'], { label: 'x', actionId: 'correction.approve', value: { id: `${r.id} OR 1=1` }, command: 'x' });
    expect(forged.outcome.status).toBe('user-error');
    expect(await requests()).toHaveLength(1);
  });
});
