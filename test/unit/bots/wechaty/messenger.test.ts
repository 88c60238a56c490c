import { leaveApprovalCard } from '../../../../src/commands/leave-cards';
import { createLogger } from '../../../../src/core/logger';
import { DeliveryError } from '../../../../src/core/messenger';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { WECHATY_SEND_LIMITS, WechatyMessenger } from '../../../../bots/wechaty/wechaty-messenger';
import { decodeSentRef, encodeSentRef, TargetNotFoundError, type ConversationKind, type WechatyLink } from '../../../../bots/wechaty/wechaty-link';

/** A wechaty client that records what it is asked to send. */
class FakeLink implements WechatyLink {
  readonly said: Array<{ kind: ConversationKind; id: string; text: string }> = [];
  online = true;
  unknown = new Set<string>();
  failNext: Error | undefined;

  loggedIn(): boolean {
    return this.online;
  }

  selfName(): string | undefined {
    return this.online ? '小助手' : undefined;
  }

  async say(kind: ConversationKind, id: string, text: string): Promise<string | undefined> {
    if (this.unknown.has(id)) throw new TargetNotFoundError(kind, id);
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    this.said.push({ kind, id, text });
    return `pm-${this.said.length}`;
  }

  async sendFile(kind: ConversationKind, id: string, file: { name: string; content: Buffer }): Promise<string | undefined> {
    return this.say(kind, id, `[file ${file.name} ${file.content.length}]`);
  }
}

const logger = createLogger({ level: 'silent' });
const card: NeutralCard = leaveApprovalCard(
  { id: 42, kind: 'personal', status: 'pending', reason: '家里有事', attachmentId: null, requestedAt: new Date('2026-12-03T02:00:00Z'), startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'pm' } as any,
  { requester: { id: 1, no: 'E002', name: '张伟', role: 'agent' } as any, monthScore: 100, approvedDaysThisMonth: 0, timeZone: 'Asia/Shanghai', today: '2026-12-03' },
);

const setup = () => {
  const link = new FakeLink();
  return { link, messenger: new WechatyMessenger(link, logger, { gapMs: 0, maxChars: 200 }) };
};

describe('wechaty messenger', () => {
  test('the default limits are conservative: one message a second, 20 a minute to one chat', () => {
    expect(new WechatyMessenger(new FakeLink(), logger).limits).toEqual(WECHATY_SEND_LIMITS);
    expect(WECHATY_SEND_LIMITS).toEqual({ perSecond: 1, perTargetPerSecond: 1, perTargetPerMinute: 20 });
  });

  test('a file goes whole to each recipient through the link (never split like a text), missing contacts skipped', async () => {
    const { link, messenger } = setup();
    link.unknown.add('wxid_gone');
    const content = Buffer.alloc(5000, 'x');
    const file = { kind: 'file' as const, file: { id: 7, name: '工资表-2026-11.xlsx', mediaType: 'application/octet-stream', size: content.length }, content };
    const { messageId } = await messenger.send({ kind: 'users', externalIds: ['wxid_a', 'wxid_gone', 'wxid_b'] }, file);
    expect(link.said).toEqual([
      { kind: 'user', id: 'wxid_a', text: '[file 工资表-2026-11.xlsx 5000]' },
      { kind: 'user', id: 'wxid_b', text: '[file 工资表-2026-11.xlsx 5000]' },
    ]);
    expect(decodeSentRef(messageId!)).toMatchObject({ kind: 'user', ids: ['wxid_a', 'wxid_gone', 'wxid_b'] });
  });

  test('a text to a contact goes as is; the message id says where it went', async () => {
    const { link, messenger } = setup();
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wxid_a' }, { kind: 'text', text: '上班打卡成功：09:05' });
    expect(link.said).toEqual([{ kind: 'user', id: 'wxid_a', text: '上班打卡成功：09:05' }]);
    expect(decodeSentRef(messageId!)).toEqual({ kind: 'user', ids: ['wxid_a'], puppetId: 'pm-1' });
  });

  test('a card to a room is text with the commands after an @mention of the bot', async () => {
    const { link, messenger } = setup();
    await messenger.send({ kind: 'chat', chatId: 'r1@chatroom' }, { kind: 'card', card });
    expect(link.said[0]).toMatchObject({ kind: 'chat', id: 'r1@chatroom' });
    expect(link.said[0].text).toContain('· 同意：发送「@小助手 同意 L42」');
  });

  test('several people get one message each; a long text goes in numbered pieces', async () => {
    const { link, messenger } = setup();
    const long = Array.from({ length: 30 }, (_, i) => `第${i}行 有效电话 12 个`).join('\n');
    await messenger.send({ kind: 'users', externalIds: ['a', 'b'] }, { kind: 'text', text: long });
    const toA = link.said.filter((s) => s.id === 'a').map((s) => s.text);
    expect(toA.length).toBeGreaterThan(1);
    expect(toA.at(-1)).toMatch(new RegExp(`\\(${toA.length}/${toA.length}\\)$`));
    expect(link.said.filter((s) => s.id === 'b').map((s) => s.text)).toEqual(toA);
  });

  test('an update sends the card again where the first one went (WeChat cannot edit)', async () => {
    const { link, messenger } = setup();
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wxid_sup' }, { kind: 'card', card });
    await messenger.update(messageId!, { ...card, buttons: undefined, footer: '已由王强于 12月3日 10:05 批准' });
    expect(link.said[1]).toEqual({ kind: 'user', id: 'wxid_sup', text: '【请假审批 L42】（已更新）\n已由王强于 12月3日 10:05 批准' });
    await expect(messenger.update('feishu-msg-1', card)).rejects.toMatchObject({ retryable: false });
  });

  test('logged out: a retryable failure, tried again after 30 s', async () => {
    const { link, messenger } = setup();
    link.online = false;
    const e = await messenger.send({ kind: 'user', externalId: 'a' }, { kind: 'text', text: 'x' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DeliveryError);
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  test('an unknown contact or room fails for good and names the org file; a puppet error is retried', async () => {
    const { link, messenger } = setup();
    link.unknown.add('r9@chatroom');
    await expect(messenger.send({ kind: 'chat', chatId: 'r9@chatroom' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('org file') });
    link.failNext = new Error('grpc unavailable');
    await expect(messenger.send({ kind: 'user', externalId: 'a' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('grpc unavailable') });
  });

  test('one unknown among several people: the others still get it', async () => {
    const { link, messenger } = setup();
    link.unknown.add('gone');
    await messenger.send({ kind: 'users', externalIds: ['a', 'gone', 'b'] }, { kind: 'text', text: '请提交今日日报' });
    expect(link.said.map((s) => s.id)).toEqual(['a', 'b']);
  });

  test('message ids fit the outbox column (191), dropping the puppet id first', () => {
    const many = Array.from({ length: 5 }, (_, i) => `wxid_${'x'.repeat(20)}${i}`);
    expect(encodeSentRef({ kind: 'user', ids: many, puppetId: 'p'.repeat(60) })!.length).toBeLessThanOrEqual(191);
    expect(decodeSentRef(encodeSentRef({ kind: 'user', ids: many, puppetId: 'p'.repeat(60) })!)).toEqual({ kind: 'user', ids: many, puppetId: undefined });
    expect(encodeSentRef({ kind: 'user', ids: Array.from({ length: 20 }, (_, i) => `wxid_${i}_long_contact_id`) })).toBeUndefined();
    expect(decodeSentRef('{"k":"other","ids":[]}')).toBeNull();
  });
});
