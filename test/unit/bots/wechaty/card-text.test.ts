import { leaveApprovalCard, leaveFormCard } from '../../../../src/commands/leave-cards';
import { meetingReminderCard } from '../../../../src/commands/meeting-cards';
import { customerRecordFormCard, dailyReportFormCard } from '../../../../src/commands/report-cards';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { cardAsText, splitText } from '../../../../bots/wechaty/wechaty-card-text';
import { POLICY } from '../../../helpers/service-context';

const request = (status: string, extra: Record<string, unknown> = {}) =>
  ({ id: 42, kind: 'sick', status, reason: '发烧', attachmentId: null, requestedAt: new Date('2026-12-03T02:00:00Z'), startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'pm', ...extra }) as any;
const context = { requester: { id: 1, no: 'E002', name: '张伟', role: 'agent' } as any, monthScore: 100, approvedDaysThisMonth: 0, timeZone: 'Asia/Shanghai', today: '2026-12-03' };

/** Every command a card's buttons and form stand for. */
const commandsOf = (card: NeutralCard): string[] => [...(card.buttons ?? []).map((b) => b.command), ...(card.form ? [card.form.submit.command] : [])];

describe('wechaty: cards as plain text with the commands that replace their buttons', () => {
  test('the approval card: fields, then 同意 and 驳回 as the exact text to send, with what 驳回 needs', () => {
    const text = cardAsText(leaveApprovalCard(request('pending'), context));
    expect(text.split('\n')).toEqual([
      '【请假审批 L42】',
      '申请人：张伟（E002）',
      '类型：病假',
      '时间：12月4日 全天',
      '原因：发烧',
      '病假条：未附（附上后才能批准）',
      '本月：积分 100，已批假 0 天',
      '提交时间：12月3日 10:00',
      '回复文字即可操作：',
      '· 同意：发送「同意 L42」',
      '· 驳回：发送「驳回 L42 原因」，要写：驳回原因（必填，如：当天有培训）',
    ]);
  });

  test('in a room every command is shown after an @mention of the bot, and the reader is told why', () => {
    const text = cardAsText(meetingReminderCard(POLICY, '一组', [{ name: '张伟', reportFiled: false, validCalls: 3 }]), { mentionName: '小助手' });
    expect(text).toMatch(/^【一组 例会提醒】\n时间：17:00–18:00\n未交日报：张伟\n张伟：有效电话 3\n/);
    expect(text).toContain('· 签到：发送「@小助手 签到」');
    expect(text).toContain('在群里请先 @小助手，也可以私聊我直接发送命令。');
  });

  test.each([
    ['the leave form', leaveFormCard()],
    ['the daily report form', dailyReportFormCard('2026-12-03')],
    ['the customer record form', customerRecordFormCard()],
    ['the approval card', leaveApprovalCard(request('pending'), context)],
    ['the meeting reminder', meetingReminderCard(POLICY, '一组', [])],
  ])('%s loses nothing: every button and form command appears verbatim', (_name, card) => {
    const text = cardAsText(card);
    expect(commandsOf(card).length).toBeGreaterThan(0);
    for (const command of commandsOf(card)) expect(text).toContain(command);
    for (const input of card.form?.inputs ?? []) expect(text).toContain(input.label);
  });

  test('a form becomes one example line to copy, with what to fill in and the choices', () => {
    const lines = cardAsText(leaveFormCard()).split('\n');
    const at = lines.indexOf('微信里不能填表：请按下面的格式发一条消息（换成你的内容）：');
    expect(lines[at + 1]).toBe('请假 事假 12月3日 全天 家里有事');
    expect(lines[at + 2]).toBe('要写的内容：类型（必填，可选 事假/病假）；开始日期（必填）；开始（可选 全天/上午/下午）；结束日期（一天可不填）；结束（可选 全天/上午/下午）；原因（必填）');
  });

  test('a settled card sent again says only its verdict; a pending one sent again is whole', () => {
    const decided = leaveApprovalCard(request('approved', { decidedAt: new Date('2026-12-03T02:05:00Z') }), { ...context, decider: { id: 9, no: 'E001', name: '王强', role: 'supervisor' } as any });
    expect(cardAsText(decided, { updated: true })).toBe('【请假审批 L42】（已更新）\n已由王强于 12月3日 10:05 批准');
    const attached = cardAsText(leaveApprovalCard(request('pending', { attachmentId: 7 }), context), { updated: true });
    expect(attached).toMatch(/^【请假审批 L42】（已更新）\n[\s\S]*病假条：已附[\s\S]*· 同意：发送「同意 L42」/);
  });
});

describe('wechaty: long texts split sensibly', () => {
  test('a short text is one message, unmarked', () => {
    expect(splitText('打卡成功', 1500)).toEqual(['打卡成功']);
  });

  test('a long text splits at line ends, each piece numbered and within the limit, nothing lost', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `P${i} 12月3日 迟到（H-11） −2 分，罚款 10 元 · 王强`);
    const pieces = splitText(lines.join('\n'), 500);
    expect(pieces.length).toBeGreaterThan(1);
    pieces.forEach((p, i) => {
      expect([...p].length).toBeLessThanOrEqual(500);
      expect(p.endsWith(`\n(${i + 1}/${pieces.length})`)).toBe(true);
    });
    expect(pieces.map((p) => p.replace(/\n\(\d+\/\d+\)$/, '')).join('\n')).toBe(lines.join('\n'));
  });

  test('one endless line is cut between characters, never inside one (😀 is two UTF-16 units)', () => {
    const text = '中😀a'.repeat(400);
    const pieces = splitText(text, 100);
    for (const p of pieces) {
      expect([...p].length).toBeLessThanOrEqual(100);
      expect(p).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
    expect(pieces.map((p) => p.replace(/\n\(\d+\/\d+\)$/, '')).join('')).toBe(text);
  });
});
