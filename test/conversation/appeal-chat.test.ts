import { In } from 'typeorm';
import { Appeal, MonthClose, PointEntry } from '../../src/db/entities';
import type { CardButton } from '../../src/core/neutral-card';
import * as closedMonthHook from '../../src/services/payroll/closed-month-hook';
import { closeDay } from '../../src/services/attendance';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { twoTeamChat } from '../helpers/request-fixture';
import { serviceContext, sh } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** 申诉 (COMMANDS second wave): an appeal S of one ledger entry (H-10…H-19 entries), policy appeal.windowWorkdays. */
describeEachDb('chat: 申诉 S appeals', (db) => {
  let ids: number[] = [];
  const setup = async () => {
    const fixture = await twoTeamChat(db());
    ids = fixture.ids;
    return fixture;
  };
  // The database is shared by the tests of a suite: read this test's people's rows only.
  const appeals = () => db().getRepository(Appeal).find({ where: { employeeId: In(ids) }, order: { id: 'ASC' } });
  const lastEntry = (employeeId: number) => db().getRepository(PointEntry).findOneOrFail({ where: { employeeId }, order: { id: 'DESC' } });
  const cardsTo = (chat: ChatHarness, who: { no: string }) => chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card');
  const entry = (employeeId: number, createdBy: number | null, workDate: string) =>
    db().getRepository(PointEntry).save({
      employeeId, month: workDate.slice(0, 7), workDate, points: -5, fineFen: 500, rule: 'H-15', code: 'misconduct:值日', sourceType: 'manual',
      sourceId: `t-${Math.random()}`, generation: 0, reason: '值日', createdBy, reversesId: null, createdAt: sh(`${workDate} 10:00:00`),
    });

  test('an entry the supervisor made goes to the admins; 同意 reverses it (申诉 S… 通过), every card copy is updated, the requester told', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '扣分 @张伟 值日', { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    const e = await lastEntry(p['张伟'].id);
    const filed = await chat.say(p['张伟'], `申诉 P${e.id} 当天是我值日已经打扫了`, { at: '2026-12-03 11:00:00' });
    expect(texts(filed.replies)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^已提交申诉 S\\d+：值日（H-15） −5 分，罚款 5 元（P${e.id}），等待(赵敏或钱进|钱进或赵敏)审批。$`))]));
    expect(cardsTo(chat, p['王强'])).toHaveLength(0);
    const [card] = cardsTo(chat, p['赵敏']);
    expect(MemoryMessenger.text(card)).toMatch(/申诉审批 S\d+[\s\S]*申诉记录：值日（H-15） −5 分，罚款 5 元[\s\S]*日期：12月3日（周四）[\s\S]*记录人：王强（12月3日 10:00）[\s\S]*申诉理由：当天是我值日已经打扫了/);
    expect((await chat.say(p['王强'], `同意 S${(await appeals())[0].id}`)).outcome.status).toBe('user-error');
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'appeal.approve')!;
    expect((await chat.click(p['赵敏'], approve, {}, { at: '2026-12-03 12:00:00' })).outcome.status).toBe('handled');
    const [a] = await appeals();
    const reversal = await db().getRepository(PointEntry).findOneByOrFail({ reversesId: e.id });
    expect(reversal).toMatchObject({ points: 5, fineFen: -500, createdBy: p['赵敏'].id, reason: `申诉 S${a.id} 通过` });
    expect(a).toMatchObject({ status: 'approved', reversalId: reversal.id, openEntryId: null });
    expect(cardsTo(chat, p['钱进'])[0].card!.footer).toContain('已由赵敏于 12月3日 12:00 批准');
    expect(chat.inbox(p['张伟']).at(-1)).toBe(`你的申诉 S${a.id}（值日（H-15） −5 分，罚款 5 元（P${e.id}））已批准，审批人：赵敏。\nP${e.id} 已撤销（P${reversal.id}）：+5 分，退还罚款 5 元。`);
  });

  test('an automatic entry goes to the team\'s supervisor with its evidence (punches, check-in); 驳回 needs a reason', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '上班打卡', { at: '2026-12-03 09:12:00' });
    await closeDay(serviceContext(db()), '2026-12-03', sh('2026-12-03 23:50:00'));
    const e = await db().getRepository(PointEntry).findOneByOrFail({ employeeId: p['张伟'].id, code: 'late' });
    await chat.say(p['张伟'], `申诉 P${e.id} 地铁故障，有延误证明`, { at: '2026-12-04 09:00:00' });
    const [card] = cardsTo(chat, p['王强']);
    expect(MemoryMessenger.text(card)).toMatch(/记录人：系统自动判定[\s\S]*当天打卡：上班 09:12[\s\S]*例会签到：无/);
    const [a] = await appeals();
    expect(texts((await chat.say(p['王强'], `驳回 S${a.id}`)).replies).join()).toContain('驳回请写明原因');
    await chat.say(p['王强'], `驳回 S${a.id} 没有证据`, { at: '2026-12-04 09:30:00' });
    expect(chat.inbox(p['张伟']).at(-1)).toMatch(new RegExp(`^你的申诉 S${a.id}（迟到（H-11）.*）已驳回，审批人：王强，原因：没有证据。$`));
    expect(await db().getRepository(PointEntry).countBy({ reversesId: e.id })).toBe(0);
  });

  test.each([
    ['an agent', '陈静'],
    ['the supervisor of another team', '孙丽'],
    ['the requester', '张伟'],
  ])('authority: %s cannot decide an S request', async (_case, who) => {
    const { chat, p } = await setup();
    const e = await entry(p['张伟'].id, null, '2026-12-02');
    await chat.say(p['张伟'], `申诉 P${e.id} 理由`, { at: '2026-12-03 09:00:00' });
    const [a] = await appeals();
    expect((await chat.say(p[who], `同意 S${a.id}`)).outcome.status).toBe('user-error');
    expect((await appeals())[0].status).toBe('pending');
  });

  test('a supervisor\'s own entry goes to the admins; an admin who made the entry cannot decide its appeal', async () => {
    const { chat, p } = await setup();
    const e = await entry(p['王强'].id, p['赵敏'].id, '2026-12-02');
    await chat.say(p['王强'], `申诉 P${e.id} 不是我`, { at: '2026-12-03 09:00:00' });
    expect(cardsTo(chat, p['钱进'])).toHaveLength(1);
    expect(cardsTo(chat, p['赵敏'])).toHaveLength(0);
    const [a] = await appeals();
    const own = await chat.say(p['赵敏'], `同意 S${a.id}`);
    expect(texts(own.replies).join()).toContain('这条记录是你记的');
    expect((await chat.say(p['钱进'], `同意 S${a.id}`)).outcome.status).toBe('handled');
  });

  test('only one\'s own entries; not a reversal; one open appeal per entry (also when filed twice at once)', async () => {
    const { chat, p } = await setup();
    const e = await entry(p['张伟'].id, p['王强'].id, '2026-12-02');
    expect(texts((await chat.say(p['陈静'], `申诉 P${e.id} 帮他申诉`)).replies).join()).toContain('只能申诉关于自己的记录');
    const both = await Promise.all([
      chat.say(p['张伟'], `申诉 P${e.id} 理由一`, { at: '2026-12-03 09:00:00' }),
      chat.say(p['张伟'], `申诉 P${e.id} 理由二`, { at: '2026-12-03 09:00:00' }),
    ]);
    expect(both.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    const [a] = await appeals();
    expect(await appeals()).toHaveLength(1);
    expect(texts(both.find((r) => r.outcome.status === 'user-error')!.replies).join()).toContain(`P${e.id} 已有待处理的申诉 S${a.id}`);
    await chat.say(p['赵敏'], `同意 S${a.id}`, { at: '2026-12-03 10:00:00' });
    const reversal = await db().getRepository(PointEntry).findOneByOrFail({ reversesId: e.id });
    expect(texts((await chat.say(p['张伟'], `申诉 P${e.id} 再来`)).replies).join()).toContain(`P${e.id} 已撤销（P${reversal.id}），无需申诉`);
    expect(texts((await chat.say(p['张伟'], `申诉 P${reversal.id} 再来`)).replies).join()).toContain('是一条撤销记录');
  });

  test('dispute window (appeal.windowWorkdays = 3 after the close): November closed on 12-01, an appeal on 12-04 is allowed, on 12-07 refused; an open month always', async () => {
    const { chat, p } = await setup();
    await db().getRepository(MonthClose).save({ month: '2026-11', startedAt: sh('2026-12-01 02:00:00'), finishedAt: sh('2026-12-01 02:10:00') });
    const first = await entry(p['张伟'].id, p['王强'].id, '2026-11-20');
    const second = await entry(p['张伟'].id, p['王强'].id, '2026-11-23');
    expect((await chat.say(p['张伟'], `申诉 P${first.id} 理由`, { at: '2026-12-04 18:00:00' })).outcome.status).toBe('handled');
    const late = await chat.say(p['张伟'], `申诉 P${second.id} 理由`, { at: '2026-12-07 09:00:00' });
    expect(late.outcome.status).toBe('user-error');
    expect(texts(late.replies).join()).toContain('申诉期（结算后 3 个工作日，规则 appeal.windowWorkdays）已过');
    const hook = jest.spyOn(closedMonthHook, 'onClosedMonthChange');
    try {
      const [a] = await appeals();
      await chat.say(p['赵敏'], `同意 S${a.id}`, { at: '2026-12-07 10:00:00' });
      expect(hook).toHaveBeenCalledWith(expect.anything(), expect.anything(), { employeeId: p['张伟'].id, date: '2026-11-20', what: `申诉 S${a.id} 通过：撤销 P${first.id}` });
    } finally {
      hook.mockRestore();
    }
    const open = await entry(p['张伟'].id, p['王强'].id, '2026-12-01');
    expect((await chat.say(p['张伟'], `申诉 P${open.id} 理由`, { at: '2026-12-31 09:00:00' })).outcome.status).toBe('handled');
  });

  test('two deciders at once: exactly one decision, one reversal', async () => {
    const { chat, p } = await setup();
    const e = await entry(p['张伟'].id, p['赵敏'].id, '2026-12-02');
    await chat.say(p['张伟'], `申诉 P${e.id} 理由`, { at: '2026-12-03 09:00:00' });
    const [card] = cardsTo(chat, p['王强']);
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'appeal.approve')!;
    const results = await Promise.all([
      chat.click(p['王强'], approve, {}, { at: '2026-12-03 09:05:00' }),
      chat.click(p['钱进'], approve, {}, { at: '2026-12-03 09:05:00' }),
    ]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    expect(await db().getRepository(PointEntry).countBy({ reversesId: e.id })).toBe(1);
    const [a] = await appeals();
    const who = a.decidedBy === p['王强'].id ? '王强' : '钱进';
    expect(results.find((r) => r.outcome.status === 'user-error')!.outcome.immediate?.toast?.text).toBe(`S${a.id} 已由${who}于 12月3日 09:05 批准，不能再审批。`);
  });

  test('the 申诉 button (appeal.open) opens the form; its submission files the appeal; a forged id is refused', async () => {
    const { chat, p } = await setup();
    const e = await entry(p['张伟'].id, p['王强'].id, '2026-12-02');
    const other = await entry(p['陈静'].id, p['王强'].id, '2026-12-02');
    const open: CardButton = { label: '申诉', actionId: 'appeal.open', value: { id: String(e.id) }, command: `申诉 P${e.id} 理由` };
    const form = cardOf((await chat.click(p['张伟'], open, {}, { at: '2026-12-03 09:00:00' })).replies[0]).form!;
    expect(form.submit.value).toEqual({ id: String(e.id) });
    expect(texts((await chat.click(p['张伟'], form.submit, { reason: '已打扫' })).replies).join()).toMatch(/已提交申诉 S\d+/);
    const forged = await chat.click(p['张伟'], { ...form.submit, value: { id: String(other.id) } }, { reason: 'x' });
    expect(texts(forged.replies).join()).toContain('只能申诉关于自己的记录');
    expect((await chat.click(p['张伟'], { ...open, value: { id: `${e.id};1` } })).outcome.status).toBe('user-error');
    expect(await appeals()).toHaveLength(1);
  });
});
