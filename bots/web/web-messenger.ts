import type { Clock } from '../../src/core/clock';
import type { Logger } from '../../src/core/logger';
import type { Messenger, OutboundTarget, SendOptions, SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import type { ReplyBody } from '../../src/core/reply-intent';
import { directKey, groupKey, type WebConversations } from './web-conversations';
import { renderBody, renderCard } from './web-render';

/**
 * The web chat's outbound side, driven by the outbox worker like every platform's: a message
 * to an account lands in its direct chat, one to a chat in that group chat, one to several
 * accounts (a team without a group chat) in each of their direct chats; the open pages get
 * it live.
 */
export class WebMessenger implements Messenger {
  readonly platform = 'web' as const;

  constructor(
    private readonly conversations: WebConversations,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Shown at the time the reply was written (a job's message at the job's time), else now. */
  async send(target: OutboundTarget, body: ReplyBody, options?: SendOptions): Promise<SendResult> {
    const keys =
      target.kind === 'user' ? [directKey(target.externalId)] : target.kind === 'chat' ? [groupKey(target.chatId)] : target.externalIds.map(directKey);
    const at = options?.writtenAt ?? this.clock.now();
    const message = this.conversations.add(keys, { kind: 'bot' }, at, renderBody(body), body.kind === 'card' ? body.card : undefined);
    return { messageId: message.id };
  }

  /**
   * Replaces a card everywhere it is shown. A card from before a restart is no longer held
   * (the web chat keeps its conversations in memory) and nobody can see it: that is not a
   * failed delivery, so it is logged and dropped instead of alerting the admins.
   */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    if (!this.conversations.update(messageId, card, renderCard(card))) {
      this.logger.debug({ messageId }, 'web chat: the card to update is no longer held; skipped');
    }
  }
}
