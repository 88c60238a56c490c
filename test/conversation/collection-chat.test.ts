/**
 * 回款 and its reversal (docs/commands.md second wave, 回款 row; H-8): every collection has an R id,
 * `撤销 R17 原因` reverses it with a negative collection (nothing deleted, once), the agent is
 * told of both, both are audited, pay and the payroll file show the net. Amounts are bounded by
 * `collection.maxYuan` and stored as BIGINT, so a large one never gets the generic error and
 * never stops the month close (issue 13, money on MySQL).
 */
import { AuditEntry, Collection, Employee, Payslip } from '../../src/db/entities';
import type { NeutralCard } from '../../src/core/neutral-card';
import { closeMonth, payrollRows, pendingChanges } from '../../src/services/payroll';
import { ChatHarness, texts, cardOf } from '../helpers/chat-harness';
import { makeTeam, POLICY, serviceContext, sh } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

const EXAMPLE = '\n正确示例：回款 @张三 52000 华为技术';
const REVERT_EXAMPLE = '\n正确示例：撤销 R17 输错了';
const idOf = (reply: string) => Number(/R(\d+)/.exec(reply)?.[1]);

describeEachDb('chat: 回款 with an R id, 撤销 R (docs/commands.md second wave)', (db) => {
  const setup = async () => {
    const one = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    const two = await makeTeam(db(), [
      { name: '孙丽', role: 'supervisor' },
      { name: '周杰', role: 'agent' },
    ]);
    const chat = new ChatHarness(db());
    const p = { ...one.people, ...two.people };
    await chat.bind(...Object.values(p));
    const pay = (text: string, at = '2026-12-03 16:00:00', who = p['王强']) => chat.say(who, text, { at, mentions: [p['张伟'], p['周杰']] });
    return { chat, p, pay };
  };
  const collections = (agent: Employee) => db().getRepository(Collection).find({ where: { agentId: agent.id }, order: { id: 'ASC' } });
  const field = (card: NeutralCard, label: string) => card.fields.find((f) => f.label === label)?.value;

  test('H-8 回款 shows its R id, tells the agent, and is in the audit log', async () => {
    const { chat, p, pay } = await setup();
    const { outcome, replies } = await pay('回款 @张伟 52000 华为技术');
    expect(outcome.status).toBe('handled');
    const [row] = await collections(p['张伟']);
    expect(texts(replies)).toEqual([
      `已登记回款 R${row.id} 52000 元：张伟，客户 华为技术，计入 2026年12月。\n提成 1%：+520 元（H-8）。张伟本月回款共 52000 元，提成共 520 元。`,
      `王强为你登记了回款 R${row.id}：52000 元，客户 华为技术，计入 2026年12月，提成 +520 元（H-8）。你本月回款共 52000 元，提成共 520 元。`,
    ]);
    expect(replies[1].target).toEqual({ kind: 'user', externalId: chat.account(p['张伟']) });
    expect(row).toMatchObject({ amountFen: 5200000, reversesId: null, reason: null });
    expect(await db().getRepository(AuditEntry).findBy({ action: 'collection.record', subjectId: String(row.id) })).toMatchObject([
      { actorId: p['王强'].id, subjectType: 'collection', details: { agentId: p['张伟'].id, amountFen: 5200000, customer: '华为技术', month: '2026-12' } },
    ]);
  });

  test('撤销 R17 reverses with a negative collection (nothing deleted), once; the agent is told; audited; pay and the payroll file show the net', async () => {
    const { chat, p, pay } = await setup();
    const first = idOf(texts((await pay('回款 @张伟 52000 华为技术')).replies)[0]);
    await pay('回款 @张伟 8888.88 联想');
    const { outcome, replies } = await chat.say(p['王强'], `撤销 r${first}\u3000输错了`, { at: '2026-12-03 16:30:00' });
    expect(outcome.status).toBe('handled');
    const rows = await collections(p['张伟']);
    const reversal = rows[2];
    expect(rows.map((r) => [r.amountFen, r.reversesId, r.reason, r.month])).toEqual([
      [5200000, null, null, '2026-12'],
      [888888, null, null, '2026-12'],
      [-5200000, first, '输错了', '2026-12'],
    ]);
    expect(texts(replies)).toEqual([
      `已撤销回款 R${first}（张伟 52000 元，客户 华为技术），撤销记录 R${reversal.id}：−52000 元。原因：输错了。张伟2026年12月回款共 8888.88 元，提成共 88.89 元。`,
      `王强撤销了你的回款 R${first}（52000 元，客户 华为技术），原因：输错了。你2026年12月回款共 8888.88 元，提成共 88.89 元。`,
    ]);
    expect(replies[1].target).toEqual({ kind: 'user', externalId: chat.account(p['张伟']) });
    expect(await db().getRepository(AuditEntry).findBy({ action: 'collection.reverse', subjectId: String(first) })).toMatchObject([
      { actorId: p['王强'].id, subjectType: 'collection', details: { reversalId: reversal.id, agentId: p['张伟'].id, amountFen: -5200000, reason: '输错了', month: '2026-12' } },
    ]);

    // Once: a second 撤销 names who did the first; an admin is refused the same way.
    const again = await chat.say(p['赵敏'], `撤销 R${first} 再撤`, { at: '2026-12-03 17:00:00' });
    expect(texts(again.replies)).toEqual([`R${first} 已由王强于 12月3日 16:30 撤销（R${reversal.id}）。`]);
    expect(await collections(p['张伟'])).toHaveLength(3);

    const slip = await chat.say(p['张伟'], '工资', { at: '2026-12-03 17:10:00' });
    expect(field(cardOf(slip.replies[0]), '回款提成')).toBe('+88.89 元（回款 8888.88 元 × 1%）');
    const { rows: payroll } = await payrollRows(serviceContext(db()), '2026-12', { draft: true, now: sh('2026-12-03 17:10:00'), actor: 'test' });
    expect(payroll.find((r) => r.employee_no === p['张伟'].no)).toMatchObject({ collected: '8888.88', commission: '88.89' });
  });

  test.each<[string, (ids: { payment: number; reversal: number }) => string, string, string]>([
    ['a reversal of a reversal', (i) => `撤销 R${i.reversal} 再撤`, '王强', 'R{reversal} 本身是一条撤销记录，不能再撤销。'],
    ['an unknown R', () => '撤销 R987654 输错了', '王强', '没有回款记录 R987654。'],
    ["another team's supervisor", (i) => `撤销 R${i.payment} 输错了`, '孙丽', '只有张伟所在组的主管或管理员可以撤销这笔回款（H-8）。'],
    ['an agent', (i) => `撤销 R${i.payment} 输错了`, '李娜', '「撤销」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。'],
    ['no reason', (i) => `撤销 R${i.payment}`, '王强', `请写明撤销原因。${REVERT_EXAMPLE}`],
    ['neither P nor R', () => '撤销 L12 输错了', '王强', '看不懂编号“L12”，应为 P 或 R 加数字，如 P1288 或 R17\n正确示例：撤销 P1288 误扣'],
  ])('refused clearly, nothing stored: %s', async (_case, text, who, message) => {
    const { chat, p, pay } = await setup();
    const payment = idOf(texts((await pay('回款 @张伟 52000 华为技术')).replies)[0]);
    await chat.say(p['王强'], `撤销 R${payment} 输错了`, { at: '2026-12-03 16:10:00' });
    const reversal = (await collections(p['张伟']))[1].id;
    // 撤销 of the payment itself was done above; the other cases use a fresh payment.
    const fresh = idOf(texts((await pay('回款 @张伟 100 华为技术', '2026-12-03 16:20:00')).replies)[0]);
    const before = await collections(p['张伟']);
    const { outcome, replies } = await chat.say(p[who], text({ payment: fresh, reversal }), { at: '2026-12-03 16:30:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([message.replace('{reversal}', String(reversal))]);
    expect(await collections(p['张伟'])).toEqual(before);
    expect(await db().getRepository(AuditEntry).countBy({ action: 'collection.reverse' })).toBeGreaterThanOrEqual(1);
  });

  test('collection.maxYuan: a single amount above the limit is refused naming it, nothing stored; the limit itself is accepted', async () => {
    const { p, pay } = await setup();
    for (const amount of ['10000000.01', '21474836.48', '999999999999']) {
      const { outcome, replies } = await pay(`回款 @张伟 ${amount} 华为技术`);
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`单笔回款最多 10000000 元（这笔 ${amount} 元）。请核对金额；确有更大的回款请联系管理员。${EXAMPLE}`]);
    }
    expect(await collections(p['张伟'])).toEqual([]);
    expect(texts((await pay('回款 @张伟 10000000 华为技术')).replies)[0]).toMatch(/^已登记回款 R\d+ 10000000 元：张伟/);
  });
});

// Own databases: closing a month writes every employee's slip.
describeEachDb('chat: 回款 amounts beyond a 32-bit column, and the close of their month', (db) => {
  test('21474836.48 (2^31 fen) is accepted and stored exactly when the policy allows it; two of 21474836.47 close fine', async () => {
    const chat = new ChatHarness(db(), { policy: { ...POLICY, collection: { maxFen: 100_000_000_00 } } });
    const { people: p } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    await chat.bind(...Object.values(p));
    const big = await chat.say(p['王强'], '回款 @张伟 21474836.48 华为技术', { at: '2026-11-20 16:00:00', mentions: [p['张伟']] });
    expect(big.outcome.status).toBe('handled');
    expect(texts(big.replies)[0]).toMatch(/^已登记回款 R\d+ 21474836.48 元：张伟/);
    await chat.say(p['王强'], '回款 @张伟 21474836.47 联想', { at: '2026-11-20 16:01:00', mentions: [p['张伟']] });
    await chat.say(p['王强'], '回款 @张伟 21474836.47 联想', { at: '2026-11-20 16:02:00', mentions: [p['张伟']] });
    const rows = await db().getRepository(Collection).find({ where: { agentId: p['张伟'].id }, order: { id: 'ASC' } });
    expect(rows.map((r) => r.amountFen)).toEqual([2147483648, 2147483647, 2147483647]);
    expect(rows.every((r) => typeof r.amountFen === 'number')).toBe(true);

    const r = await closeMonth(serviceContext(db()), '2026-11', { now: sh('2026-12-01 02:00:00') });
    expect(r.failures).toEqual([]);
    const slip = await db().getRepository(Payslip).findOneByOrFail({ employeeId: p['张伟'].id, month: '2026-11' });
    // 1% of 6442450942 fen = 64424509.42 → 64424509 (H-8, rounded once).
    expect(slip).toMatchObject({ collectedFen: 6442450942, commissionFen: 64424509 });
    expect(slip.totalFen).toBe(slip.baseFen + slip.callPayFen + slip.leadBonusFen + 64424509 + slip.scoreBonusFen - slip.finesFen);
    expect(typeof slip.totalFen).toBe('number');
  });

  test('three collections at the default limit (3 × 10000000 yuan) in one month close fine', async () => {
    const chat = new ChatHarness(db());
    chat.clock.set(sh('2026-10-20 16:00:00'));
    const { people: p } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '李娜', role: 'agent' }]);
    await chat.bind(...Object.values(p));
    for (const minute of ['10', '11', '12']) await chat.say(p['王强'], '回款 @李娜 10000000 华为技术', { at: `2026-10-20 16:${minute}:00`, mentions: [p['李娜']] });
    const r = await closeMonth(serviceContext(db()), '2026-10', { now: sh('2026-11-01 02:00:00') });
    expect(r.failures).toEqual([]);
    expect(await db().getRepository(Payslip).findOneByOrFail({ employeeId: p['李娜'].id, month: '2026-10' })).toMatchObject({ collectedFen: 3_000_000_000, commissionFen: 30_000_000 });
  });

  test('撤销 of a collection in a closed month: stored in that month, the admins are told it awaits a re-close (issue 16), which shows the net', async () => {
    const chat = new ChatHarness(db());
    chat.clock.set(sh('2026-09-20 16:00:00'));
    const { people: p } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '刘洋', role: 'agent' }, { name: '钱敏', role: 'admin' }]);
    await chat.bind(...Object.values(p));
    const rec = await chat.say(p['王强'], '回款 @刘洋 52000 华为技术', { at: '2026-09-20 16:00:00', mentions: [p['刘洋']] });
    const id = idOf(texts(rec.replies)[0]);
    await closeMonth(serviceContext(db()), '2026-09', { now: sh('2026-10-01 02:00:00') });

    const { replies } = await chat.say(p['王强'], `撤销 R${id} 客户退款`, { at: '2026-10-09 10:00:00' });
    const reversal = (await db().getRepository(Collection).findOneByOrFail({ reversesId: id }));
    expect(reversal).toMatchObject({ amountFen: -5200000, month: '2026-09', recordedOn: '2026-10-09' });
    expect(texts(replies)).toEqual([
      // The admins' notice is written in the turn, before its replies.
      `2026年9月已结算，之后有变化：刘洋（${p['刘洋'].no}）9月20日，王强撤销了回款 R${id}（52000 元，客户 华为技术），原因：客户退款。刘洋的工资条已标为待重新结算。` +
        '\n今天2026年9月再有变化不再逐条通知。发送「结算 2026年9月」重新结算：只有变了的工资条会生成新版本并发给本人，结算结果会列出所有待重新结算的人。',
      `已撤销回款 R${id}（刘洋 52000 元，客户 华为技术），撤销记录 R${reversal.id}：−52000 元。原因：客户退款。刘洋2026年9月回款共 0 元，提成共 0 元。\n2026年9月已结算：这笔撤销已记下，工资条标为待重新结算，管理员发送「结算 2026年9月」重新结算后才进工资条（已通知管理员）。`,
      `王强撤销了你的回款 R${id}（52000 元，客户 华为技术），原因：客户退款。你2026年9月回款共 0 元，提成共 0 元。`,
    ]);
    expect(replies[0].target).toEqual({ kind: 'user', externalId: chat.account(p['钱敏']) });
    expect((await pendingChanges(serviceContext(db()), '2026-09')).map((c) => [c.employee.name, c.fields])).toEqual([['刘洋', expect.arrayContaining(['collectedFen', 'commissionFen', 'totalFen'])]]);
    await closeMonth(serviceContext(db()), '2026-09', { now: sh('2026-10-09 11:00:00'), force: true });
    const { rows } = await payrollRows(serviceContext(db()), '2026-09', { now: sh('2026-10-09 11:00:00'), actor: 'test' });
    expect(rows.find((r) => r.employee_no === p['刘洋'].no)).toMatchObject({ collected: '0.00', commission: '0.00' });
  });
});
