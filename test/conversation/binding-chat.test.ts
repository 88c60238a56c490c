import { In } from 'typeorm';
import { BindingRequest, PlatformIdentity } from '../../src/db/entities';
import type { Employee } from '../../src/db/entities';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { twoTeamChat } from '../helpers/request-fixture';
import { ManualClock } from '../../src/core/clock';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { triggers } from '../../src/jobs/schedule';
import { makeTeam, POLICY, serviceContext, sh, testJobDeps } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** 绑定 (COMMANDS second wave, 绑定 row): an unknown account asks to be bound; the admins decide (H-14 authority: no one decides their own). */
describeEachDb('chat: 绑定 U requests', (db) => {
  let seq = 0;
  const setup = async (newcomer: { startDate?: string } = {}) => {
    const fixture = await twoTeamChat(db());
    const { people } = await makeTeam(db(), [{ name: '刘洋', role: 'agent', ...newcomer }]);
    const account = `stranger-${++seq}-${Date.now()}`;
    return { ...fixture, n: people['刘洋'], account };
  };
  const cardsTo = (chat: ChatHarness, who: { no: string }) => chat.messenger.to(chat.account(who)).filter((m) => m.body.kind === 'card');
  const inboxOf = (chat: ChatHarness, account: string) => chat.messenger.to(account).map(MemoryMessenger.text);
  const identities = (e: Employee) => db().getRepository(PlatformIdentity).findBy({ employeeId: e.id });

  test('the whole flow: 绑定 → card to every admin with the display name → 同意 → bound, told, welcomed; the account now works', async () => {
    const { chat, p, n, account } = await setup({ startDate: '2026-12-01' });
    const sent = await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-03 09:00:00', name: '小刘' });
    expect(sent.outcome.status).toBe('handled');
    expect(inboxOf(chat, account)).toEqual([expect.stringMatching(new RegExp(`^已提交绑定申请 U\\d+：把你的账号绑定为 刘洋（${n.no}），等待管理员审批，结果会通知你。$`))]);
    for (const admin of [p['赵敏'], p['钱进']]) {
      const [card] = cardsTo(chat, admin);
      expect(MemoryMessenger.text(card)).toMatch(new RegExp(`账号绑定审批 U\\d+[\\s\\S]*申请账号：网页聊天 小刘（${account}）[\\s\\S]*要绑定的员工：刘洋（${n.no}，电话销售员）`));
    }
    // Only admins: the team's supervisor gets no card.
    expect(cardsTo(chat, p['王强'])).toEqual([]);
    const [card] = cardsTo(chat, p['赵敏']);
    const approve = cardOf(card).buttons!.find((b) => b.actionId === 'binding.approve')!;
    expect(approve.command).toMatch(/^同意 U\d+$/);
    const clicked = await chat.click(p['赵敏'], approve, {}, { at: '2026-12-03 09:10:00' });
    expect(clicked.outcome).toMatchObject({ status: 'handled', immediate: { toast: { kind: 'success' } } });
    expect(card.card!.footer).toContain('已由赵敏于 12月3日 09:10 批准');
    expect(await identities(n)).toEqual([expect.objectContaining({ platform: 'web', externalId: account })]);
    const told = inboxOf(chat, account);
    expect(told[1]).toMatch(/^你的绑定 U\d+（网页聊天 小刘.*→ 刘洋.*）已批准，审批人：赵敏。\n现在可以使用了/);
    // Started already (12月1日): the welcome with the agent's 帮助 follows.
    expect(told[2]).toMatch(/^欢迎加入，刘洋！[\s\S]*刘洋（电话销售员）可以用这些命令：[\s\S]*• 打卡/);
    const punch = await chat.say(account, '打卡', { at: '2026-12-03 09:20:00' });
    expect(texts(punch.replies)[0]).toMatch(/^上班打卡成功/);
    // Bound now: 绑定 again says so.
    expect(texts((await chat.say(account, `绑定 ${n.no}`)).replies)).toEqual([`你的账号已绑定为 刘洋（${n.no}），无需再绑定。发“帮助”查看你能用的命令。`]);
  });

  test('not started yet: bound without the welcome (the first-day job sends it); no display name shows the account id', async () => {
    const { chat, p, n, account } = await setup({ startDate: '2026-12-10' });
    await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-03 09:00:00' });
    const [card] = cardsTo(chat, p['钱进']);
    expect(MemoryMessenger.text(card)).toContain(`申请账号：网页聊天 ${account}\n`);
    const id = Number(cardOf(card).buttons![0].value.id);
    await chat.say(p['钱进'], `同意 U${id}`, { at: '2026-12-03 09:05:00' });
    expect(inboxOf(chat, account)).toHaveLength(2);
    expect(inboxOf(chat, account).join('\n')).not.toContain('欢迎加入');
  });

  test('驳回 needs a reason; the asking account is told the reason; nothing is bound', async () => {
    const { chat, p, n, account } = await setup();
    await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-03 09:00:00', name: '小刘' });
    const id = Number(cardOf(cardsTo(chat, p['赵敏'])[0]).buttons![0].value.id);
    const bare = await chat.say(p['赵敏'], `驳回 U${id}`);
    expect(texts(bare.replies)[0]).toContain('驳回请写明原因');
    await chat.say(p['赵敏'], `驳回 U${id} 不是本人账号`, { at: '2026-12-03 09:10:00' });
    expect(inboxOf(chat, account).at(-1)).toMatch(/^你的绑定 U\d+（.*）已驳回，审批人：赵敏，原因：不是本人账号。/);
    expect(await identities(n)).toEqual([]);
    // Still unknown: anything but 绑定 gets the ask-an-admin reply.
    const punch = await chat.say(account, '打卡');
    expect(punch.outcome.status).toBe('unknown-user');
    expect(texts(punch.replies)).toEqual([expect.stringContaining('还没有登记为公司员工')]);
  });

  test('H-14 authority: a supervisor, an agent and the claimed employee never decide a 绑定; 审批 lists it for admins', async () => {
    const { chat, p, account } = await setup();
    // 吴刚, an admin with no account yet, is claimed: the other admins decide, never 吴刚.
    const { people } = await makeTeam(db(), [{ name: '吴刚', role: 'admin' }]);
    const wu = people['吴刚'];
    await chat.say(account, `绑定 ${wu.no}`, { at: '2026-12-03 09:00:00' });
    const [row] = await db().getRepository(BindingRequest).findBy({ externalId: account });
    expect(row.status).toBe('pending');
    expect(texts((await chat.say(p['王强'], `同意 U${row.id}`)).replies)[0]).toContain('只有管理员可以审批这张绑定单');
    expect(texts((await chat.say(p['张伟'], `同意 U${row.id}`)).replies)[0]).toMatch(/「同意」只有/);
    await chat.bind(wu);
    expect(texts((await chat.say(wu, `同意 U${row.id}`)).replies)[0]).toContain('不能审批自己的绑定');
    expect(cardsTo(chat, wu)).toEqual([]);
    expect(cardsTo(chat, p['钱进'])).toHaveLength(1);
    const listed = await chat.say(p['赵敏'], '审批');
    expect(listed.replies.map(MemoryMessenger.text).join('\n')).toContain(`账号绑定审批 U${row.id}`);
    expect((await db().getRepository(BindingRequest).findOneByOrFail({ id: row.id })).status).toBe('pending');
  });

  test('a second binding of the same employee is refused while one is pending; an employee bound on the platform is refused; a bad number is explained', async () => {
    const { chat, p, n, account } = await setup();
    await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-03 09:00:00' });
    const again = await chat.say(`${account}-b`, `绑定 ${n.no}`);
    expect(again.outcome.status).toBe('user-error');
    expect(texts(again.replies)[0]).toMatch(new RegExp(`工号 ${n.no} 在网页聊天上已有待审批的绑定 U\\d+，不能重复申请`));
    const twice = await chat.say(account, `绑定 ${p['张伟'].no}`);
    expect(texts(twice.replies)[0]).toMatch(/你已有待审批的绑定 U\d+/);
    const bound = await chat.say(`${account}-c`, `绑定 ${p['张伟'].no}`);
    expect(texts(bound.replies)[0]).toContain(`工号 ${p['张伟'].no} 在网页聊天上已经绑定了另一个账号，不能再绑定`);
    const unknown = await chat.say(`${account}-d`, '绑定 NOPE-999');
    expect(texts(unknown.replies)[0]).toContain('没有在职员工的工号是 NOPE-999');
    const empty = await chat.say(`${account}-d`, '绑定');
    expect(texts(empty.replies)[0]).toContain('请写上你的工号');
    expect(await db().getRepository(BindingRequest).countBy({ employeeId: In([n.id, p['张伟'].id]) })).toBe(1);
  });

  test('two admins decide one 绑定 at once: one decision; the other is told who decided', async () => {
    const { chat, p, n, account } = await setup();
    await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-03 09:00:00' });
    const card = cardOf(cardsTo(chat, p['赵敏'])[0]);
    const approve = card.buttons!.find((b) => b.actionId === 'binding.approve')!;
    const reject = card.buttons!.find((b) => b.actionId === 'binding.reject')!;
    const results = await Promise.all([
      chat.click(p['赵敏'], approve, {}, { at: '2026-12-03 09:05:00' }),
      chat.click(p['钱进'], reject, { reason: '不认识' }, { at: '2026-12-03 09:05:00' }),
    ]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['handled', 'user-error']);
    const stored = await db().getRepository(BindingRequest).findOneByOrFail({ id: Number(approve.value.id) });
    expect(await identities(n)).toHaveLength(stored.status === 'approved' ? 1 : 0);
    expect(inboxOf(chat, account).filter((t) => /已批准|已驳回/.test(t))).toHaveLength(1);
    const loser = results.find((r) => r.outcome.status === 'user-error')!;
    expect(loser.outcome.immediate?.toast?.text).toMatch(new RegExp(`^U${stored.id} 已由(赵敏|钱进)于 12月3日 09:05 (批准|驳回)，不能再审批。$`));
  });

  /** The welcome job on `date` at 09:00, then the outbox drained to the harness. */
  const welcomeOn = async (chat: ChatHarness, date: string) => {
    const at = sh(`${date} 09:00:00`);
    const result = await runJob(testJobDeps(serviceContext(db()), new ManualClock(at)), findJob('welcome')!, date, { now: at });
    chat.clock.set(at);
    await chat.bot.outbox.drain();
    await chat.bot.outbox.stop();
    return result;
  };

  test('the welcome job: on the start date, once, with the role\'s 帮助; not before; scheduled daily at policy schedule.welcome', async () => {
    expect(triggers(POLICY).find((t) => t.job === 'welcome')).toMatchObject({ minute: POLICY.schedule.welcome });
    const { chat } = await setup();
    const { people } = await makeTeam(db(), [{ name: '林芳', role: 'salesperson', startDate: '2026-12-07' }, { name: '无号', role: 'agent', startDate: '2026-12-07' }]);
    await chat.bind(people['林芳']);
    await welcomeOn(chat, '2026-12-04');
    expect(chat.inbox(people['林芳'])).toEqual([]);
    expect(await welcomeOn(chat, '2026-12-07')).toMatchObject({ ran: true });
    const [welcome] = chat.inbox(people['林芳']);
    expect(welcome).toMatch(/^欢迎加入，林芳！[\s\S]*林芳（业务员）可以用这些命令：[\s\S]*• 确认/);
    expect(welcome).not.toContain('• 日报');
    // A re-run of the day sends nothing again (the run is recorded, the key is per employee).
    await runJob(testJobDeps(serviceContext(db()), new ManualClock(sh('2026-12-07 10:00:00'))), findJob('welcome')!, '2026-12-07', { now: sh('2026-12-07 10:00:00') });
    expect(chat.inbox(people['林芳'])).toHaveLength(1);
  });

  test('bound by 绑定 on the first day before the job: welcomed once (by the approval), not again by the job', async () => {
    const { chat, p, n, account } = await setup({ startDate: '2026-12-08' });
    await chat.say(account, `绑定 ${n.no}`, { at: '2026-12-08 08:00:00' });
    await chat.say(p['赵敏'], `同意 U${(await db().getRepository(BindingRequest).findOneByOrFail({ externalId: account })).id}`, { at: '2026-12-08 08:10:00' });
    await welcomeOn(chat, '2026-12-08');
    expect(inboxOf(chat, account).filter((t) => t.startsWith('欢迎加入'))).toHaveLength(1);
  });
});
