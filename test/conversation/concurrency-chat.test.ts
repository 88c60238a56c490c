import { LeaveRequest, PointEntry, ProcessedEvent, Punch } from '../../src/db/entities';
import { ChatHarness } from '../helpers/chat-harness';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

describeEachDb('chat: duplicates and double clicks take effect once', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };

  test('the same event delivered three times at once is handled once', async () => {
    const { chat, p } = await setup();
    const results = await Promise.all([1, 2, 3].map(() => chat.say(p['张伟'], '打卡', { at: '2026-12-03 08:58:00', dedupKey: 'retry-1' })));
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['duplicate', 'duplicate', 'handled']);
    expect(await db().getRepository(Punch).countBy({ employeeId: p['张伟'].id })).toBe(1);
    expect(await db().getRepository(ProcessedEvent).countBy({ dedupKey: 'retry-1' })).toBe(1);
  });

  test('a double click on 同意 (two events at once) decides once; the other is told it was decided', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const card = chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!;
    const approve = card.card!.buttons!.find((b) => b.actionId === 'leave.approve')!;
    const reject = card.card!.buttons!.find((b) => b.actionId === 'leave.reject')!;
    const results = await Promise.all([
      chat.click(p['王强'], approve, {}, { at: '2026-12-03 10:05:00' }),
      chat.click(p['赵敏'], reject, { reason: '人手不够' }, { at: '2026-12-03 10:05:00' }),
    ]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    const stored = await db().getRepository(LeaveRequest).findOneByOrFail({ id: Number(approve.value.id) });
    const winner = results.find((r) => r.outcome.status === 'handled')!;
    expect(stored.status).toBe(winner.outcome.immediate?.toast?.text.startsWith('已批准') ? 'approved' : 'rejected');
    expect(chat.inbox(p['张伟']).filter((t) => /已批准|已驳回/.test(t))).toHaveLength(1);
    // The loser is told who decided and how, as stored; never the state it read before losing (`已pending`).
    const loser = results.find((r) => r.outcome.status === 'user-error')!;
    const [who, verb] = stored.status === 'approved' ? ['王强', '批准'] : ['赵敏', '驳回'];
    expect(loser.outcome.immediate?.toast?.text).toBe(`L${stored.id} 已由${who}于 12月3日 10:05 ${verb}，不能再审批。`);
  });

  test('two 撤销 of one entry at once: one reversal; the other is told who reversed it (read past its snapshot)', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], `扣分 @${p['张伟'].name} 值日`, { at: '2026-12-03 10:00:00', mentions: [p['张伟']] });
    const entry = await db().getRepository(PointEntry).findOneOrFail({ where: { employeeId: p['张伟'].id }, order: { id: 'DESC' } });
    const results = await Promise.all([
      chat.say(p['王强'], `撤销 P${entry.id} 扣错了`, { at: '2026-12-03 10:05:00' }),
      chat.say(p['赵敏'], `撤销 P${entry.id} 重复扣分`, { at: '2026-12-03 10:05:00' }),
    ]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    const reversal = await db().getRepository(PointEntry).findOneByOrFail({ reversesId: entry.id });
    const who = reversal.createdBy === p['王强'].id ? '王强' : '赵敏';
    const loser = results.find((r) => r.outcome.status === 'user-error')!;
    expect(loser.outcome.immediate?.toast?.text).toBe(`P${entry.id} 已由${who}于 12月3日 10:05 撤销（P${reversal.id}）。`);
  });
});
