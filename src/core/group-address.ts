import type { IncomingEvent } from './incoming-event';
import type { ReplyIntent } from './reply-intent';

/**
 * Replies to a message written in a group go to the whole group, so a text that says "你…"
 * ("例会签到成功", "你排第 1 名") must say whom it is about: in a group, every text reply to
 * the sender starts with `@name`. Direct chats, cards and messages to others are unchanged.
 */
export function addressInGroup(intents: ReplyIntent[], event: IncomingEvent, name: string | undefined): ReplyIntent[] {
  if (event.chat.kind !== 'group' || !name) return intents;
  return intents.map((intent) =>
    intent.kind === 'send' && intent.to.kind === 'sender' && intent.body.kind === 'text' && !intent.body.text.startsWith(`@${name}`)
      ? { ...intent, body: { kind: 'text', text: `@${name} ${intent.body.text}` } }
      : intent,
  );
}
