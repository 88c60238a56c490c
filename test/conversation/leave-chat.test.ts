import { LeaveRequest, PointEntry } from '../../src/db/entities';
import { MemoryMessenger } from '../helpers/memory-messenger';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { closeDay } from '../../src/services/attendance';
import { makeTeam, serviceContext } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

describeEachDb('chat: 请假 / 审批 / 同意 / 驳回 / 撤回 (H-14)', (db) => {
  const setup = async () => {
    const a = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '陈静', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const b = await makeTeam(db(), [{ name: '孙丽', role: 'supervisor' }, { name: '周杰', role: 'agent' }]);
    const p = { ...a.people, ...b.people };
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(p));
    return { chat, p };
  };
  const leaveCount = async (employeeId: number) => db().getRepository(LeaveRequest).countBy({ employeeId });

  test('the whole flow: request → approval card to the supervisor → 同意 → card updated everywhere, requester told', async () => {
    const { chat, p } = await setup();
    const sent = await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    expect(texts(sent.replies)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^已提交请假 L(\d+)：事假 12月4日 全天，等待王强审批。$/)]),
    );
    const card = chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!;
    expect(MemoryMessenger.text(card)).toMatch(/请假审批 L\d+[\s\S]*申请人：张伟[\s\S]*类型：事假[\s\S]*时间：12月4日 全天[\s\S]*原因：家里有事[\s\S]*本月：积分 100/);
    const approve = card.card!.buttons!.find((b) => b.actionId === 'leave.approve')!;
    expect(approve.command).toMatch(/^同意 L\d+$/);
    const clicked = await chat.click(p['王强'], approve, {}, { at: '2026-12-03 10:05:00' });
    expect(clicked.outcome).toMatchObject({ status: 'handled', immediate: { toast: { kind: 'success' }, card: { footer: expect.stringContaining('已由王强于 12月3日 10:05 批准') } } });
    expect(card.updates).toBe(1);
    expect(card.card!.footer).toContain('批准');
    expect(card.card!.buttons).toBeUndefined();
    expect(chat.inbox(p['张伟']).at(-1)).toMatch(/你的请假 L\d+（事假 12月4日 全天）已批准，审批人：王强。/);
  });

  test('clicking an already-decided card answers who decided and changes nothing', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const card = chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!;
    const id = card.card!.buttons![0].value.id;
    await chat.say(p['王强'], `驳回 L${id} 当天有培训`, { at: '2026-12-03 10:01:00' });
    const original = card.body.kind === 'card' ? card.body.card.buttons![0] : undefined;
    const late = await chat.click(p['赵敏'], original!, {}, { at: '2026-12-03 10:02:00' });
    expect(late.outcome.status).toBe('user-error');
    expect(texts(late.replies)).toEqual([expect.stringContaining(`L${id} 已由王强于 12月3日 10:01 驳回`)]);
    expect(await db().getRepository(LeaveRequest).findOneByOrFail({ id: Number(id) })).toMatchObject({ status: 'rejected', decidedBy: p['王强'].id, decisionNote: '当天有培训' });
  });

  test.each([
    ['the same day: refused with H-14 quoted', '请假 事假 今天 全天 有事', /H-14/],
    ['no reason', '请假 事假 12月5日 全天', /缺少请假原因|原因/],
    ['no kind', '请假 12月5日 全天 有事', /事假 或 病假/],
    ['an impossible date', '请假 事假 2月30日 全天 有事', /日期|2月30日/],
  ])('bad request: %s — nothing stored', async (_case, text, error) => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['张伟'], text, { at: '2026-12-03 10:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies).join()).toMatch(error);
    expect(texts(replies).join()).toContain('正确示例');
    expect(await leaveCount(p['张伟'].id)).toBe(0);
  });

  test.each([
    ['an agent approving', '陈静'],
    ['the supervisor of another team', '孙丽'],
    ['the requester approving their own', '张伟'],
  ])('authorisation: %s is refused and nothing changes', async (_case, who) => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    const { outcome } = await chat.say(p[who], `同意 L${request.id}`, { at: '2026-12-03 10:05:00' });
    expect(outcome.status).toBe('user-error');
    expect((await db().getRepository(LeaveRequest).findOneByOrFail({ id: request.id })).status).toBe('pending');
  });

  test('a supervisor\'s leave goes to the admin', async () => {
    const { chat, p } = await setup();
    await chat.say(p['王强'], '请假 事假 12月4日 上午 体检', { at: '2026-12-03 10:00:00' });
    expect(chat.messenger.to(chat.account(p['赵敏'])).filter((m) => m.body.kind === 'card')).toHaveLength(1);
  });

  test('sick leave: the image sent next is attached, then it can be approved', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['张伟'], '请假 病假 12月4日 全天 发烧', { at: '2026-12-03 20:00:00' });
    expect(texts(replies).join()).toContain('请直接发送图片');
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    const early = await chat.say(p['王强'], `同意 L${request.id}`, { at: '2026-12-03 20:05:00' });
    expect(texts(early.replies).join()).toContain('病假条');
    const photo = { kind: 'image' as const, key: 'img-1', fileName: 'note.jpg', mimeType: 'image/jpeg', fetch: async () => Buffer.from('jpeg-bytes') };
    const attached = await chat.say(p['张伟'], '', { at: '2026-12-03 20:10:00', files: [photo] });
    expect(texts(attached.replies)).toEqual([expect.stringContaining(`已将病假条附在请假 L${request.id} 上`)]);
    const card = chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!;
    expect(card.card!.fields.find((f) => f.label === '病假条')?.value).toBe('已附');
    expect((await chat.say(p['王强'], `同意 L${request.id}`, { at: '2026-12-03 20:15:00' })).outcome.status).toBe('handled');
  });

  test('撤回: own pending request only; the card shows it', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    expect((await chat.say(p['陈静'], `撤回 L${request.id}`)).outcome.status).toBe('user-error');
    expect(texts((await chat.say(p['张伟'], `撤回 L${request.id}`)).replies)).toEqual([expect.stringContaining(`已撤回请假 L${request.id}`)]);
    const card = chat.messenger.to(chat.account(p['王强'])).find((m) => m.body.kind === 'card')!;
    expect(card.card!.footer).toContain('已由申请人');
  });

  test('an admin files for someone without notice; the employee is told', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['赵敏'], '请假 @张伟 病假 今天 全天 发烧', { at: '2026-12-03 08:30:00', mentions: [p['张伟']] });
    expect(texts(replies).join()).toMatch(/已提交请假 L\d+：张伟 病假 12月3日 全天/);
    expect(chat.inbox(p['张伟']).join()).toContain('赵敏已为你登记请假');
  });

  test('审批 lists the supervisor\'s pending requests as cards; none → says so', async () => {
    const { chat, p } = await setup();
    expect(texts((await chat.say(p['王强'], '审批')).replies)).toEqual(['没有待你审批的请假、补卡、申诉或绑定。']);
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const { replies } = await chat.say(p['王强'], '审批', { at: '2026-12-03 10:01:00' });
    expect(replies.map((r) => r.body.kind)).toEqual(['card']);
  });

  test('a late approval re-judges the day: the absence is reversed', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    await closeDay(serviceContext(db()), '2026-12-04', new Date('2026-12-04T15:50:00Z'));
    expect(await db().getRepository(PointEntry).countBy({ employeeId: p['张伟'].id, code: 'absent-day' })).toBe(1);
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    await chat.say(p['王强'], `同意 L${request.id}`, { at: '2026-12-05 09:00:00' });
    const entries = await db().getRepository(PointEntry).findBy({ employeeId: p['张伟'].id, workDate: '2026-12-04' });
    expect(entries.reduce((s, e) => s + e.points, 0)).toBe(0);
  });
});
