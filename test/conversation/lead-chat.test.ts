import { AuditEntry, CustomerRecord, Employee } from '../../src/db/entities';
import { ChatHarness, texts, cardOf } from '../helpers/chat-harness';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

const ids = (text: string): number[] => [...text.matchAll(/C(\d+)/g)].map((m) => Number(m[1]));
const HUAWEI = '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A';

describeEachDb('chat: 客户 / 确认', (db) => {
  const setup = async () => {
    const one = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '刘洋', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const two = await makeTeam(db(), [
      { name: '孙丽', role: 'supervisor' },
      { name: '吴磊', role: 'salesperson' },
    ]);
    const chat = new ChatHarness(db());
    const p = { ...one.people, ...two.people };
    await chat.bind(...Object.values(p));
    return { chat, p };
  };
  const recordsOf = (agent: Employee) => db().getRepository(CustomerRecord).find({ where: { agentId: agent.id }, order: { id: 'ASC' } });
  const fieldsOf = (r: CustomerRecord) => ({
    workDate: r.workDate, company: r.company, contact: r.contact, titlePhone: r.titlePhone, phone: r.phone,
    headcount: r.headcount, itStatus: r.itStatus, grade: r.grade, complete: r.complete,
  });
  const recordFor = async (chat: ChatHarness, agent: Employee, text: string, at = '2026-12-03 10:00:00'): Promise<number> => {
    const { replies } = await chat.say(agent, text, { at });
    return ids(texts(replies)[0])[0];
  };

  describe('客户', () => {
    test('H-3 one positional record: stored complete, the reply shows its C id, masks the phone, counts it', async () => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['张伟'], HUAWEI, { at: '2026-12-03 10:00:00' });
      expect(outcome.status).toBe('handled');
      const [row] = await recordsOf(p['张伟']);
      // The other messages are the lead's card to the salesperson (lead-queue-chat.test.ts).
      expect(texts(replies.filter((r) => r.target.kind === 'user' && r.target.externalId === chat.account(p['张伟'])))).toEqual([
        `已记录 1 条客户记录（12月3日），其中有效电话 1 条：\nC${row.id} 华为技术 138****0000（A 类）：有效电话\n今天有效电话共 1 个。`,
      ]);
      expect(fieldsOf(row)).toEqual({
        workDate: '2026-12-03', company: '华为技术', contact: '张', titlePhone: 'IT经理 13800000000', phone: '13800000000',
        headcount: '200', itStatus: '已上ERP', grade: 'A', complete: true,
      });
    });

    test('several lines with 客户 once, key=value and incomplete rows: each with its id, the missing fields named', async () => {
      const { chat, p } = await setup();
      const { replies } = await chat.say(p['张伟'], [
        '客户 公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A',
        '联想 | 李 | 采购部 | 50 | 无',
        '中兴 | 王 | 13900000002 | | | B',
      ].join('\n'), { at: '2026-12-03 10:00:00' });
      const rows = await recordsOf(p['张伟']);
      expect(rows.map((r) => [r.company, r.complete, r.grade])).toEqual([['华为', true, 'A'], ['联想', false, 'C'], ['中兴', false, 'B']]);
      expect(texts(replies)[0]).toBe([
        '已记录 3 条客户记录（12月3日），其中有效电话 1 条：',
        `C${rows[0].id} 华为 138****0000（A 类）：有效电话`,
        `C${rows[1].id} 联想：不完整，缺电话号码，不算有效电话`,
        `C${rows[2].id} 中兴 139****0002（B 类）：不完整，缺人数、信息化现状，不算有效电话`,
        '补全方法：同一电话今天再发一次，写上缺的项（H-3）。',
        '今天有效电话共 1 个。',
      ].join('\n'));
    });

    test('Excel rows pasted with tabs and a header row, and full-width input', async () => {
      const { chat, p } = await setup();
      const pasted = [
        '客户',
        '客户名称\t联系人\t部门职务电话\t人数\t信息化现状\t等级',
        '华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA',
        '联想\t李\t采购 010-88886666\t50\t无\tB',
        '',
      ].join('\r\n');
      const { replies } = await chat.say(p['张伟'], pasted, { at: '2026-12-03 10:00:00' });
      expect(texts(replies)[0]).toMatch(/^已记录 2 条客户记录（12月3日），其中有效电话 2 条：\nC\d+ 华为技术 138\*\*\*\*0000（A 类）：有效电话\nC\d+ 联想 010\*\*\*\*6666（B 类）：有效电话\n今天有效电话共 2 个。$/);
      expect((await recordsOf(p['张伟'])).map((r) => [r.company, r.phone, r.grade, r.complete])).toEqual([
        ['华为技术', '13800000000', 'A', true], ['联想', '01088886666', 'B', true],
      ]);

      await chat.say(p['李娜'], '客户　华为技术｜张｜IT经理　１３８００００００００｜２００｜已上ERP｜Ａ', { at: '2026-12-03 10:00:00' });
      expect((await recordsOf(p['李娜'])).map(fieldsOf)).toEqual((await recordsOf(p['张伟'])).slice(0, 1).map(fieldsOf));
    });

    test('the same phone again that day completes the record and is not counted twice', async () => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['张伟'], '客户 中兴 | 王 | 13900000002 | | | B');
      const { replies } = await chat.say(p['张伟'], '客户 中兴 | 王 | 13900000002 | 300 | 用友 | B', { at: '2026-12-03 11:00:00' });
      expect(texts(replies)[0]).toBe(
        `已记录 1 条客户记录（12月3日），其中有效电话 1 条：\nC${id} 中兴 139****0002（B 类）：有效电话（今天已记过这个电话，已补全/更正）\n今天有效电话共 1 个。`,
      );
      expect((await recordsOf(p['张伟'])).map((r) => [r.id, r.headcount, r.complete])).toEqual([[id, '300', true]]);
    });

    test('a reply in a group chat never carries a full phone number', async () => {
      const { chat, p } = await setup();
      const { replies } = await chat.say(p['张伟'], HUAWEI, { at: '2026-12-03 10:00:00', group: 'team-room' });
      // Besides the group reply: the lead's card to the salesperson and duplicate notices, all direct (lead-queue-chat.test.ts).
      expect(replies.filter((r) => r.target.kind !== 'user').map((r) => r.target)).toEqual([{ kind: 'chat', chatId: 'team-room' }]);
      expect(texts(replies)[0]).toContain('138****0000');
      expect(texts(replies)[0]).not.toMatch(/\d{7,}/);
    });

    test.each([
      ['客户 华为技术 | 张 | 13800000000 | 200', '第 1 行有 4 列，应为 5 或 6 列'],
      ['客户 公司=华为 网址=huawei.com', '第 1 行有不认识的项“网址”'],
      ['客户 华为技术 | 张 | 13800000000 | 200 | ERP | A\n联想 | 李 | 13900000001 | 50 | 无 | D', '第 2 条的等级只能写 A、B 或 C'],
      ['客户 | 张 | IT经理 | 200 | 已上ERP', '第 1 条既没有客户名称也没有电话号码'],
    ])('a bad record (%s) refuses the whole message, naming the row; nothing is stored', async (text, reason) => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-03 10:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual([expect.stringMatching(new RegExp(`^${reason}.*\\n正确示例：客户 华为技术 \\| 张 \\| IT经理 13800000000 \\| 200 \\| 已上ERP \\| A$`))]);
      expect(await recordsOf(p['张伟'])).toEqual([]);
    });

    test('客户 is for agents only: a salesperson is refused, nothing stored', async () => {
      const { chat, p } = await setup();
      const { outcome, replies } = await chat.say(p['刘洋'], HUAWEI, { at: '2026-12-03 10:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual(['「客户」只有电话销售员可以使用。发送「帮助」查看你能用的命令。']);
      expect(await recordsOf(p['刘洋'])).toEqual([]);
    });

    test('客户 alone opens the record form; submitting it stores the same record as the text', async () => {
      const { chat, p } = await setup();
      const card = cardOf((await chat.say(p['李娜'], '客户', { at: '2026-12-03 10:00:00' })).replies[0]);
      expect(card.form?.inputs.map((i) => i.name)).toEqual(['company', 'contact', 'titlePhone', 'headcount', 'itStatus', 'grade']);
      expect(card.form?.inputs.find((i) => i.name === 'grade')).toMatchObject({ kind: 'select', options: [{ value: 'A' }, { value: 'B' }, { value: 'C' }] });
      expect(card.form?.submit).toMatchObject({ actionId: 'lead.submit', command: HUAWEI });

      const byText = await chat.say(p['张伟'], HUAWEI, { at: '2026-12-03 10:05:00' });
      const byForm = await chat.click(p['李娜'], card.form!.submit, {
        company: '华为技术', contact: '张', titlePhone: 'IT经理 １３８００００００００', headcount: '200', itStatus: '已上ERP', grade: 'A',
      }, { at: '2026-12-03 10:05:00' });
      const [formRow] = await recordsOf(p['李娜']);
      expect(byForm.outcome).toMatchObject({ status: 'handled', immediate: { toast: { text: `已记录 C${formRow.id}` } } });
      expect(texts(byForm.replies)[0].replace(/C\d+/g, 'C#')).toBe(texts(byText.replies)[0].replace(/C\d+/g, 'C#'));
      expect((await recordsOf(p['李娜'])).map(fieldsOf)).toEqual((await recordsOf(p['张伟'])).map(fieldsOf));
    });

    test('a form missing a field stores an incomplete record and names the field', async () => {
      const { chat, p } = await setup();
      const card = cardOf((await chat.say(p['李娜'], 'lead', { at: '2026-12-03 10:00:00' })).replies[0]);
      const { replies } = await chat.click(p['李娜'], card.form!.submit, { company: '联想', contact: '李', titlePhone: '13900000001', headcount: '', itStatus: '无' });
      expect(texts(replies)[0]).toMatch(/^已记录 1 条客户记录（12月3日），其中有效电话 0 条：\nC\d+ 联想 139\*\*\*\*0001：不完整，缺人数，不算有效电话\n/);
      expect((await recordsOf(p['李娜'])).map((r) => [r.complete, r.grade])).toEqual([[false, 'C']]);
    });
  });

  describe('确认', () => {
    test('H-4 a salesperson of the team qualifies an A lead: the reply says it counts for pay; the agent is told', async () => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['张伟'], HUAWEI);
      const { outcome, replies } = await chat.say(p['刘洋'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-04 15:00:00' });
      expect(outcome.status).toBe('handled');
      expect(texts(replies)).toEqual([
        `C${id} 华为技术（A 类，张伟 12月3日 的客户）已确认，拜访人：刘洋。\n从现在起计入张伟 2026年12月的工资：A 类客户 +100.00 元（H-4、H-8）。`,
        `你 12月3日 的客户 C${id} 华为技术（A 类）已由刘洋确认，计入 2026年12月工资 +100.00 元（H-4）。`,
      ]);
      expect(replies.map((r) => r.target)).toEqual([{ kind: 'user', externalId: chat.account(p['刘洋']) }, { kind: 'user', externalId: chat.account(p['张伟']) }]);
      const [row] = await recordsOf(p['张伟']);
      expect(row).toMatchObject({ qualifiedBy: p['刘洋'].id, visitedBy: p['刘洋'].id, qualificationNote: '已拜访 档案完整 已签字' });
      expect(row.qualifiedAt?.toISOString()).toBe('2026-12-04T07:00:00.000Z');
    });

    test('a supervisor enters it for the salesperson named; full-width ids work', async () => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['李娜'], '客户 联想 | 李 | 采购 13900000001 | 50 | 无 | B');
      const fullWidthId = String(id).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      const full = '确认\u3000Ｃ' + fullWidthId + '\u3000@刘洋\u3000已拜访 档案完整 已签字';
      const { replies } = await chat.say(p['王强'], full, { at: '2026-12-04 15:00:00', mentions: [p['刘洋']] });
      expect(texts(replies)[0]).toBe(`C${id} 联想（B 类，李娜 12月3日 的客户）已确认，拜访人：刘洋。\n从现在起计入李娜 2026年12月的工资：B 类客户 +50.00 元（H-4、H-8）。`);
      expect(await recordsOf(p['李娜'])).toMatchObject([{ qualifiedBy: p['王强'].id, visitedBy: p['刘洋'].id, qualificationNote: '已拜访 档案完整 已签字' }]);
    });

    test('a supervisor who names no salesperson is asked for one; nothing stored', async () => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['张伟'], HUAWEI);
      const { outcome, replies } = await chat.say(p['王强'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-04 15:00:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual(['请写明拜访并签字的业务员（H-4）。\n正确示例：确认 C310 @李四 已拜访 档案完整 已签字']);
      expect(await recordsOf(p['张伟'])).toMatchObject([{ qualifiedAt: null, qualifiedBy: null }]);
    });

    test('authorisation: a salesperson or supervisor of another team, and an agent, are refused; nothing stored', async () => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['张伟'], HUAWEI);
      const other = await chat.say(p['吴磊'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-04 15:00:00' });
      expect(texts(other.replies)).toEqual(['只有该销售员所在组的业务员、主管或管理员可以确认客户（H-4）。']);
      const otherSup = await chat.say(p['孙丽'], `确认 C${id} @吴磊 已拜访`, { at: '2026-12-04 15:00:00', mentions: [p['吴磊']] });
      expect(texts(otherSup.replies)).toEqual(['只有该销售员所在组的业务员、主管或管理员可以确认客户（H-4）。']);
      const agent = await chat.say(p['李娜'], `确认 C${id}`, { at: '2026-12-04 15:00:00' });
      expect(texts(agent.replies)).toEqual(['「确认」只有业务员、主管、管理员可以使用。发送「帮助」查看你能用的命令。']);
      expect([other.outcome.status, otherSup.outcome.status, agent.outcome.status]).toEqual(['user-error', 'user-error', 'user-error']);
      expect(await recordsOf(p['张伟'])).toMatchObject([{ qualifiedAt: null, qualifiedBy: null, visitedBy: null }]);
      expect(await db().getRepository(AuditEntry).countBy({ action: 'lead.qualify', subjectId: String(id) })).toBe(0);
    });

    test.each([
      ['a C record', '客户 联想 | 李 | 采购 13900000001 | 50 | 无', (id: number) => `C${id} 不能确认：这条记录是 C 类。只有信息完整的 A/B 类客户，经业务员拜访并签字后才能确认（H-4）。`],
      ['an incomplete A record', '客户 中兴 | 王 | 13900000002 | | | A', (id: number) => `C${id} 不能确认：这条记录信息不完整。只有信息完整的 A/B 类客户，经业务员拜访并签字后才能确认（H-4）。`],
    ])('qualifying %s is refused with the rule quoted; nothing stored', async (_what, record, message) => {
      const { chat, p } = await setup();
      const id = await recordFor(chat, p['张伟'], record);
      const { replies } = await chat.say(p['刘洋'], `确认 C${id} 已拜访`, { at: '2026-12-04 15:00:00' });
      expect(texts(replies)).toEqual([`${message(id)}\n正确示例：确认 C310 已拜访 档案完整 已签字`]);
      expect(await recordsOf(p['张伟'])).toMatchObject([{ qualifiedAt: null }]);
    });

    test('bad ids: another prefix, a missing id, an unknown record; a second 确认 is a conflict', async () => {
      const { chat, p } = await setup();
      expect(texts((await chat.say(p['刘洋'], '确认 L42 已拜访')).replies)).toEqual(['看不懂编号“L42”，应为 C 加数字，如 C310\n正确示例：确认 C310 已拜访 档案完整 已签字']);
      expect(texts((await chat.say(p['刘洋'], '确认')).replies)).toEqual(['缺少编号，如 C310\n正确示例：确认 C310 已拜访 档案完整 已签字']);
      expect(texts((await chat.say(p['刘洋'], '确认 C999999 已拜访')).replies)).toEqual(['没有找到客户记录 C999999。']);
      const id = await recordFor(chat, p['张伟'], HUAWEI);
      await chat.say(p['刘洋'], `确认 C${id} 已拜访 档案完整 已签字`, { at: '2026-12-04 15:00:00' });
      const again = await chat.say(p['王强'], `确认 C${id} @刘洋 再次确认`, { at: '2026-12-04 16:00:00', mentions: [p['刘洋']] });
      expect(texts(again.replies)).toEqual([`C${id} 已于 12月4日 15:00 由 刘洋 确认，不能重复确认（H-4）。`]);
      expect(await recordsOf(p['张伟'])).toMatchObject([{ qualifiedBy: p['刘洋'].id, qualificationNote: '已拜访 档案完整 已签字' }]);
    });
  });
});
