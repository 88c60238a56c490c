import type { NeutralCard } from './neutral-card';
import type { Platform } from './incoming-event';
import type { FileRef, ReplyBody } from './reply-intent';

/** Where a platform adapter sends, resolved from a ReplyTarget when the reply was stored. */
export type OutboundTarget =
  | { kind: 'user'; externalId: string }
  | { kind: 'chat'; chatId: string }
  | { kind: 'users'; externalIds: string[] };

/**
 * What a messenger sends: a reply body, a file with its bytes (the outbox loads them from the
 * database right before the send, so adapters never read the database).
 */
export type OutboundBody = Exclude<ReplyBody, { kind: 'file' }> | { kind: 'file'; file: FileRef; content: Buffer };

/** What a send returns: the platform's message ids, kept so the card can be updated later. */
export interface SendResult {
  messageId?: string;
  /**
   * Every message that shows the card when the send made several (one per recipient, or per
   * chunk of recipients); each is updated later. Absent: `messageId` alone.
   */
  messageIds?: string[];
}

/** How the outbox asks for a send. */
export interface SendOptions {
  /**
   * The same for every try of one outbox row and different for every other row (at most 24
   * characters of [0-9a-z-]): adapters hand it to the platform's own duplicate protection, so a
   * send repeated after a crash or a lost answer is dropped by the platform.
   */
  idempotencyKey?: string;
  /**
   * When the reply was written (the outbox row's creation, by the application's clock): the time
   * of the turn or job it belongs to. A platform that stamps messages itself (the web chat) shows
   * it, so a job's message carries the job's time, not the time it was delivered.
   */
  writtenAt?: Date;
}

/**
 * A platform's outbound side (Feishu, WeCom, wechaty, web, the in-memory test platform): it
 * renders neutral bodies and talks to the platform. Errors are DeliveryErrors.
 */
export interface Messenger {
  readonly platform: Platform;
  /** The platform's send limits; the outbox keeps to them (undefined: none). */
  readonly limits?: { perSecond?: number; perTargetPerSecond?: number; perTargetPerMinute?: number };
  send(target: OutboundTarget, body: OutboundBody, options?: SendOptions): Promise<SendResult>;
  /** Replaces a card sent earlier (an approval decided elsewhere). */
  update(messageId: string, card: NeutralCard): Promise<void>;
}

/** A failed delivery, classified: the outbox retries a retryable one after `retryAfterMs` or its backoff. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
