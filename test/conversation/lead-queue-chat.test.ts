import { AuditEntry, CustomerRecord, Employee } from '../../src/db/entities';
import type { CardButton, NeutralCard } from '../../src/core/neutral-card';
import { leadView } from '../../src/services/reports';
import { ChatHarness, cardOf, texts } from '../helpers/chat-harness';
import { POLICY, makeTeam, serviceContext } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** A phone no other test of this file uses: records of one phone by two agents are flagged (duplicate leads). */
let seq = 0;
const base = String(Date.now() % 10_000).padStart(4, '0');
const newPhone = () => `137${base}${String(++seq).padStart(4, '0')}`;
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const record = (company: string, phone: string, grade = 'A') => `客户 ${company} | 张 | IT经理 ${phone} | 200 | 已上ERP | ${grade}`;
const field = (card: NeutralCard, label: string) => card.fields.find((f) => f.label === label)?.value;
const CHECKS_MISSING = '业务员拜访过、客户档案填写完好、业务员签字后，三项都写明才能确认（H-4）。';

/**
 * The salesperson's lead queue (COMMANDS.md second wave 待确认 / 确认; H-3, H-4, H-20): a new
 * A/B lead reaches the team's salespeople as a card; 待确认 lists the team's unqualified leads;
 * 确认 needs the three checks; the same phone by two agents is flagged to the supervisors.
 */
describeEachDb('chat: 待确认 / 确认 (the salesperson)', (db) => {
  const setup = async (opts: { pendingListMax?: number } = {}) => {
    const one = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '陈静', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const two = await makeTeam(db(), [
      { name: '孙丽', role: 'supervisor' },
      { name: '吴磊', role: 'salesperson' },
      { name: '周杰', role: 'agent' },
    ]);
    const policy = opts.pendingListMax ? { ...POLICY, customerRecord: { ...POLICY.customerRecord, pendingListMax: opts.pendingListMax } } : undefined;
    const chat = new ChatHarness(db(), { policy });
    const p = { ...one.people, ...two.people };
    await chat.bind(...Object.values(p));
    return { chat, p };
  };
  const rowOf = (id: number) => db().getRepository(CustomerRecord).findOneByOrFail({ id });
  /** Records a lead as `agent`; returns its id and the messages it caused. */
  const lead = async (chat: ChatHarness, agent: Employee, text: string, at = '2026-12-03 10:00:00') => {
    const { replies } = await chat.say(agent, text, { at });
    return { id: Number(/C(\d+)/.exec(texts(replies)[0])![1]), replies };
  };
  /** The card sent to `who` about lead `id` (the newest copy). */
  const cardTo = (chat: ChatHarness, who: Employee, id: number): NeutralCard => {
    const cards = chat.messenger.to(chat.account(who)).filter((m) => m.card?.title.endsWith(`C${id}`));
    return cardOf(cards[cards.length - 1]);
  };
  const qualifyButton = (card: NeutralCard): CardButton => card.buttons!.find((b) => b.actionId === 'lead.qualify')!;

  describe('a new A/B lead reaches the team’s salespeople', () => {
    test('H-4/H-20 each salesperson of the team gets a card with every detail and the phone; the agent’s reply masks it; nobody else is sent anything', async () => {
      const { chat, p } = await setup();
      const phone = newPhone();
      const { id, replies } = await lead(chat, p['张伟'], record('华为技术', phone));
      expect(replies.map((r) => r.target)).toEqual([
        { kind: 'user', externalId: chat.account(p['张伟']) },
        { kind: 'user', externalId: chat.account(p['刘洋']) },
        { kind: 'user', externalId: chat.account(p['陈静']) },
      ]);
      expect(texts(replies)[0]).toContain(masked(phone));
      expect(texts(replies)[0]).not.toContain(phone);
      for (const who of [p['刘洋'], p['陈静']]) {
        const card = cardTo(chat, who, id);
        expect(card.title).toBe(`待拜访客户 C${id}`);
        expect(card.fields).toEqual([
          { label: '客户名称', value: '华为技术' }, { label: '联系人', value: '张' }, { label: '部门职务电话', value: `IT经理 ${phone}` },
          { label: '电话', value: phone }, { label: '人数', value: '200' }, { label: '信息化现状', value: '已上ERP' }, { label: '等级', value: 'A 类' },
          { label: '销售员', value: `张伟（${p['张伟'].no}）` }, { label: '记录日期', value: '12月3日' },
        ]);
        const button = qualifyButton(card);
        expect(button).toMatchObject({ label: '确认', value: { id: String(id) }, command: `确认 C${id} 已拜访 档案完整 已签字` });
        expect(button.inputs?.map((i) => [i.name, i.label, i.kind, i.options?.map((o) => o.value)])).toEqual([
          ['visited', '已拜访', 'select', ['是', '否']], ['fileComplete', '档案完整', 'select', ['是', '否']], ['signed', '已签字', 'select', ['是', '否']],
        ]);
      }
      // Anyone else, another team's salesperson included, sees the record with the phone masked (H-20).
      const other = await leadView(serviceContext(db()), p['吴磊'], id);
      expect(other).toMatchObject({ phone: masked(phone), titlePhone: `IT经理 ${masked(phone)}`, masked: true });
      expect(await leadView(serviceContext(db()), p['刘洋'], id)).toMatchObject({ phone, masked: false });
    });

    test('a C record and an incomplete B record send nothing; completing the B sends the card once; a resend does not repeat it', async () => {
      const { chat, p } = await setup();
      const phone = newPhone();
      const c = await lead(chat, p['李娜'], record('联想', newPhone(), 'C'));
      expect(c.replies).toHaveLength(1);
      const partial = await lead(chat, p['李娜'], `客户 中兴 | 王 | ${phone} | | | B`);
      expect(partial.replies).toHaveLength(1);
      const done = await chat.say(p['李娜'], `客户 中兴 | 王 | ${phone} | 300 | 用友 | B`, { at: '2026-12-03 11:00:00' });
      expect(done.replies.map((r) => r.target)).toEqual([
        { kind: 'user', externalId: chat.account(p['李娜']) },
        { kind: 'user', externalId: chat.account(p['刘洋']) },
        { kind: 'user', externalId: chat.account(p['陈静']) },
      ]);
      expect(field(cardTo(chat, p['刘洋'], partial.id), '人数')).toBe('300');
      const again = await chat.say(p['李娜'], `客户 中兴 | 王 | ${phone} | 300 | 用友友 | B`, { at: '2026-12-03 11:30:00' });
      expect(again.replies).toHaveLength(1);
    });
  });

  test('a paste of more new leads than pendingListMax sends each salesperson one line pointing to 待确认, not a card each', async () => {
    const { chat, p } = await setup({ pendingListMax: 2 });
    const rows = [record('甲公司', newPhone()), record('乙公司', newPhone(), 'B'), record('丙公司', newPhone())].join('\n');
    const { replies } = await chat.say(p['张伟'], rows, { at: '2026-12-03 10:00:00' });
    const ids = [...texts(replies)[0].matchAll(/C(\d+) /g)].map((m) => m[1]);
    const line = `张伟新记录了 3 个 A/B 类客户（C${ids[0]}、C${ids[1]}…），请发送「待确认」查看并安排拜访（H-4）。`;
    expect(replies.slice(1).map((r) => [r.target, r.body.kind === 'text' ? r.body.text : 'card'])).toEqual([
      [{ kind: 'user', externalId: chat.account(p['刘洋']) }, line],
      [{ kind: 'user', externalId: chat.account(p['陈静']) }, line],
    ]);
  });

  describe('待确认', () => {
    test('the team’s unqualified complete A/B leads, oldest first, at most pendingListMax, saying how many more', async () => {
      const { chat, p } = await setup({ pendingListMax: 2 });
      const newer = await lead(chat, p['李娜'], record('李娜的B', newPhone(), 'B'), '2026-12-03 10:00:00');
      const oldest = await lead(chat, p['张伟'], record('最早的A', newPhone()), '2026-12-01 10:00:00');
      const middle = await lead(chat, p['张伟'], record('第二个A', newPhone()), '2026-12-02 10:00:00');
      await lead(chat, p['张伟'], record('C类', newPhone(), 'C'), '2026-12-01 09:00:00');
      await lead(chat, p['张伟'], `客户 不完整 | 王 | ${newPhone()} | | | A`, '2026-12-01 09:00:00');
      const done = await lead(chat, p['张伟'], record('已确认', newPhone()), '2026-11-30 10:00:00');
      await chat.say(p['刘洋'], `确认 C${done.id} 已拜访 档案完整 已签字`, { at: '2026-12-03 12:00:00' });
      await lead(chat, p['周杰'], record('别组的A', newPhone()), '2026-11-29 10:00:00');

      const { outcome, replies } = await chat.say(p['刘洋'], '待确认', { at: '2026-12-03 15:00:00' });
      expect(outcome.status).toBe('handled');
      expect(texts(replies)[0]).toBe('本组待确认的 A/B 类客户共 3 个（最早的在前，先列出最早的 2 个；确认后再发「待确认」看后面的）。拜访、档案完整、签字后点「确认」，或发送「确认 C310 已拜访 档案完整 已签字」。');
      const cards = replies.slice(1).map(cardOf);
      expect(cards.map((c) => c.title)).toEqual([`待拜访客户 C${oldest.id}`, `待拜访客户 C${middle.id}`]);
      expect(cards.map((c) => field(c, '电话'))).toEqual([expect.stringMatching(/^137\d{8}$/), expect.stringMatching(/^137\d{8}$/)]);

      await chat.say(p['刘洋'], `确认 C${oldest.id} 已拜访 档案完整 已签字`, { at: '2026-12-03 15:10:00' });
      const after = await chat.say(p['陈静'], 'leads', { at: '2026-12-03 15:20:00' });
      expect(texts(after.replies)[0]).toMatch(/^本组待确认的 A\/B 类客户共 2 个（最早的在前）。/);
      expect(after.replies.slice(1).map((r) => cardOf(r).title)).toEqual([`待拜访客户 C${middle.id}`, `待拜访客户 C${newer.id}`]);
    });

    test('the supervisor’s list asks which salesperson visited; a team with no leads is told so', async () => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['张伟'], record('华为技术', newPhone()));
      const { replies } = await chat.say(p['王强'], '待确认', { at: '2026-12-03 15:00:00' });
      const button = qualifyButton(cardOf(replies[1]));
      expect(button.command).toBe(`确认 C${id} @业务员 已拜访 档案完整 已签字`);
      expect(button.inputs?.[0]).toMatchObject({ name: 'visitor', kind: 'select', options: [{ value: String(p['刘洋'].id), label: '刘洋' }, { value: String(p['陈静'].id), label: '陈静' }] });
      expect(texts((await chat.say(p['吴磊'], '待确认')).replies)).toEqual(['本组没有待确认的 A/B 类客户。']);
    });

    test('authority: an agent or an admin cannot use 待确认', async () => {
      const { chat, p } = await setup();
      for (const who of [p['张伟'], p['赵敏']]) {
        const { outcome, replies } = await chat.say(who, '待确认');
        expect(outcome.status).toBe('user-error');
        expect(texts(replies)).toEqual(['「待确认」只有业务员、主管可以使用。发送「帮助」查看你能用的命令。']);
      }
    });
  });

  describe('确认 needs the three checks (H-4)', () => {
    test.each([
      ['no checks', '', '「已拜访」「档案完整」「已签字」'],
      ['one check', ' 已拜访', '「档案完整」「已签字」'],
      ['two checks', ' 已签字 已拜访 客户很满意', '「档案完整」'],
    ])('%s: refused naming the missing ones; nothing stored', async (_case, typed, missing) => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['张伟'], record('华为技术', newPhone()));
      const { outcome, replies } = await chat.say(p['刘洋'], `确认 C${id}${typed}`, { at: '2026-12-04 15:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`C${id} 还不能确认：没有写明${missing}。${CHECKS_MISSING}\n正确示例：确认 C310 已拜访 档案完整 已签字`]);
      expect(await rowOf(id)).toMatchObject({ qualifiedAt: null, qualifiedBy: null });
      expect(await db().getRepository(AuditEntry).countBy({ action: 'lead.qualify', subjectId: String(id) })).toBe(0);
    });
  });

  describe('the 确认 form', () => {
    test('a form without every check ticked is refused naming them; all three qualify it, the agent is told, every copy is settled without the phone', async () => {
      const { chat, p } = await setup();
      const phone = newPhone();
      const { id } = await lead(chat, p['张伟'], record('华为技术', phone));
      const button = qualifyButton(cardTo(chat, p['刘洋'], id));
      const half = await chat.click(p['刘洋'], button, { visited: '是', fileComplete: '否', signed: '' }, { at: '2026-12-04 15:00:00' });
      expect(texts(half.replies)).toEqual([`C${id} 还不能确认：没有写明「档案完整」「已签字」。${CHECKS_MISSING}\n正确示例：确认 C310 已拜访 档案完整 已签字`]);
      expect((await rowOf(id)).qualifiedAt).toBeNull();

      const { outcome, replies } = await chat.click(p['刘洋'], button, { visited: '是', fileComplete: '是', signed: '是' }, { at: '2026-12-04 15:05:00' });
      expect(outcome).toMatchObject({ status: 'handled', immediate: { toast: { text: `已确认 C${id}` } } });
      expect(texts(replies)).toEqual([
        `C${id} 华为技术（A 类，张伟 12月3日 的客户）已确认，拜访人：刘洋。\n从现在起计入张伟 2026年12月的工资：A 类客户 +100.00 元（H-4、H-8）。`,
        `你 12月3日 的客户 C${id} 华为技术（A 类）已由刘洋确认，计入 2026年12月工资 +100.00 元（H-4）。`,
      ]);
      expect(replies[1].target).toEqual({ kind: 'user', externalId: chat.account(p['张伟']) });
      expect(await rowOf(id)).toMatchObject({ qualifiedBy: p['刘洋'].id, visitedBy: p['刘洋'].id, qualificationNote: '已拜访 档案完整 已签字' });
      const copy = chat.messenger.to(chat.account(p['陈静'])).find((m) => m.card?.title.endsWith(`C${id}`))!;
      expect(copy.updates).toBe(1);
      expect(copy.card).toMatchObject({ title: `已确认客户 C${id}`, footer: '已由刘洋于 12月4日 15:05 确认（H-4）' });
      expect(copy.card?.buttons).toBeUndefined();
      expect(JSON.stringify(copy.card)).not.toContain(phone);
    });

    test('a click that carries no form (a WeCom button card) is told the exact text to send; nothing stored', async () => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['张伟'], record('华为技术', newPhone()));
      const { outcome, replies } = await chat.click(p['刘洋'], qualifyButton(cardTo(chat, p['刘洋'], id)), {}, { at: '2026-12-04 15:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([`这里的卡片不能勾选。请在拜访、档案完整、签字三项都做到后，发送下面这条消息确认（H-4）。\n正确示例：确认 C${id} 已拜访 档案完整 已签字`]);
      expect((await rowOf(id)).qualifiedAt).toBeNull();
    });

    test('the supervisor’s form names the salesperson who visited', async () => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['李娜'], record('联想', newPhone(), 'B'));
      const { replies } = await chat.say(p['王强'], '待确认', { at: '2026-12-04 15:00:00' });
      const button = qualifyButton(cardOf(replies[1]));
      const done = await chat.click(p['王强'], button, { visitor: String(p['陈静'].id), visited: '是', fileComplete: '是', signed: '是' }, { at: '2026-12-04 15:05:00' });
      expect(texts(done.replies)[0]).toBe(`C${id} 联想（B 类，李娜 12月3日 的客户）已确认，拜访人：陈静。\n从现在起计入李娜 2026年12月的工资：B 类客户 +50.00 元（H-4、H-8）。`);
      expect(await rowOf(id)).toMatchObject({ qualifiedBy: p['王强'].id, visitedBy: p['陈静'].id });
    });

    test.each<[string, (ids: { record: number; agent: number; other: number }) => { value?: Record<string, unknown>; form?: Record<string, string> }, string]>([
      ['an id that is no id', () => ({ value: { id: '1 OR 1=1' } }), '这张卡片的按钮数据不对，没有处理。请重新发送命令。\n正确示例：确认 C310 已拜访 档案完整 已签字'],
      ['a check that is no choice', () => ({ form: { visited: '当然', fileComplete: '是', signed: '是' } }), '「已拜访」只能选：是、否，没有处理。\n正确示例：确认 C310 已拜访 档案完整 已签字'],
      ['a visitor that is nobody', () => ({ form: { visitor: '2147483000', visited: '是', fileComplete: '是', signed: '是' } }), '没有这位业务员，没有处理。\n正确示例：确认 C310 @李四 已拜访 档案完整 已签字'],
      ['a visitor that is no id', () => ({ form: { visitor: 'x', visited: '是', fileComplete: '是', signed: '是' } }), '「拜访业务员」选得不对，没有处理。\n正确示例：确认 C310 @李四 已拜访 档案完整 已签字'],
      ['another salesperson as the visitor', (ids) => ({ form: { visitor: String(ids.other), visited: '是', fileComplete: '是', signed: '是' } }), '业务员只能以自己的名义确认客户（H-4）。'],
    ])('a forged click from a salesperson (%s) is refused; nothing stored', async (_case, forge, message) => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['张伟'], record('华为技术', newPhone()));
      const button = qualifyButton(cardTo(chat, p['刘洋'], id));
      const forged = forge({ record: id, agent: p['张伟'].id, other: p['陈静'].id });
      const { outcome, replies } = await chat.click(p['刘洋'], { ...button, value: (forged.value ?? button.value) as Record<string, string> }, forged.form ?? {}, { at: '2026-12-04 15:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([message]);
      expect(await rowOf(id)).toMatchObject({ qualifiedAt: null, qualifiedBy: null, visitedBy: null });
    });

    test('the supervisor cannot name an agent as the visitor; another team’s salesperson cannot use a copied button', async () => {
      const { chat, p } = await setup();
      const { id } = await lead(chat, p['张伟'], record('华为技术', newPhone()));
      const button = qualifyButton(cardTo(chat, p['刘洋'], id));
      const ticked = { visited: '是', fileComplete: '是', signed: '是' };
      const agent = await chat.click(p['王强'], button, { ...ticked, visitor: String(p['李娜'].id) }, { at: '2026-12-04 15:00:00' });
      expect(texts(agent.replies)).toEqual(['拜访人必须是该销售员所在组的业务员（H-4）。\n正确示例：确认 C310 @李四 已拜访 档案完整 已签字']);
      const other = await chat.click(p['吴磊'], button, ticked, { at: '2026-12-04 15:00:00' });
      expect(other.outcome.status).toBe('user-error');
      expect(texts(other.replies)).toEqual(['只有该销售员所在组的业务员、主管或管理员可以确认客户（H-4）。']);
      const typed = await chat.say(p['吴磊'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-04 15:00:00' });
      expect(texts(typed.replies)).toEqual(['只有该销售员所在组的业务员、主管或管理员可以确认客户（H-4）。']);
      const byAgent = await chat.click(p['张伟'], button, ticked, { at: '2026-12-04 15:00:00' });
      expect(byAgent.outcome.status).toBe('user-error');
      expect(await rowOf(id)).toMatchObject({ qualifiedAt: null, qualifiedBy: null, visitedBy: null });
    });
  });

  describe('possible duplicate leads', () => {
    test('the same phone by an agent of another team within the window: both supervisors are told, both records named, the phone masked; nothing dropped', async () => {
      const { chat, p } = await setup();
      const phone = newPhone();
      const first = await lead(chat, p['张伟'], record('华为技术', phone, 'C'), '2026-12-01 10:00:00');
      expect(first.replies).toHaveLength(1);
      const second = await lead(chat, p['周杰'], record('华为', phone, 'A'), '2026-12-20 10:00:00');
      const notice = [
        `可能重复的客户：电话 ${masked(phone)} 由不同销售员记录。`,
        `新记录：C${second.id} 华为（周杰 12月20日 记录，A 类）`,
        `之前的记录：C${first.id} 华为技术（张伟 12月1日 记录，C 类）`,
        '请核实是否为同一客户、该算谁的；系统没有删除或合并任何记录。',
      ].join('\n');
      const toSupervisors = second.replies.filter((r) => r.target.kind === 'user' && [chat.account(p['王强']), chat.account(p['孙丽'])].includes(r.target.externalId));
      expect(toSupervisors.map((r) => [r.target, texts([r])[0]])).toEqual([
        [{ kind: 'user', externalId: chat.account(p['孙丽']) }, notice],
        [{ kind: 'user', externalId: chat.account(p['王强']) }, notice],
      ]);
      expect(await rowOf(first.id)).toMatchObject({ phone, agentId: p['张伟'].id });
      expect(await rowOf(second.id)).toMatchObject({ phone, agentId: p['周杰'].id, grade: 'A', complete: true });
    });

    test('beyond the window, or the same agent again, nobody is told', async () => {
      const { chat, p } = await setup();
      const phone = newPhone();
      await lead(chat, p['张伟'], record('华为技术', phone), '2026-11-01 10:00:00');
      const late = await lead(chat, p['李娜'], record('华为', phone), '2026-12-03 10:00:00');
      expect(late.replies.map((r) => r.target)).toEqual([
        { kind: 'user', externalId: chat.account(p['李娜']) },
        { kind: 'user', externalId: chat.account(p['刘洋']) },
        { kind: 'user', externalId: chat.account(p['陈静']) },
      ]);
      const same = await lead(chat, p['李娜'], record('华为', phone), '2026-12-04 10:00:00');
      expect(same.replies.some((r) => texts([r])[0].startsWith('可能重复的客户'))).toBe(false);
    });
  });
});
