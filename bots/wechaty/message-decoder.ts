import type { Contact, Message, Room, types } from 'wechaty';
import type { IncomingFile, Mention, MessageEvent } from '../../src/core/incoming-event';

/** What decoding needs besides the message: wechaty's enums and the bot's own account. */
export interface DecodeContext {
  /** `types` of the loaded wechaty module (loaded lazily, so passed in). */
  types: { Message: typeof types.Message; Contact: typeof types.Contact };
  /** The logged-in account, or undefined before the login. */
  self(): Contact | undefined;
  /** When the message arrived, for a puppet that gives no timestamp. */
  receivedAt: Date;
  /** Getting a file's metadata or bytes gives up after this. */
  fileTimeoutMs: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rejects after `ms` unless `work` settles first; the timer never outlives it. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The names the bot is called by in a room: its room alias and its WeChat name. */
async function selfNames(room: Room, self: Contact): Promise<string[]> {
  const alias = await room.alias(self).catch(() => undefined);
  return [...new Set([alias, self.name()].filter((n): n is string => !!n))];
}

/**
 * Whether a room message is for the bot, and its text without the bot's @mention. Why both
 * checks: wechaty's mentionSelf() trusts the puppet's mentionIdList when there is one, and a
 * mention typed or pasted as text (`@小助手 签到` copied from a reminder) is not in that list.
 */
async function addressed(msg: Message, room: Room, self: Contact): Promise<{ text: string; mentions: Mention[] } | null> {
  const names = await selfNames(room, self);
  const listed = await msg.mentionList();
  const text = msg.text();
  // WeChat ends a mention with U+2005 (four-per-em space), a typed one with a plain space.
  const pattern = names.length ? new RegExp(`@(?:${names.map(escape).join('|')})(?:[\\u2005 ]|$)`, 'g') : null;
  const typedMention = pattern ? text.match(pattern) !== null : false;
  if (!listed.some((c) => c.id === self.id) && !typedMention) return null;
  const others = listed.filter((c) => c.id !== self.id);
  const mentions = await Promise.all(
    others.map(async (c) => ({ token: `@${(await room.alias(c).catch(() => undefined)) || c.name()}`, externalId: c.id, name: c.name() })),
  );
  return { text: (pattern ? text.replace(pattern, ' ') : text).trim(), mentions };
}

/**
 * A file message's file: metadata now, bytes when the command asks (a sick note). Why
 * toFileBox() and not toImage().artwork(): every puppet implements messageFile, while the
 * image sizes are puppet-specific (the mock answers artwork() with a placeholder).
 */
async function fileOf(msg: Message, ctx: DecodeContext): Promise<IncomingFile> {
  const box = await withTimeout(msg.toFileBox(), ctx.fileTimeoutMs, 'wechaty file');
  const image = msg.type() === ctx.types.Message.Image;
  const mimeType = box.mediaType && box.mediaType !== 'application/octet-stream' ? box.mediaType : undefined;
  return { kind: image ? 'image' : 'file', key: msg.id, fileName: box.name || undefined, mimeType, fetch: () => withTimeout(box.toBuffer(), ctx.fileTimeoutMs, 'wechaty file download') };
}

/**
 * A wechaty message as the bot's neutral event, or null when it is not for the bot: its own
 * messages, official accounts, room messages that do not @mention it, and kinds it cannot read
 * (voice, stickers, links). A text or a file sent to the bot directly is an event; in a room
 * only text with an @mention is (files in rooms cannot be addressed to anyone).
 */
export async function decodeMessage(msg: Message, ctx: DecodeContext): Promise<MessageEvent | null> {
  // Why: the bot's own outgoing messages also arrive on 'message' (docs/platforms/wecom.md §6.4, self()).
  if (msg.self()) return null;
  const talker = msg.talker();
  if (talker.type() === ctx.types.Contact.Official) return null;
  const T = ctx.types.Message;
  const type = msg.type();
  const isFile = type === T.Image || type === T.Attachment;
  if (type !== T.Text && !isFile) return null;
  const room = msg.room();
  let text = type === T.Text ? msg.text() : '';
  let mentions: Mention[] = [];
  if (room) {
    const self = ctx.self();
    const found = type === T.Text && self ? await addressed(msg, room, self) : null;
    if (!found) return null;
    ({ text, mentions } = found);
  }
  const files = isFile ? [await fileOf(msg, ctx)] : [];
  // Why the fallback: puppets stamp in seconds or milliseconds (wechaty's date() normalises
  // both), and a puppet that stamps nothing would give an Invalid Date.
  const stamped = msg.date();
  const sentAt = Number.isNaN(stamped.getTime()) || stamped.getTime() <= 0 ? ctx.receivedAt : stamped;
  // The contact's WeChat name: shown on a 绑定 card beside the employee's.
  const senderName = talker.name()?.trim();
  return {
    type: 'message', platform: 'wechaty', dedupKey: msg.id, sentAt, senderId: talker.id, ...(senderName ? { senderName } : {}),
    chat: room ? { kind: 'group', id: room.id } : { kind: 'direct', id: talker.id },
    text, mentions, files, messageId: msg.id,
  };
}
