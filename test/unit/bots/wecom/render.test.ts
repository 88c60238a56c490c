import { leaveApprovalCard, leaveFormCard } from '../../../../src/commands/leave-cards';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { decodeRef, encodeRef, ResponseCodeStore } from '../../../../bots/wecom/response-code-store';
import { RobotLimiter } from '../../../../bots/wecom/wecom-messenger';
import { buttonCard, buttonKey, newTaskId, parseButtonKey, replacementCard } from '../../../../bots/wecom/template-card-renderer';
import { cardAsMarkdown, cardAsText, commandLines, splitUtf8 } from '../../../../bots/wecom/wecom-card-text';
import fc from 'fast-check';
import { meetingReminderCard } from '../../../../src/commands/meeting-cards';
import { checkTemplateCard, checkUpdateBody } from '../../../fakes/wecom-server/fake-wecom-cards';
import { POLICY } from '../../../helpers/service-context';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const pending = (): NeutralCard =>
  leaveApprovalCard(
    { id: 42, kind: 'sick', status: 'pending', reason: '发烧', attachmentId: null, requestedAt: new Date('2026-12-03T02:00:00Z'), startDate: '2026-12-04', startHalf: 'full', endDate: '2026-12-04', endHalf: 'full' } as any,
    { requester: { id: 1, no: 'E002', name: '张伟', role: 'agent' } as any, monthScore: 100, approvedDaysThisMonth: 0, timeZone: 'Asia/Shanghai', today: '2026-12-03' },
  );

describe('WeCom text within byte limits (docs/platforms/wecom.md §3.3)', () => {
  test('a short text is one piece', () => {
    expect(splitUtf8('打卡成功', 2048)).toEqual(['打卡成功']);
  });

  test('long Chinese text splits at lines, each piece within the limit, nothing lost', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `第${i}行：张伟 有效电话 12 个，A 类 1 个`);
    const pieces = splitUtf8(lines.join('\n'), 2048);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(bytes(p)).toBeLessThanOrEqual(2048);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
  });

  test('one endless line is cut between characters, never inside one (3-byte 中, 4-byte 😀)', () => {
    const text = '中😀a'.repeat(1000);
    const pieces = splitUtf8(text, 2048);
    for (const p of pieces) {
      expect(bytes(p)).toBeLessThanOrEqual(2048);
      expect(p).not.toContain('\ufffd');
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    }
    expect(pieces.join('')).toBe(text);
  });
});

describe('WeCom cards (docs/platforms/wecom.md §3.4, §3.5)', () => {
  test('the leave approval is a button_interaction card whose buttons carry action and entity', () => {
    const taskId = newTaskId();
    // task_id: only [0-9A-Za-z_-@], at most 128 bytes (docs/platforms/wecom.md §3.4).
    expect(taskId).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
    const { card, overflow } = buttonCard(pending(), taskId) as { card: any; overflow?: string };
    expect(overflow).toBeUndefined();
    expect(card).toMatchObject({ card_type: 'button_interaction', task_id: taskId, main_title: { title: '请假审批 L42' } });
    expect(card.horizontal_content_list.length).toBeLessThanOrEqual(6);
    expect(card.horizontal_content_list[0]).toEqual({ keyname: '申请人', value: '张伟（E002）' });
    expect(card.button_list).toEqual([
      { text: '同意', style: 1, key: 'leave.approve?id=42' },
      { text: '驳回', style: 2, key: 'leave.reject?id=42' },
    ]);
    expect(card.sub_title_text).toContain('「驳回 L42 原因」');
  });

  test('a settled card replaces the buttons with one grey label for everyone; the decision is in the sub-title; no task_id', () => {
    const settled = { ...pending(), buttons: undefined, footer: '已由王强于 12月3日 10:05 批准' };
    const { card } = replacementCard(settled) as { card: any };
    expect(card).toMatchObject({ replace_text: '已处理', button_list: [{ text: '已处理' }] });
    expect(card.sub_title_text).toContain('已由王强于 12月3日 10:05 批准');
    expect(card).not.toHaveProperty('task_id');
  });

  test('button keys round-trip, with and without values', () => {
    expect(parseButtonKey(buttonKey({ actionId: 'leave.approve', value: { id: '42', by: '王 强&x' } }))).toEqual({ actionId: 'leave.approve', value: { id: '42', by: '王 强&x' } });
    expect(parseButtonKey(buttonKey({ actionId: 'meeting.checkin', value: {} }))).toEqual({ actionId: 'meeting.checkin', value: {} });
  });

  test('a form becomes a text template listing its inputs and the command to send back', () => {
    const text = cardAsText(leaveFormCard());
    expect(text).toContain('【请假申请】');
    expect(text).toContain('请假 事假 12月3日 全天 家里有事');
    expect(text).toMatch(/类型（事假\/病假）\*.*原因\*/);
  });

  test('markdown shows title, fields and the typed commands; user text cannot open a tag', () => {
    const md = cardAsMarkdown({ ...pending(), fields: [{ label: '原因', value: '<font color="red">x</font>' }] });
    expect(md).toMatch(/^<font color="info">\*\*请假审批 L42\*\*<\/font>/);
    expect(md).toContain('> 原因：＜font color="red"＞x＜/font＞');
    expect(md).toContain('「同意 L42」');
  });
});

describe('WeCom template cards within the documented lengths (docs/platforms/wecom.md §3.4; 90236, 94888)', () => {
  const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'张王李赵伟娜强有效电话积分 ·、：（）AB12😀'), maxLength });
  const cards = fc.record({
    title: text(60).map((t) => `标题${t}`),
    tone: fc.constantFrom('info', 'success', 'warning', 'danger') as fc.Arbitrary<NeutralCard['tone']>,
    fields: fc.array(fc.record({ label: text(8).map((l) => `项${l}`), value: text(80) }), { maxLength: 50 }),
    text: fc.option(text(300), { nil: undefined }),
    footer: fc.option(text(60), { nil: undefined }),
    buttons: fc.integer({ min: 1, max: 8 }).map((n) => Array.from({ length: n }, (_, i) => ({ label: `按钮${'很长的文字'.repeat(i % 3)}${i}`, actionId: 'x.do', value: { id: String(i) }, command: `做 ${i}` }))),
  }) as fc.Arbitrary<NeutralCard>;

  test('property: the card WeCom gets passes the strict fake (send and update); every line is on the card or in the text after it', () => {
    fc.assert(
      fc.property(cards, (card) => {
        const sent = buttonCard(card, 'bot_t_1');
        expect(checkTemplateCard(sent.card, 'send')).toBeUndefined();
        const replaced = replacementCard({ ...card, buttons: undefined, footer: card.footer ?? '已由王强批准' });
        expect(checkUpdateBody({ userids: ['u'], agentid: 1, response_code: 'RC', template_card: replaced.card })).toBeUndefined();
        for (const { card: c, overflow } of [sent, replaced]) {
          const shown = [c.sub_title_text ?? '', ...((c.horizontal_content_list as any[]) ?? []).map((f) => `${f.keyname}：${f.value}`), overflow ?? ''].join('\n');
          for (const f of card.fields) expect(shown).toContain(`${f.label}：${f.value}`);
          if (card.text) expect(shown).toContain(card.text);
          if ([...card.title].length > 36) expect(overflow).toContain(card.title);
        }
        for (const line of commandLines(card)) if ([...line].length <= 100) expect(sent.card.sub_title_text).toContain(line);
      }),
    );
  });

  test('a 40-member meeting reminder: 签到 stays on the card, the members that do not fit follow as text', () => {
    const picture = Array.from({ length: 40 }, (_, i) => ({ name: `员工${i}号`, reportFiled: i % 2 === 0, validCalls: i }));
    const { card, overflow } = buttonCard(meetingReminderCard(POLICY, '一组', picture), 'bot_t_2') as { card: any; overflow?: string };
    expect(checkTemplateCard(card, 'send')).toBeUndefined();
    expect(card.button_list).toEqual([{ text: '签到', style: 1, key: 'meeting.checkin' }]);
    expect(card.sub_title_text).toMatch(/^请在 17:05 前签到，迟到扣 2 分、缺席扣 2 分（H-12）。\n也可以发送：「签到」\n/);
    expect(card.sub_title_text).toMatch(/（更多内容见下一条消息）$/);
    expect(overflow).toMatch(/^【一组 例会提醒】（续）\n未交日报：员工1号、员工3号/);
    for (const p of picture) expect(`${card.sub_title_text}\n${card.horizontal_content_list.map((f: any) => `${f.keyname}：${f.value}`).join('\n')}\n${overflow}`).toContain(`${p.name}：有效电话 ${p.validCalls}`);
  });
});

describe('WeCom bookkeeping', () => {
  test('message ids keep the task id and recipients, and fit the 191-character column', () => {
    expect(decodeRef(encodeRef({ kind: 'card', taskId: 'bot_a_1', users: ['wangqiang', 'zhaomin'] }))).toEqual({ kind: 'card', taskId: 'bot_a_1', users: ['wangqiang', 'zhaomin'] });
    const many = encodeRef({ kind: 'card', taskId: 'bot_a_1', users: Array.from({ length: 50 }, (_, i) => `user${i}`) });
    expect(many.length).toBeLessThanOrEqual(191);
    expect(decodeRef(many)).toEqual({ kind: 'card', taskId: 'bot_a_1', users: [] });
    expect(decodeRef('feishu-msg-1')).toBeNull();
  });

  test('response codes: the latest wins, each is taken once, old ones expire', () => {
    const codes = new ResponseCodeStore(1000);
    codes.remember('t', 'send-code', 0);
    codes.remember('t', 'click-code', 10);
    expect(codes.take('t', 20)?.code).toBe('click-code');
    expect(codes.take('t', 20)).toBeUndefined();
    codes.remember('u', 'old', 0);
    expect(codes.take('u', 5000)).toBeUndefined();
  });

  test('the robot limiter allows 20 a minute per key and says when the next slot frees', () => {
    const limiter = new RobotLimiter();
    for (let i = 0; i < 20; i++) limiter.reserve('k', 1, 1000 + i);
    expect(() => limiter.reserve('k', 1, 2000)).toThrow(expect.objectContaining({ retryable: true, retryAfterMs: 59_000 }));
    expect(() => limiter.reserve('other', 1, 2000)).not.toThrow();
    expect(() => limiter.reserve('k', 1, 61_001)).not.toThrow();
  });
});
