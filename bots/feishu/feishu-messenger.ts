import { DeliveryError, type Messenger, type OutboundBody, type OutboundTarget, type SendOptions, type SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import type { ReplyBody } from '../../src/core/reply-intent';
import type { Logger } from '../../src/core/logger';
import type { FeishuApiClient } from './feishu-api-client';
import { splitText, TEXT_MAX_BYTES } from './feishu-card-limits';
import { renderCard } from './feishu-card-renderer';
import { firstPartOnly, splitCard } from './feishu-card-splitter';
import { deliveryError } from './feishu-delivery-errors';
import { uploadFeishuFile } from './feishu-file-upload';
import { feishuUuid } from './feishu-idempotency';
import { feishuText, textContent } from './feishu-reply-renderer';

/** Batch send takes at most 200 ids per list (docs/platforms/feishu.md §3.4). */
export const BATCH_LIMIT = 200;

/** The send limits the outbox keeps to. */
export interface FeishuSendLimits {
  perSecond?: number;
  perTargetPerSecond?: number;
}

/**
 * Why these numbers: IM sends are limited to 50/s per app and 5 QPS per user and per group
 * (docs/platforms/feishu.md §3.5); going over answers 99991400 / 230020, which are still classified below.
 * The app limit is kept at 45/s: Feishu counts arrivals, and network jitter bunches sends that
 * left a second apart (bench:broadcast saw 51 arrive within one second at a 50/s pace).
 */
export const FEISHU_SEND_LIMITS: FeishuSendLimits = { perSecond: 45, perTargetPerSecond: 5 };

interface SendAnswer {
  data?: { message_id?: string; invalid_open_ids?: string[] };
}

/** One message as im/v1/messages takes it. */
interface Piece {
  msg_type: 'text' | 'interactive' | 'file';
  content: string;
}

/** Room left in a text piece for the request's other fields and the @-neutralising characters. */
const TEXT_PIECE_BYTES = TEXT_MAX_BYTES - 4096;
/** A retried multi-part send remembers at most this many unfinished sends. */
const MAX_PROGRESS = 1000;

/**
 * Sends through the Open API: one message per user or chat with im/v1/messages (cards stay
 * patchable), a text notice to many users with batch send, card updates with PATCH. Every
 * failure is a classified DeliveryError.
 */
export class FeishuMessenger implements Messenger {
  readonly platform = 'feishu' as const;
  /**
   * What a send that is retried has already delivered, per (recipient, body): the message ids of
   * the parts sent. Why: a card or text over Feishu's limits goes out in parts, and a retry after
   * a failure halfway must not send the first parts again.
   */
  private readonly progress = new Map<string, string[]>();
  /** Recipients already reached (with their message id) per (users, body) while a multi-user card send is retried. */
  private readonly partial = new Map<string, Map<string, string | undefined>>();

  constructor(
    private readonly api: FeishuApiClient,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    /** What the outbox keeps to when sending for Feishu. */
    readonly limits: FeishuSendLimits = FEISHU_SEND_LIMITS,
  ) {}

  /**
   * Sends a text or a card to a user, a chat, or several users; with the outbox's idempotency
   * key as `uuid` (one per message when the row makes several), so Feishu drops a repeated send
   * of one row. Batch send takes no uuid (§3.4).
   */
  async send(target: OutboundTarget, body: OutboundBody, options: SendOptions = {}): Promise<SendResult> {
    const key = options.idempotencyKey;
    if (body.kind === 'file') return this.sendFile(target, body, key);
    if (target.kind === 'user') return { messageId: await this.deliver('open_id', target.externalId, body, key) };
    if (target.kind === 'chat') return { messageId: await this.deliver('chat_id', target.chatId, body, key) };
    if (body.kind === 'text') return this.batchText(target.externalIds, body.text);
    return this.cardToEach(target.externalIds, body, key);
  }

  /**
   * A file: uploaded once (im/v1/files), then a message of msg_type `file` with its file_key to
   * the user, the chat, or each of several users (uuid `key`, `key-0`, `key-1`…).
   */
  private async sendFile(target: OutboundTarget, body: Extract<OutboundBody, { kind: 'file' }>, key?: string): Promise<SendResult> {
    const fileKey = await uploadFeishuFile(this.api, body.file, body.content, this.timeoutMs);
    const piece: Piece = { msg_type: 'file', content: JSON.stringify({ file_key: fileKey }) };
    if (target.kind === 'user') return { messageId: await this.create('open_id', target.externalId, piece, feishuUuid(key)) };
    if (target.kind === 'chat') return { messageId: await this.create('chat_id', target.chatId, piece, feishuUuid(key)) };
    const ids: string[] = [];
    for (const [i, id] of target.externalIds.entries()) ids.push((await this.create('open_id', id, piece, feishuUuid(key, i))) ?? '');
    return { messageId: ids[0] || undefined, messageIds: ids.filter(Boolean) };
  }

  /**
   * Replaces a card with PATCH im/v1/messages/:id. Why PATCH and not card/update: PATCH works any
   * time within 14 days, while the callback's update token lasts 30 min for 2 uses (§2.5).
   */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    // Why refuse bm- ids: batch-sent messages can never be patched (docs/platforms/feishu.md §3.4).
    if (messageId.startsWith('bm-')) throw new DeliveryError(`feishu update failed: ${messageId} was batch-sent and cannot be updated`, false);
    // Why only a first part: PATCH replaces one message, and a card over the limits is refused
    // (230025); the part that fits keeps the buttons and says that the rest is not shown.
    const fitted = firstPartOnly(card);
    if (fitted !== card) this.logger.warn({ messageId }, 'feishu card update over the size limits: only its first part is shown');
    try {
      await this.api.call({ method: 'PATCH', url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, data: { content: JSON.stringify(renderCard(fitted)) } }, this.timeoutMs);
    } catch (e) {
      throw deliveryError(e, 'card update');
    }
  }

  /**
   * The messages `body` goes out as: one, or several when it is over Feishu's limits (a card in
   * parts "（1/3）"…, a text at line ends), so nothing is refused for its size (docs/platforms/feishu.md §3.2).
   */
  private pieces(body: Exclude<ReplyBody, { kind: 'file' }>): Piece[] {
    if (body.kind === 'text') return splitText(body.text, TEXT_PIECE_BYTES).map((text) => ({ msg_type: 'text', content: textContent(text) }));
    return splitCard(body.card).map((card) => ({ msg_type: 'interactive', content: JSON.stringify(renderCard(card)) }));
  }

  /** Sends `body` to one user or chat, in parts when needed (uuids `key`, or `key-0`, `key-1`…); returns the first part's id. */
  private async deliver(idType: 'open_id' | 'chat_id', receiveId: string, body: Exclude<ReplyBody, { kind: 'file' }>, key?: string): Promise<string | undefined> {
    const pieces = this.pieces(body);
    if (pieces.length === 1) return this.create(idType, receiveId, pieces[0], feishuUuid(key));
    const progressKey = JSON.stringify([idType, receiveId, body]);
    const sent = this.progress.get(progressKey) ?? [];
    for (let i = sent.length; i < pieces.length; i++) {
      try {
        sent.push((await this.create(idType, receiveId, pieces[i], feishuUuid(key, i))) ?? '');
      } catch (e) {
        if (this.progress.size >= MAX_PROGRESS) this.progress.clear();
        if (sent.length) this.progress.set(progressKey, sent);
        throw e;
      }
    }
    this.progress.delete(progressKey);
    this.logger.info({ parts: pieces.length, kind: body.kind }, 'feishu: a message over the size limits went out in parts');
    return sent[0] || undefined;
  }

  private async create(idType: 'open_id' | 'chat_id', receiveId: string, piece: Piece, uuid?: string): Promise<string | undefined> {
    try {
      const answer = await this.api.call<SendAnswer>(
        { method: 'POST', url: '/open-apis/im/v1/messages', params: { receive_id_type: idType }, data: { receive_id: receiveId, ...piece, ...(uuid ? { uuid } : {}) } },
        this.timeoutMs,
      );
      return answer.data?.message_id;
    } catch (e) {
      throw deliveryError(e, 'send');
    }
  }

  /**
   * A text notice to many users: batch send, ≤200 ids a call. Why only text: batch-sent
   * messages cannot be updated, replied to or recalled (docs/platforms/feishu.md §3.4, docs/architecture.md).
   */
  private async batchText(openIds: string[], text: string): Promise<SendResult> {
    let first: string | undefined;
    // Why split: a batch-sent text has the same 150 KB ceiling as any text message (docs/platforms/feishu.md §3.2).
    const pieces = splitText(text, TEXT_PIECE_BYTES);
    for (let i = 0; i < openIds.length; i += BATCH_LIMIT) {
      const ids = openIds.slice(i, i + BATCH_LIMIT);
      for (const [p, piece] of pieces.entries()) {
        try {
          const answer = await this.api.call<SendAnswer>(
            // Why an object: batch send takes `content` as a JSON object, not a string (§3.4).
            { method: 'POST', url: '/open-apis/message/v4/batch_send/', data: { msg_type: 'text', content: { text: feishuText(piece) }, open_ids: ids } },
            this.timeoutMs,
          );
          first ??= answer.data?.message_id;
          const invalid = answer.data?.invalid_open_ids ?? [];
          if (invalid.length && p === 0) this.logger.warn({ invalid: invalid.length }, 'feishu batch send: some open_ids were invalid and got nothing');
        } catch (e) {
          if (i > 0 || p > 0) this.logger.warn({ sentBefore: i, part: p }, 'feishu batch send failed after earlier lists went out; they may be sent again');
          throw deliveryError(e, 'batch send');
        }
      }
    }
    return { messageId: first };
  }

  /**
   * A card to many users, one by one (cards with buttons must stay patchable). Every user's copy
   * is a message of its own: all their ids are returned, so an update reaches each. A retry of
   * the same card after a partial failure skips the users it already reached.
   */
  private async cardToEach(openIds: string[], body: Exclude<ReplyBody, { kind: 'file' }>, idempotencyKey: string | undefined): Promise<SendResult> {
    const key = JSON.stringify([openIds, body]);
    const reached = this.partial.get(key) ?? new Map<string, string | undefined>();
    for (const [i, id] of openIds.entries()) {
      if (reached.has(id)) continue;
      try {
        reached.set(id, await this.deliver('open_id', id, body, idempotencyKey && `${idempotencyKey}-${i}`));
      } catch (e) {
        // Bounded: a send given up for good leaves its entry; a thousand of them are dropped.
        if (this.partial.size >= MAX_PROGRESS) this.partial.clear();
        if (reached.size) this.partial.set(key, reached);
        throw e;
      }
    }
    this.partial.delete(key);
    const ids = [...reached.values()].filter((id): id is string => Boolean(id));
    return { messageId: ids[0], messageIds: ids };
  }
}
