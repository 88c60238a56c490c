import { DeliveryError, type Messenger, type OutboundTarget, type SendOptions, type SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import type { ReplyBody } from '../../src/core/reply-intent';
import type { Logger } from '../../src/core/logger';
import type { FeishuApiClient } from './feishu-api-client';
import { renderCard } from './feishu-card-renderer';
import { deliveryError } from './feishu-delivery-errors';
import { feishuUuid } from './feishu-idempotency';
import { feishuText, textContent } from './feishu-reply-renderer';

/** Batch send takes at most 200 ids per list (feishu.md §3.4). */
export const BATCH_LIMIT = 200;

/** The send limits the outbox keeps to. */
export interface FeishuSendLimits {
  perSecond?: number;
  perTargetPerSecond?: number;
}

/**
 * Why these numbers: IM sends are limited to 50/s per app and 5 QPS per user and per group
 * (feishu.md §3.5); going over answers 99991400 / 230020, which are still classified below.
 * The app limit is kept at 45/s: Feishu counts arrivals, and network jitter bunches sends that
 * left a second apart (bench:broadcast saw 51 arrive within one second at a 50/s pace).
 */
export const FEISHU_SEND_LIMITS: FeishuSendLimits = { perSecond: 45, perTargetPerSecond: 5 };

interface SendAnswer {
  data?: { message_id?: string; invalid_open_ids?: string[] };
}

/**
 * Sends through the Open API: one message per user or chat with im/v1/messages (cards stay
 * patchable), a text notice to many users with batch send, card updates with PATCH. Every
 * failure is a classified DeliveryError.
 */
export class FeishuMessenger implements Messenger {
  readonly platform = 'feishu' as const;
  /** Recipients already reached per (target, body) while a multi-user card send is retried. */
  private readonly partial = new Map<string, Set<string>>();

  constructor(
    private readonly api: FeishuApiClient,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    /** What the outbox keeps to when sending for Feishu. */
    readonly limits: FeishuSendLimits = FEISHU_SEND_LIMITS,
  ) {}

  /**
   * Sends a text or a card to a user, a chat, or several users; with the outbox's idempotency
   * key as `uuid`, so Feishu drops a repeated send of one row. Batch send takes no uuid (§3.4).
   */
  async send(target: OutboundTarget, body: ReplyBody, options: SendOptions = {}): Promise<SendResult> {
    const key = options.idempotencyKey;
    if (target.kind === 'user') return this.create('open_id', target.externalId, body, feishuUuid(key));
    if (target.kind === 'chat') return this.create('chat_id', target.chatId, body, feishuUuid(key));
    if (body.kind === 'text') return this.batchText(target.externalIds, body.text);
    return this.cardToEach(target.externalIds, body, key);
  }

  /**
   * Replaces a card with PATCH im/v1/messages/:id. Why PATCH and not card/update: PATCH works any
   * time within 14 days, while the callback's update token lasts 30 min for 2 uses (§2.5).
   */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    // Why refuse bm- ids: batch-sent messages can never be patched (feishu.md §3.4).
    if (messageId.startsWith('bm-')) throw new DeliveryError(`feishu update failed: ${messageId} was batch-sent and cannot be updated`, false);
    try {
      await this.api.call({ method: 'PATCH', url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, data: { content: JSON.stringify(renderCard(card)) } }, this.timeoutMs);
    } catch (e) {
      throw deliveryError(e, 'card update');
    }
  }

  private async create(idType: 'open_id' | 'chat_id', receiveId: string, body: ReplyBody, uuid?: string): Promise<SendResult> {
    const message = body.kind === 'text'
      ? { msg_type: 'text', content: textContent(body.text) }
      : { msg_type: 'interactive', content: JSON.stringify(renderCard(body.card)) };
    try {
      const answer = await this.api.call<SendAnswer>(
        { method: 'POST', url: '/open-apis/im/v1/messages', params: { receive_id_type: idType }, data: { receive_id: receiveId, ...message, ...(uuid ? { uuid } : {}) } },
        this.timeoutMs,
      );
      return { messageId: answer.data?.message_id };
    } catch (e) {
      throw deliveryError(e, 'send');
    }
  }

  /**
   * A text notice to many users: batch send, ≤200 ids a call. Why only text: batch-sent
   * messages cannot be updated, replied to or recalled (feishu.md §3.4, DESIGN.md).
   */
  private async batchText(openIds: string[], text: string): Promise<SendResult> {
    let first: string | undefined;
    for (let i = 0; i < openIds.length; i += BATCH_LIMIT) {
      const ids = openIds.slice(i, i + BATCH_LIMIT);
      try {
        const answer = await this.api.call<SendAnswer>(
          // Why an object: batch send takes `content` as a JSON object, not a string (§3.4).
          { method: 'POST', url: '/open-apis/message/v4/batch_send/', data: { msg_type: 'text', content: { text: feishuText(text) }, open_ids: ids } },
          this.timeoutMs,
        );
        first ??= answer.data?.message_id;
        const invalid = answer.data?.invalid_open_ids ?? [];
        if (invalid.length) this.logger.warn({ invalid: invalid.length }, 'feishu batch send: some open_ids were invalid and got nothing');
      } catch (e) {
        if (i > 0) this.logger.warn({ sentBefore: i }, 'feishu batch send failed after earlier lists went out; they may be sent again');
        throw deliveryError(e, 'batch send');
      }
    }
    return { messageId: first };
  }

  /**
   * A card to many users, one by one (cards with buttons must stay patchable). A retry of the
   * same card after a partial failure skips the users it already reached.
   */
  private async cardToEach(openIds: string[], body: ReplyBody, idempotencyKey: string | undefined): Promise<SendResult> {
    const key = JSON.stringify([openIds, body]);
    const reached = this.partial.get(key) ?? new Set<string>();
    let first: string | undefined;
    for (const [i, id] of openIds.entries()) {
      if (reached.has(id)) continue;
      try {
        const sent = await this.create('open_id', id, body, feishuUuid(idempotencyKey, i));
        first ??= sent.messageId;
        reached.add(id);
      } catch (e) {
        // Bounded: a send given up for good leaves its entry; a thousand of them are dropped.
        if (this.partial.size >= 1000) this.partial.clear();
        if (reached.size) this.partial.set(key, reached);
        throw e;
      }
    }
    this.partial.delete(key);
    return { messageId: first };
  }
}
