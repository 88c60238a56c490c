import type { Message } from 'wechaty';
import { decodeMessage, type DecodeContext } from '../../../../bots/wechaty/message-decoder';

/** wechaty-puppet's enum values the decoder compares with. */
const TYPES = { Message: { Attachment: 1, Audio: 2, Image: 6, Text: 7 }, Contact: { Individual: 1, Official: 2 } } as unknown as DecodeContext['types'];

const contact = (id: string, name: string, type = 1) => ({ id, name: () => name, type: () => type });
const BOT = contact('wxid_bot', '小助手');
const RECEIVED = new Date('2026-12-03T09:00:00Z');

interface FakeOptions {
  text?: string;
  type?: number;
  self?: boolean;
  talker?: ReturnType<typeof contact>;
  room?: { id: string; aliases?: Record<string, string> };
  mentioned?: Array<ReturnType<typeof contact>>;
  date?: Date;
  file?: { name: string; mediaType: string; bytes: Buffer };
}

function fake(o: FakeOptions): Message {
  const room = o.room && { id: o.room.id, alias: async (c: { id: string }) => o.room?.aliases?.[c.id] };
  return {
    id: 'msg-1',
    self: () => o.self ?? false,
    talker: () => o.talker ?? contact('wxid_zw', '张伟'),
    type: () => o.type ?? 7,
    room: () => room,
    text: () => o.text ?? '',
    mentionList: async () => o.mentioned ?? [],
    date: () => o.date ?? new Date('2026-12-03T01:05:30Z'),
    toFileBox: async () => ({ name: o.file?.name, mediaType: o.file?.mediaType, toBuffer: async () => o.file?.bytes }),
  } as unknown as Message;
}

const ctx: DecodeContext = { types: TYPES, self: () => BOT as never, receivedAt: RECEIVED, fileTimeoutMs: 1000 };

describe('wechaty message → neutral event', () => {
  test('a direct text: the message id is the dedup key, its own time the event time', async () => {
    expect(await decodeMessage(fake({ text: '打卡' }), ctx)).toEqual({
      type: 'message', platform: 'wechaty', dedupKey: 'msg-1', sentAt: new Date('2026-12-03T01:05:30Z'), senderId: 'wxid_zw', senderName: '张伟',
      chat: { kind: 'direct', id: 'wxid_zw' }, text: '打卡', mentions: [], files: [], messageId: 'msg-1',
    });
  });

  test.each([
    ['the bot’s own echo', { text: '上班打卡成功', self: true }],
    ['an official account', { text: '公众号推送', talker: contact('gh_1', '微信团队', 2) }],
    ['a voice message', { type: 2 }],
    ['a room message without an @mention', { text: '打卡', room: { id: 'r@chatroom' } }],
    ['a picture in a room', { type: 6, room: { id: 'r@chatroom' }, mentioned: [BOT] }],
  ])('not for the bot: %s', async (_case, o) => {
    expect(await decodeMessage(fake(o), ctx)).toBeNull();
  });

  test('a room @mention: the bot’s mention is cut out, the others stay as mentions with their room names', async () => {
    const lisi = contact('wxid_ls', '李四');
    const event = await decodeMessage(fake({ text: '@小助手\u2005扣分 @阿四\u2005值日', room: { id: 'r@chatroom', aliases: { wxid_ls: '阿四' } }, mentioned: [BOT, lisi] }), ctx);
    expect(event).toMatchObject({ chat: { kind: 'group', id: 'r@chatroom' }, text: '扣分 @阿四\u2005值日', mentions: [{ token: '@阿四', externalId: 'wxid_ls', name: '李四' }] });
  });

  test('a mention typed as text (not in the puppet’s mention list) still reaches the bot, by name or room alias', async () => {
    expect(await decodeMessage(fake({ text: '@小助手 签到', room: { id: 'r@chatroom' } }), ctx)).toMatchObject({ text: '签到' });
    const aliased = fake({ text: '@助理 签到', room: { id: 'r@chatroom', aliases: { wxid_bot: '助理' } } });
    expect(await decodeMessage(aliased, ctx)).toMatchObject({ text: '签到' });
    expect(await decodeMessage(fake({ text: '@小助手手 签到', room: { id: 'r@chatroom' } }), ctx)).toBeNull();
  });

  test('a picture sent directly carries the file: name, type, and its bytes on demand', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff]);
    const event = await decodeMessage(fake({ type: 6, file: { name: 'note.jpg', mediaType: 'image/jpeg', bytes } }), ctx);
    expect(event).toMatchObject({ text: '', files: [{ kind: 'image', key: 'msg-1', fileName: 'note.jpg', mimeType: 'image/jpeg' }] });
    expect(await event!.files[0].fetch()).toBe(bytes);
  });

  test('a puppet that stamps nothing: the event time is when it arrived', async () => {
    expect(await decodeMessage(fake({ text: '打卡', date: new Date(Number.NaN) }), ctx)).toMatchObject({ sentAt: RECEIVED });
  });
});
