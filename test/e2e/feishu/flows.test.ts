import { Attachment, CustomerRecord, DailyReport, LeaveRequest, OutboxMessage, PointEntry, Punch } from '../../../src/db/entities';
import type { FakeMessage } from '../../fakes/feishu-server/fake-feishu-state';
import { startFeishuE2e, TEST_APP, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import type { FeishuUser } from '../../fakes/feishu-server/feishu-push-builder';
import { CARD_PROCESSING_TOAST } from '../../../bots/feishu/feishu-webhook';
import { inTransaction } from '../../../src/db/transaction';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** The buttons (and form submit buttons) of a card JSON 2.0 as the fake received it, with their callback values. */
function buttonsOf(card: any): Array<{ label: string; value: Record<string, string>; form?: string }> {
  const out: Array<{ label: string; value: Record<string, string>; form?: string }> = [];
  for (const el of card.body.elements) {
    if (el.tag === 'button') out.push({ label: el.text.content, value: el.behaviors[0].value });
    if (el.tag === 'form') for (const f of el.elements.filter((x: any) => x.tag === 'button')) out.push({ label: f.text.content, value: f.behaviors[0].value, form: el.name });
  }
  return out;
}

/** The visible text of a card: title, then every plain-text block. */
const cardText = (card: any): string => [card.header.title.content, ...card.body.elements.filter((e: any) => e.tag === 'div').map((e: any) => e.text.content)].join('\n');

/** Every docs/commands.md flow through encrypted, signed webhooks, answered through the fake Open API. */
for (const kind of dbKinds()) {
  describe(`feishu flows end to end [${kind}]`, () => {
    let e2e: FeishuE2e;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
    });
    afterAll(() => e2e.close());

    const team = async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
      return { boss: await e2e.bind(people['王强']), agent: await e2e.bind(people['张伟']), people };
    };
    const say = async (who: FeishuUser, text: string, at: string, opts: object = {}) => {
      e2e.clock.set(sh(at));
      const res = await e2e.post(e2e.pushes.text(who, text, { at: sh(at), ...opts }));
      expect([res.status, res.json()]).toEqual([200, {}]);
    };
    /** Waits (bounded) until `id` has received `n` messages and returns them. */
    const inbox = (id: string, n: number) => e2e.fake.waitFor(() => e2e.fake.messagesTo(id).length >= n && e2e.fake.messagesTo(id), 5000, `${n} messages to ${id}`);
    const lastText = async (id: string, n: number) => (await inbox(id, n)).filter((m) => m.msgType === 'text').at(-1)!.content.text as string;

    test('H-11 打卡 late at 09:05:30: the reply gives the time, the lateness, points, fine and entry', async () => {
      const { agent, people } = await team();
      await say(agent, '打卡', '2026-12-03 09:05:30');
      expect(await lastText(agent.openId, 1)).toMatch(/^上班打卡成功：09:05\n迟到 5 分钟：−2 分，罚款 10 元（H-11，记录 P\d+）$/);
      const [message] = e2e.fake.messagesTo(agent.openId);
      expect([message.receiveIdType, message.msgType]).toEqual(['open_id', 'text']);
      expect(await e2e.ds.getRepository(PointEntry).countBy({ employeeId: people['张伟'].id })).toBe(1);
    });

    test('客户 then 日报 by text, and the 日报 form card submitted by its button', async () => {
      const { agent, people } = await team();
      await say(agent, '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', '2026-12-03 10:00:00');
      expect(await lastText(agent.openId, 1)).toMatch(/C\d+/);
      await say(agent, '日报 通话 120', '2026-12-03 17:30:00');
      expect(await lastText(agent.openId, 2)).toMatch(/^已提交12月3日日报：拨打 120 个。\n今天有效电话（信息完整的客户记录，H-3）：1 个。\nA\/B 类客户：C\d+ 华为技术（A 类，待业务员确认）$/);
      await say(agent, '日报', '2026-12-03 17:40:00');
      const form = (await inbox(agent.openId, 3))[2];
      expect(form.msgType).toBe('interactive');
      expect(form.content).toMatchObject({ schema: '2.0', config: { update_multi: true } });
      const [submit] = buttonsOf(form.content);
      expect(submit.value).toEqual({ action: 'report.submit' });
      const inputs = form.content.body.elements.find((e: any) => e.tag === 'form').elements.map((e: any) => [e.tag, e.name]);
      expect(inputs).toEqual([['input', 'calls'], ['input', 'note'], ['button', 'submit_report_submit']]);
      const click = await e2e.post(e2e.pushes.cardAction(agent, submit.value, { at: sh('2026-12-03 17:41:00'), messageId: form.messageId, formValue: { calls: '130', note: '周五客户多' } }));
      expect(click.json()).toEqual({ toast: { type: 'success', content: '日报已提交' } });
      expect(await e2e.ds.getRepository(DailyReport).findBy({ employeeId: people['张伟'].id })).toMatchObject([{ calls: 130, note: '周五客户多' }]);
      expect(await lastText(agent.openId, 4)).toMatch(/^已提交12月3日日报：拨打 130 个，备注：周五客户多。\n已替换/);
      expect(await e2e.ds.getRepository(CustomerRecord).countBy({ agentId: people['张伟'].id })).toBe(1);
    });

    test('请假 → approval card to the supervisor → 同意 clicked on it → toast and new card in the answer (never also patched), requester told', async () => {
      const { boss, agent, people } = await team();
      await say(agent, '请假 事假 12月4日 全天 家里有事', '2026-12-03 10:00:00');
      expect(await lastText(agent.openId, 1)).toMatch(/^已提交请假 L(\d+)：事假 12月4日 全天，等待王强审批。$/);
      const [card] = await inbox(boss.openId, 1);
      expect(card.msgType).toBe('interactive');
      expect(cardText(card.content)).toMatch(/请假审批 L\d+\n申请人：张伟[\s\S]*原因：家里有事/);
      const buttons = buttonsOf(card.content);
      expect(buttons.map((b) => [b.label, b.form !== undefined])).toEqual([['同意', false], ['驳回', true]]);
      const approve = buttons[0];
      expect(Object.keys(approve.value).sort()).toEqual(['action', 'id']);
      e2e.clock.set(sh('2026-12-03 10:05:00'));
      const click = await e2e.click(e2e.pushes.cardAction(boss, approve.value, { at: sh('2026-12-03 10:05:00'), messageId: card.messageId }), card.messageId);
      expect(click.status).toBe(200);
      const answer = click.json();
      expect(answer.toast).toEqual({ type: 'success', content: expect.stringMatching(/^已批准 L\d+$/) });
      expect(answer.card.type).toBe('raw');
      expect(answer.card.data).toMatchObject({ schema: '2.0', config: { update_multi: true } });
      expect(cardText(answer.card.data)).toContain('已由王强于 12月3日 10:05 批准');
      expect(buttonsOf(answer.card.data)).toEqual([]);
      expect(await lastText(agent.openId, 2)).toMatch(/^你的请假 L\d+（事假 12月4日 全天）已批准，审批人：王强。$/);
      expect(e2e.fake.state.message(card.messageId)!.callbackCards).toBe(1);
      expect(cardText(e2e.fake.state.message(card.messageId)!.content)).toContain('批准');
      e2e.clock.advance(3000);
      e2e.wakeOutbox();
      await e2e.fake.waitFor(async () => (await e2e.ds.getRepository(OutboxMessage).countBy({ status: 'pending' })) === 0, 5000, 'the outbox settled');
      expect(e2e.fake.patchCalls(card.messageId)).toBe(0);
      expect(await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(approve.value.id) })).toMatchObject({ status: 'approved', decidedBy: people['王强'].id });
    });

    test('驳回 through the reject form carries the reason; a forged click by the requester changes nothing', async () => {
      const { boss, agent } = await team();
      await say(agent, '请假 事假 12月7日 全天 搬家', '2026-12-03 11:00:00');
      const [card] = await inbox(boss.openId, 1);
      const reject = buttonsOf(card.content).find((b) => b.label === '驳回')!;
      const forged = await e2e.post(e2e.pushes.cardAction(agent, reject.value, { at: sh('2026-12-03 11:01:00'), formValue: { reason: '我自己驳回' } }));
      expect(forged.json().toast.type).toBe('warning');
      expect((await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(reject.value.id) })).status).toBe('pending');
      const click = await e2e.post(e2e.pushes.cardAction(boss, reject.value, { at: sh('2026-12-03 11:02:00'), messageId: card.messageId, formValue: { reason: '当天有培训' } }));
      expect(click.json().toast).toEqual({ type: 'success', content: expect.stringMatching(/^已驳回 L\d+$/) });
      expect(await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(reject.value.id) })).toMatchObject({ status: 'rejected', decisionNote: '当天有培训' });
    });

    test('病假 then an image: the file is fetched from the message-resource API and kept with its key', async () => {
      const { boss, agent, people } = await team();
      await say(agent, '请假 病假 12月4日 全天 发烧', '2026-12-03 12:00:00');
      await inbox(agent.openId, 1);
      const png = Buffer.from('89504e470d0a1a0a-sick-note', 'utf8');
      e2e.fake.addResource('om_sicknote_1', 'img_v3_sick_1', 'image', png, 'image/png');
      e2e.clock.set(sh('2026-12-03 12:01:00'));
      const res = await e2e.post(e2e.pushes.message(agent, 'image', { image_key: 'img_v3_sick_1' }, { at: sh('2026-12-03 12:01:00'), messageId: 'om_sicknote_1' }));
      expect(res.status).toBe(200);
      expect(await lastText(agent.openId, 2)).toMatch(/^已将病假条附在请假 L\d+ 上，主管现在可以审批了。$/);
      const [stored] = await e2e.ds.getRepository(Attachment).findBy({ employeeId: people['张伟'].id });
      expect(stored).toMatchObject({ platform: 'feishu', platformKey: 'img_v3_sick_1', mimeType: 'image/png', size: png.length });
      expect(Buffer.from(stored.content).equals(png)).toBe(true);
      const fetched = e2e.fake.state.calls.find((c) => c.route === 'resource')!;
      expect([fetched.path, fetched.query]).toEqual(['/open-apis/im/v1/messages/om_sicknote_1/resources/img_v3_sick_1', { type: 'image' }]);
      await e2e.fake.waitFor(() => e2e.fake.messagesTo(boss.openId).some((m: FakeMessage) => m.patches > 0), 5000, 'the approval card showing the note');
    });

    test('groups: only messages that @ the bot count; other mentions become people; the bot’s own message is ignored', async () => {
      const { boss, agent, people } = await team();
      const bot = { openId: TEST_APP.botOpenId, name: '电销纪律助手' };
      const chatId = `oc_group_${people['王强'].id}`;
      await say(boss, '扣分 @_user_1 值日', '2026-12-03 14:00:00', { chatType: 'group', chatId, mentions: [{ key: '@_user_1', ...agent }] });
      await say(boss, '@_user_1 扣分 @_user_2 值日', '2026-12-03 14:01:00', { chatType: 'group', chatId, mentions: [{ key: '@_user_1', ...bot }, { key: '@_user_2', ...agent }] });
      const [reply] = await inbox(chatId, 1);
      expect(reply.receiveIdType).toBe('chat_id');
      expect(await e2e.ds.getRepository(PointEntry).findBy({ employeeId: people['张伟'].id })).toMatchObject([{ points: -5, createdBy: people['王强'].id }]);
      await say(boss, '打卡', '2026-12-03 14:02:00', { senderType: 'app' });
      await say(bot, '打卡', '2026-12-03 14:03:00');
      expect(await e2e.ds.getRepository(Punch).countBy({ employeeId: people['王强'].id })).toBe(0);
    });

    test('an account bound to nobody gets one reply, nothing else', async () => {
      const stranger = { openId: 'ou_stranger_1' };
      await say(stranger, '打卡', '2026-12-03 15:00:00');
      expect(await lastText(stranger.openId, 1)).toContain('还没有登记为公司员工');
    });

    test('绑定 (U) over Feishu: a stranger asks, the admin\'s card approves, the open_id is bound and works', async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '赵敏', role: 'admin' }, { name: '刘洋', role: 'agent' }]);
      const admin = await e2e.bind(people['赵敏']);
      const newcomer = { openId: 'ou_newcomer_e2e' };
      await say(newcomer, `绑定 ${people['刘洋'].no}`, '2026-12-03 15:10:00');
      expect(await lastText(newcomer.openId, 1)).toMatch(new RegExp(`^已提交绑定申请 U\\d+：把你的账号绑定为 刘洋（${people['刘洋'].no}）`));
      const [card] = await inbox(admin.openId, 1);
      expect(cardText(card.content)).toMatch(new RegExp(`账号绑定审批 U\\d+\n申请账号：飞书 ou_newcomer_e2e\n要绑定的员工：刘洋（${people['刘洋'].no}，电话销售员）`));
      e2e.clock.set(sh('2026-12-03 15:15:00'));
      const click = await e2e.click(e2e.pushes.cardAction(admin, buttonsOf(card.content)[0].value, { at: sh('2026-12-03 15:15:00'), messageId: card.messageId }), card.messageId);
      expect(click.json().toast).toEqual({ type: 'success', content: expect.stringMatching(/^已批准 U\d+$/) });
      expect((await inbox(newcomer.openId, 3)).map((m) => m.content.text).join('\n')).toMatch(/已批准，审批人：赵敏。[\s\S]*欢迎加入，刘洋！/);
      await say(newcomer, '打卡', '2026-12-03 15:20:00');
      expect(await lastText(newcomer.openId, 4)).toMatch(/^上班打卡成功：15:20/);
    });
  });

  describe(`feishu card click past its budget [${kind}]`, () => {
    let e2e: FeishuE2e;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind, { adapter: { cardBudgetMs: 300 } });
    });
    afterAll(() => e2e.close());

    test('is answered in time with a toast; the decision still commits, the card is patched and the requester told', async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
      const [boss, agent] = [await e2e.bind(people['王强']), await e2e.bind(people['张伟'])];
      e2e.clock.set(sh('2026-12-03 10:00:00'));
      await e2e.post(e2e.pushes.text(agent, '请假 事假 12月4日 全天 家里有事', { at: sh('2026-12-03 10:00:00') }));
      const [card] = await e2e.fake.waitFor(() => e2e.fake.messagesTo(boss.openId).length === 1 && e2e.fake.messagesTo(boss.openId), 5000, 'the approval card');
      const approve = buttonsOf(card.content)[0];
      // Hold the request's row (MySQL) or the one SQLite connection until the click has been answered.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const holder = inTransaction(e2e.ds, async (em) => {
        if (kind === 'mysql') await em.query('SELECT id FROM leave_requests WHERE id = ? FOR UPDATE', [Number(approve.value.id)]);
        await gate;
      });
      const click = await e2e.click(e2e.pushes.cardAction(boss, approve.value, { at: sh('2026-12-03 10:05:00'), messageId: card.messageId }), card.messageId);
      expect([click.status, click.json()]).toEqual([200, { toast: { type: 'info', content: CARD_PROCESSING_TOAST } }]);
      expect((await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(approve.value.id) })).status).toBe('pending');
      open();
      await holder;
      await e2e.fake.waitFor(() => e2e.fake.textsTo(agent.openId).some((t) => /已批准，审批人：王强/.test(t)), 5000, 'the requester told');
      await e2e.fake.waitFor(() => e2e.fake.state.message(card.messageId)!.patches === 1, 5000, 'the card patched');
      expect((await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(approve.value.id) })).status).toBe('approved');
    });
  });
}
