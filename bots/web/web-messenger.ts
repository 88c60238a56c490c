import type { ChartRenderer } from '../../src/core/chart';
import type { Clock } from '../../src/core/clock';
import type { Logger } from '../../src/core/logger';
import type { FileLinks } from '../../src/core/file-links';
import { DeliveryError, type Messenger, type OutboundBody, type OutboundTarget, type SendOptions, type SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import { directKey, groupKey, type WebConversations } from './web-conversations';
import { renderBody, renderCard, renderFileLink } from './web-render';

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
    /** Download links for files (GET /files/TOKEN); without them a file cannot be offered. */
    private readonly files?: { links: FileLinks; timeZone: string },
    /** Draws a card's chart (shown in the card); without it the card shows its text only. */
    private readonly charts?: ChartRenderer,
  ) {}

  /** The SVG of a card's chart, or undefined (none, no renderer, or it failed: logged, the text stays). */
  private chartSvg(card: NeutralCard): string | undefined {
    if (!card.chart || !this.charts || !card.chart.categories.length) return undefined;
    try {
      return this.charts.svg(card.chart, { width: 640, height: 360 });
    } catch (err) {
      this.logger.warn({ platform: 'web', err: (err as Error).message ?? String(err), chart: card.chart.title }, 'web chat: the chart could not be drawn; the card shows its text only');
      return undefined;
    }
  }

  /**
   * A text or card as HTML, shown at the time the reply was written (a job's message at the
   * job's time), else now; a file as a download link valid for a while (a new link per send).
   */
  async send(target: OutboundTarget, body: OutboundBody, options?: SendOptions): Promise<SendResult> {
    const keys =
      target.kind === 'user' ? [directKey(target.externalId)] : target.kind === 'chat' ? [groupKey(target.chatId)] : target.externalIds.map(directKey);
    const at = options?.writtenAt ?? this.clock.now();
    let html: string;
    if (body.kind === 'file') {
      if (!this.files) throw new DeliveryError('the web chat has no download links configured: it cannot offer a file', false);
      html = renderFileLink(body.file, await this.files.links.issue(body.file, this.clock.now()), this.files.timeZone);
    } else html = renderBody(body, body.kind === 'card' ? this.chartSvg(body.card) : undefined);
    const message = this.conversations.add(keys, { kind: 'bot' }, at, html, body.kind === 'card' ? body.card : undefined);
    return { messageId: message.id };
  }

  /**
   * Replaces a card everywhere it is shown. A card from before a restart is no longer held
   * (the web chat keeps its conversations in memory) and nobody can see it: that is not a
   * failed delivery, so it is logged and dropped instead of alerting the admins.
   */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    if (!this.conversations.update(messageId, card, renderCard(card, this.chartSvg(card)))) {
      this.logger.debug({ messageId }, 'web chat: the card to update is no longer held; skipped');
    }
  }
}
