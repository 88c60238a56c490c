import type { Mention } from '../domain/grammar/people';
import type { NeutralCard } from './neutral-card';

/** Someone named in a message: the token as it appears in the text and the account behind it. */
export type { Mention };

/** The chat platforms the bot speaks on; 'web' is the built-in web chat. */
export const PLATFORMS = ['feishu', 'wecom', 'wechaty', 'web'] as const;

/** One of {@link PLATFORMS}. */
export type Platform = (typeof PLATFORMS)[number];

/** Where a message was written. */
export interface ChatRef {
  kind: 'direct' | 'group';
  /** The platform's chat id (Feishu chat_id, a WeChat room id …); for direct chats may be the user. */
  id: string;
}

/** A file or image that came with a message; the adapter knows how to fetch it. */
export interface IncomingFile {
  kind: 'image' | 'file';
  /** The platform's key for it (image_key, MediaId …). */
  key: string;
  fileName?: string;
  mimeType?: string;
  fetch(): Promise<Buffer>;
}

interface EventBase {
  platform: Platform;
  /** The platform's own dedup key (docs/architecture.md): a retry carries the same one. */
  dedupKey: string;
  /** When the platform says it was sent: every punch, report and request is judged at this time. */
  sentAt: Date;
  /** The sender's account on the platform. */
  senderId: string;
  /** The sender's display name, when the platform's event carries one (shown on a 绑定 card). */
  senderName?: string;
  chat: ChatRef;
}

/** A chat message to the bot. */
export interface MessageEvent extends EventBase {
  type: 'message';
  text: string;
  mentions: Mention[];
  files: IncomingFile[];
  /** The platform's id of this message (to reply in thread where the platform can). */
  messageId?: string;
}

/** A click or form submission on a card the bot sent. */
export interface CardActionEvent extends EventBase {
  type: 'card-action';
  /** The action id put on the button by the bot, e.g. 'leave.approve'. */
  actionId: string;
  /** The values put on the button by the bot (entity ids), strings only. */
  value: Record<string, string>;
  /** Form inputs submitted with it. */
  form: Record<string, string>;
  /** The platform's id of the card message clicked. */
  cardMessageId?: string;
  /** Set by a platform that answers the click with the clicked card's new state (Feishu). */
  inlineAnswer?: InlineCardAnswer;
}

/**
 * A click answered synchronously with the new card (Feishu's callback answer). Why: the platform
 * refuses an update of that message while the answer is being applied, so the outbox must leave
 * the clicked message alone and update the other copies only after the answer
 * (docs/platforms/feishu.md, card callbacks).
 */
export interface InlineCardAnswer {
  /**
   * Asked inside the turn's transaction with the click's new card: true when the answer will
   * carry it (in time and within the platform's card limits), so the outbox skips the clicked
   * message; false when the answer goes without it and the outbox updates that message too.
   * Asking again gives the same answer.
   */
  claim(card: NeutralCard): boolean;
  /** How long after the commit the platform may still be applying the answer. */
  readonly settleMs: number;
}

/** Anything the dispatcher takes from a platform. */
export type IncomingEvent = MessageEvent | CardActionEvent;
