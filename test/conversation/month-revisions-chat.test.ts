/**
 * Closed months that change (issue 16; docs/commands.md second wave, 结算 row and the last
 * automatic message): a change dated in a closed month (a 撤销 of a collection or a ledger
 * entry, a late leave approval) is recorded, the admins are told once per month and day, the
 * slip shows 待重新结算, and the admin's `结算 11月` re-closes the month as a new revision
 * (revision 1 kept), sends only the slips that changed, and the payroll file shows the new
 * figures. The close summary flags negative totals and totals that moved more than
 * `payroll.flagChangeYuan` (H-8); only admins may close.
 */
import { IsNull } from 'typeorm';
import { MonthChange, Payslip, PointEntry } from '../../src/db/entities';
import { closeDay } from '../../src/services/attendance';
import { payrollRows } from '../../src/services/payroll';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { makeTeam, POLICY, serviceContext, sh } from '../helpers/service-context';
import { clearAllTables, describeEachDb } from '../helpers/test-db';

const idOf = (prefix: string, text: string) => Number(new RegExp(`${prefix}(\\d+)`).exec(text)?.[1]);

describeEachDb('chat: 结算 and closed months that change (issue 16, H-8)', (db) => {
  beforeEach(() => clearAllTables(db()));
  /** November 2026: a 回款 and a fine for 张伟 and 李娜, 张伟's late leave for 30 November pending, the 30th judged (both absent). */
  const november = async (chat: ChatHarness) => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      // A small base: a 私人电话 fine (H-18, 100 yuan) makes her total negative.
      { name: '李娜', role: 'agent', baseSalaryFen: 5000 },
      { name: '赵敏', role: 'admin' },
      { name: '钱敏', role: 'admin' },
    ]);
    await chat.bind(...Object.values(p));
    const paid = await chat.say(p['王强'], '回款 @张伟 52000 华为技术', { at: '2026-11-20 16:00:00', mentions: [p['张伟']] });
    const fined = await chat.say(p['王强'], '扣分 @李娜 私人电话', { at: '2026-11-20 16:05:00', mentions: [p['李娜']] });
    const leave = await chat.say(p['张伟'], '请假 事假 11月30日 全天 家里有事', { at: '2026-11-27 10:00:00' });
    await closeDay(serviceContext(db()), '2026-11-30', sh('2026-11-30 20:00:00'));
    return { p, collection: idOf('R', texts(paid.replies)[0]), fine: idOf('P', texts(fined.replies)[0]), leave: idOf('L', texts(leave.replies).join('\n')) };
  };
  const slipsOf = (employeeId: number) => db().getRepository(Payslip).find({ where: { employeeId, month: '2026-11' }, order: { revision: 'ASC' } });
  const cards = (chat: ChatHarness, who: { no: string }) => chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card' && cardOf(m).title.includes('工资条'));

  test('a 撤销 and a late leave approval mark the slip 待重新结算, the admins are told once a day, 结算 re-closes as revision 2 and sends only the changed slip', async () => {
    // Totals that move by more than 300 yuan are flagged (policy payroll.flagChangeYuan).
    const chat = new ChatHarness(db(), { policy: { ...POLICY, payroll: { ...POLICY.payroll, flagChangeFen: 30000 } } });
    const { p, collection, leave } = await november(chat);

    // First close by an admin in chat: every slip written and sent, 李娜's negative total flagged.
    const first = await chat.say(p['赵敏'], '结算 11月', { at: '2026-12-01 10:00:00' });
    const summary = texts(first.replies).find((t) => t.startsWith('2026年11月工资已结算'));
    expect(summary).toMatch(/^2026年11月工资已结算：共 5 张工资条，合计 [\d.]+ 元，已私信发给本人。/);
    expect(summary).toMatch(new RegExp(`⚠ 合计为负 1 人：李娜（${p['李娜'].no}） -[\\d.]+ 元`));
    expect(chat.inbox(p['钱敏']).at(-1)).toBe(summary);
    for (const who of ['张伟', '李娜', '王强']) expect(cards(chat, p[who]).map((m) => cardOf(m).text)).toEqual(['已结算（第 1 版）。']);

    // A 撤销 of a November collection on 3 December: marked, the admins told, the sender too.
    const reverted = await chat.say(p['王强'], `撤销 R${collection} 客户退款`, { at: '2026-12-03 10:00:00' });
    expect(texts(reverted.replies).join('\n')).toContain('2026年11月已结算：这笔撤销已记下，工资条标为待重新结算');
    const told = (admin: string) => chat.inbox(p[admin]).filter((t) => t.includes('之后有变化'));
    expect(told('赵敏')).toEqual([
      `2026年11月已结算，之后有变化：张伟（${p['张伟'].no}）11月20日，王强撤销了回款 R${collection}（52000 元，客户 华为技术），原因：客户退款。张伟的工资条已标为待重新结算。` +
        '\n今天2026年11月再有变化不再逐条通知。发送「结算 2026年11月」重新结算：只有变了的工资条会生成新版本并发给本人，结算结果会列出所有待重新结算的人。',
    ]);

    // A late approval the same day re-judges 30 November (absence reversed): marked, no second notice that day.
    await chat.say(p['王强'], `同意 L${leave}`, { at: '2026-12-03 11:00:00' });
    expect(await db().getRepository(PointEntry).countBy({ employeeId: p['张伟'].id, workDate: '2026-11-30', sourceType: 'reversal' })).toBe(1);
    expect(told('赵敏')).toHaveLength(1);
    expect(told('钱敏')).toHaveLength(1);
    expect((await db().getRepository(MonthChange).find({ where: { employeeId: p['张伟'].id }, order: { id: 'ASC' } })).map((c) => [c.month, c.workDate, c.resolvedAt])).toEqual([
      ['2026-11', '2026-11-20', null],
      ['2026-11', '2026-11-30', null],
    ]);

    // 工资 11月 shows the slip as it was closed, marked 待重新结算 with both changes; 李娜's is not marked.
    const mine = cardOf((await chat.say(p['张伟'], '工资 11月', { at: '2026-12-03 12:00:00' })).replies[0]);
    expect(mine.title).toBe('2026年11月工资条（待重新结算）');
    expect(mine.text).toMatch(/^已结算（第 1 版）。\n待重新结算：结算后有 2 项变化（11月20日 王强撤销了回款 R\d+.*；11月30日 王强批准了请假 L\d+，1 天（2026-11-30）的考勤重新判定），管理员重新结算后会生成新版本并发给你。$/);
    expect(cardOf((await chat.say(p['李娜'], '工资 11月', { at: '2026-12-03 12:00:00' })).replies[0]).title).toBe('2026年11月工资条（已结算）');

    // Only admins close (docs/commands.md: 结算 admin).
    for (const who of ['张伟', '王强']) {
      const refused = await chat.say(p[who], '结算 11月', { at: '2026-12-03 12:30:00' });
      expect(refused.outcome.status).toBe('user-error');
      expect(texts(refused.replies)).toEqual(['「结算」只有管理员可以使用。发送「帮助」查看你能用的命令。']);
    }
    expect(await slipsOf(p['张伟'].id)).toHaveLength(1);

    // The admin re-closes: revision 2 for 张伟 only, sent to him only; his move (−520 commission, +137.93 fine waived) is over 300 yuan: flagged.
    const slipsBefore = chat.messenger.sent.filter((m) => m.body.kind === 'card').length;
    const reclose = await chat.say(p['赵敏'], '结算 2026年11月', { at: '2026-12-04 09:00:00' });
    // The reply, after the changed slip's card (the notices are written in the turn, before its replies).
    const reply = texts(reclose.replies).find((t) => t.startsWith('2026年11月工资已重新结算')) ?? '';
    const [r1, r2] = await slipsOf(p['张伟'].id);
    expect([r1.revision, r2.revision]).toEqual([1, 2]);
    expect(r2).toMatchObject({ collectedFen: 0, commissionFen: 0, finesFen: r1.finesFen - 13793 });
    expect(r2.totalFen - r1.totalFen).toBe(-52000 + 13793);
    expect(reply).toMatch(new RegExp(`^2026年11月工资已重新结算：1 人的工资条有变化，已生成新版本并私信发给本人：张伟（${p['张伟'].no}） ${(r1.totalFen / 100).toFixed(2)} → ${(r2.totalFen / 100).toFixed(2)} 元。其余人的工资条不变，没有重发。`));
    expect(reply).toContain(`结算前待重新结算的变化 2 条：张伟（${p['张伟'].no}）11月20日 王强撤销了回款 R${collection}（52000 元，客户 华为技术），原因：客户退款；张伟（${p['张伟'].no}）11月30日 王强批准了请假 L${leave}`);
    expect(reply).toContain(`⚠ 合计变动超过 300.00 元 1 人：张伟（${p['张伟'].no}） ${(r1.totalFen / 100).toFixed(2)} → ${(r2.totalFen / 100).toFixed(2)} 元（−382.07）。`);
    expect(reply).not.toContain('合计为负');
    const sent = chat.messenger.sent.filter((m) => m.body.kind === 'card').slice(slipsBefore);
    expect(sent.map((m) => [m.target, cardOf(m).text])).toEqual([[{ kind: 'user', externalId: chat.account(p['张伟']) }, '已结算（第 2 版）。']]);
    expect(chat.inbox(p['钱敏']).at(-1)).toBe(reply);
    expect(await slipsOf(p['李娜'].id)).toHaveLength(1);
    expect(await db().getRepository(MonthChange).countBy({ resolvedAt: IsNull() })).toBe(0);

    // The slip is no longer marked; the payroll file reads revision 2.
    const after = cardOf((await chat.say(p['张伟'], '工资 11月', { at: '2026-12-04 09:30:00' })).replies[0]);
    expect([after.title, after.text]).toEqual(['2026年11月工资条（已结算）', '已结算（第 2 版）。']);
    const { rows } = await payrollRows(serviceContext(db()), '2026-11', { now: sh('2026-12-04 09:40:00'), actor: 'test' });
    expect(rows.find((r) => r.employee_no === p['张伟'].no)).toMatchObject({ collected: '0.00', commission: '0.00', total: (r2.totalFen / 100).toFixed(2) });

    // The next day's first change is told again (once per month and day).
    await chat.say(p['王强'], `撤销 P${(await db().getRepository(PointEntry).findOneByOrFail({ employeeId: p['李娜'].id, code: 'misconduct:私人电话' })).id} 误扣`, { at: '2026-12-04 10:00:00' });
    expect(told('赵敏')).toHaveLength(2);
    expect(told('赵敏')[1]).toContain(`李娜（${p['李娜'].no}）11月20日，王强撤销了 P`);

    // The next re-close writes 李娜's revision 2: +100 yuan is under the flag amount, and her total is no longer negative.
    const third = texts((await chat.say(p['赵敏'], '结算 上月', { at: '2026-12-04 11:00:00' })).replies).find((t) => t.startsWith('2026年11月工资')) ?? '';
    expect(third).toMatch(new RegExp(`^2026年11月工资已重新结算：1 人的工资条有变化，已生成新版本并私信发给本人：李娜（${p['李娜'].no}） -56.90 → 43.10 元。`));
    expect(third).not.toMatch(/⚠/);
    expect((await slipsOf(p['李娜'].id)).map((s) => s.revision)).toEqual([1, 2]);
    expect(await slipsOf(p['张伟'].id)).toHaveLength(2);
  });

  test('结算 of a month not over, without a month, or re-closed with nothing changed', async () => {
    const chat = new ChatHarness(db());
    const { p } = await november(chat);
    const early = await chat.say(p['赵敏'], '结算 12月', { at: '2026-12-04 10:00:00' });
    expect(texts(early.replies)).toEqual(['2026年12月还没有结束，月底之后才能结算。\n正确示例：结算 上月']);
    const bare = await chat.say(p['赵敏'], '结算', { at: '2026-12-04 10:00:00' });
    expect(texts(bare.replies)).toEqual(['请写明要结算的月份。\n正确示例：结算 11月']);
    await chat.say(p['赵敏'], '结算 11月', { at: '2026-12-04 10:01:00' });
    const again = await chat.say(p['赵敏'], '结算 11月', { at: '2026-12-04 10:02:00' });
    expect(texts(again.replies)[0]).toMatch(/^2026年11月工资已重新结算：没有工资条发生变化，没有生成新版本，也没有发送。/);
    expect(await db().getRepository(Payslip).countBy({ month: '2026-11', revision: 2 })).toBe(0);
  });

  test('a company larger than payroll.chatCloseMaxEmployees is closed as the close-month job, which reports back', async () => {
    const chat = new ChatHarness(db(), { policy: { ...POLICY, payroll: { ...POLICY.payroll, chatCloseMaxEmployees: 2 } } });
    const { p, collection } = await november(chat);
    const started = await chat.say(p['赵敏'], '结算 11月', { at: '2026-12-01 10:00:00' });
    // The reply at once; the job may already have sent (it starts as the turn ends).
    expect(texts(started.replies)[0]).toBe('2026年11月的结算已在后台开始：共 5 名员工，超过聊天里一次能处理的 2 人。完成后结算结果会发给管理员，工资条会私信发给本人。');
    await chat.bot.background.idle();
    await chat.bot.outbox.drain();
    await chat.bot.outbox.stop();
    expect(chat.inbox(p['赵敏']).at(-1)).toMatch(/^2026年11月工资已结算：共 5 张工资条/);
    expect(cards(chat, p['张伟']).map((m) => cardOf(m).text)).toEqual(['已结算（第 1 版）。']);

    await chat.say(p['王强'], `撤销 R${collection} 客户退款`, { at: '2026-12-03 10:00:00' });
    const restarted = await chat.say(p['赵敏'], '结算 11月', { at: '2026-12-04 09:00:00' });
    expect(texts(restarted.replies).find((t) => t.includes('后台'))).toMatch(/^2026年11月的重新结算已在后台开始：共 5 名员工，包括 1 项待重新结算的变化/);
    await chat.bot.background.idle();
    await chat.bot.outbox.drain();
    await chat.bot.outbox.stop();
    expect(chat.inbox(p['钱敏']).at(-1)).toMatch(/^2026年11月工资已重新结算：1 人的工资条有变化/);
    expect(cards(chat, p['张伟']).map((m) => MemoryMessenger.text(m))).toEqual([expect.stringContaining('第 1 版'), expect.stringContaining('第 2 版')]);
    expect(cards(chat, p['李娜'])).toHaveLength(1);
  });
});
