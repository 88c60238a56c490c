import { CustomerRecord, DailyReport, LeaveRequest, MeetingCheckin, PointEntry } from '../../src/db/entities';
import type { CardButton } from '../../src/core/neutral-card';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/**
 * Card clicks carry values the bot put on the button and inputs people typed, both coming
 * back through a platform: anything the bot never sent is refused with a Chinese reply, and
 * nothing is stored (the router finds actions by own property only; text limits are
 * text-limits-chat's).
 */
describeEachDb('chat: forged card clicks are refused, nothing stored', (db) => {
  const setup = async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(p));
    await chat.say(p['张伟'], '请假 事假 12月4日 全天 家里有事', { at: '2026-12-03 10:00:00' });
    const [request] = await db().getRepository(LeaveRequest).findBy({ employeeId: p['张伟'].id });
    const button = (actionId: string, value: Record<string, unknown>): CardButton => ({ label: 'x', actionId, value: value as Record<string, string>, command: 'x' });
    return { chat, p, request, button };
  };
  const stored = async () => ({
    leave: (await db().getRepository(LeaveRequest).find({ order: { id: 'ASC' } })).map((r) => [r.status, r.decidedBy, r.reason.length]),
    points: await db().getRepository(PointEntry).count(),
    reports: await db().getRepository(DailyReport).count(),
    records: await db().getRepository(CustomerRecord).count(),
    checkins: await db().getRepository(MeetingCheckin).count(),
  });

  test.each<[string, (id: number) => Record<string, unknown>]>([
    ['SQL in the id', () => ({ id: '1 OR 1=1' })],
    ['the id in hex (Number() reads it)', (id) => ({ id: `0x${id.toString(16)}` })],
    ['the id with an exponent', (id) => ({ id: `${id}e0` })],
    ['the id padded', (id) => ({ id: ` ${id} ` })],
    ['a negative id', (id) => ({ id: `-${id}` })],
    ['an id past INT', () => ({ id: '99999999999' })],
    ['a huge id', () => ({ id: '9'.repeat(10_000) })],
    ['the id as an array', (id) => ({ id: [String(id)] })],
    ['the id as a number', (id) => ({ id })],
    ['__proto__ as the id', () => ({ id: '__proto__' })],
    ['constructor as the id', () => ({ id: 'constructor' })],
    ['no id', () => ({})],
    ['an extra value', (id) => ({ id: String(id), as: 'admin' })],
  ])('同意 with %s: refused, the request stays pending', async (_case, value) => {
    const { chat, p, request, button } = await setup();
    const before = await stored();
    const { outcome, replies } = await chat.click(p['王强'], button('leave.approve', value(request.id)), {}, { at: '2026-12-03 10:05:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual(['这张卡片的按钮数据不对，没有处理。请重新发送命令。\n正确示例：同意 L42']);
    expect(await stored()).toEqual(before);
  });

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'the action id %s is no action: the card is answered as expired, nothing runs',
    async (actionId) => {
      const { chat, p, request, button } = await setup();
      const before = await stored();
      const { outcome, replies } = await chat.click(p['王强'], button(actionId, { id: String(request.id) }), {}, { at: '2026-12-03 10:05:00' });
      expect(outcome.status).toBe('user-error');
      expect(texts(replies)).toEqual(['这张卡片已失效，请重新发送命令。']);
      expect(await stored()).toEqual(before);
    },
  );

  test.each<[string, string, Record<string, string>, string]>([
    ['a leave type that is not on the form', 'leave.submit', { kind: '年假', start: '12月5日', reason: '有事' }, '「类型」只能选：事假、病假，没有处理。'],
    ['a half that is not on the form', 'leave.submit', { kind: '事假', start: '12月5日', startHalf: '1=1', reason: '有事' }, '「开始」只能选：全天、上午、下午，没有处理。'],
    ['a record grade that is not on the form', 'lead.submit', { company: '华为', contact: '张', titlePhone: '13800000000', headcount: '2', itStatus: '无', grade: 'S' }, '「等级」只能选：A、B、C，没有处理。'],
  ])('a form with %s is refused, nothing stored', async (_case, actionId, form, reply) => {
    const { chat, p, button } = await setup();
    const before = await stored();
    const { outcome, replies } = await chat.click(p['张伟'], button(actionId, {}), form, { at: '2026-12-03 17:01:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([expect.stringMatching(new RegExp(`^${reply.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n正确示例：`))]);
    expect(await stored()).toEqual(before);
  });

  test('a form field the card does not have is ignored, not believed', async () => {
    const { chat, p, button } = await setup();
    const { outcome } = await chat.click(p['张伟'], button('report.submit', {}), JSON.parse('{"calls":"120","note":"","employeeId":"1","__proto__":"x"}') as Record<string, string>, { at: '2026-12-03 17:01:00' });
    expect(outcome.status).toBe('handled');
    expect((await db().getRepository(DailyReport).find()).map((r) => [r.employeeId, r.calls])).toEqual([[p['张伟'].id, 120]]);
  });

  test('签到 with a value the reminder never carries is refused', async () => {
    const { chat, p, button } = await setup();
    const before = await stored();
    const { outcome } = await chat.click(p['张伟'], button('meeting.checkin', { id: '1' }), {}, { at: '2026-12-03 17:01:00' });
    expect(outcome.status).toBe('user-error');
    expect(await stored()).toEqual(before);
  });
});
