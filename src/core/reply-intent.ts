import type { Platform } from './incoming-event';
import type { NeutralCard } from './neutral-card';

/** Who a reply goes to. */
export type ReplyTarget =
  | { kind: 'sender' }
  | { kind: 'employee'; employeeId: number }
  | { kind: 'team'; teamId: number }
  /** One chat account, bound or not (the account that asked for a 绑定). */
  | { kind: 'account'; platform: Platform; externalId: string };

/**
 * A file the bot sends (the payroll of `导出`): stored in the database when the reply is
 * written, its bytes loaded by the outbox when it is sent.
 */
export interface FileRef {
  /** The stored file's id (chat_files). */
  id: number;
  /** The name the recipient sees, with its extension. */
  name: string;
  mediaType: string;
  /** Bytes. */
  size: number;
}

/** What a reply says: a text, a card, or a file stored in the database. */
export type ReplyBody = { kind: 'text'; text: string } | { kind: 'card'; card: NeutralCard } | { kind: 'file'; file: FileRef };

/**
 * Something the bot owes a platform, written to the outbox in the event's transaction: a new
 * message (text or card), or an update of every message sent earlier under `cardKey`.
 */
export type ReplyIntent =
  | { kind: 'send'; to: ReplyTarget; body: ReplyBody; cardKey?: string }
  | { kind: 'update'; cardKey: string; card: NeutralCard; answered?: AnsweredInline };

/**
 * The click being handled was answered with the new card on `messageId`: the outbox leaves that
 * message alone and updates the other copies `settleMs` after the commit, after the answer.
 */
export interface AnsweredInline {
  messageId: string;
  settleMs: number;
}

/** A text reply to the sender. */
export const textReply = (text: string): ReplyIntent => ({ kind: 'send', to: { kind: 'sender' }, body: { kind: 'text', text } });

/** A card reply to the sender. */
export const cardReply = (card: NeutralCard, cardKey?: string): ReplyIntent => ({ kind: 'send', to: { kind: 'sender' }, body: { kind: 'card', card }, cardKey });
