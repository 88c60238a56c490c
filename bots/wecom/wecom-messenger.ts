import type { ChartRenderer, NeutralChart } from '../../src/core/chart';
import type { Logger } from '../../src/core/logger';
import { DeliveryError, type Messenger, type OutboundBody, type OutboundTarget, type SendOptions, type SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import type { ReplyBody } from '../../src/core/reply-intent';
import type { ApiReply, WecomApiClient } from './api-client';
import { toDeliveryError } from './api-errors';
import { DuplicateCheck } from './duplicate-check';
import { decodeRef, encodeRef, type ResponseCodeStore } from './response-code-store';
import { buttonCard, newTaskId, replacementCard } from './template-card-renderer';
import { cardAsMarkdown, cardAsText, LIMITS, splitUtf8 } from './wecom-card-text';
import { ChartMediaCache, chartPng, robotImage } from './wecom-chart';

/** Why: message/send takes at most 1000 userids per call, joined by '|' (docs/platforms/wecom.md §3.2). */
export const MAX_USERS_PER_CALL = 1000;

type AppMessage = { msgtype: 'text'; text: { content: string } } | { msgtype: 'markdown'; markdown: { content: string } };
/** A reply body other than a file. */
type MessageBody = Exclude<ReplyBody, { kind: 'file' }>;
type FileBody = Extract<OutboundBody, { kind: 'file' }>;

/**
 * Why these sizes: media/upload takes a file of more than 5 bytes and at most 20 MB
 * (https://developer.work.weixin.qq.com/document/path/90253).
 */
export const WECOM_FILE_BYTES = { min: 6, max: 20 * 1024 * 1024 };

const asText = (content: string): AppMessage => ({ msgtype: 'text', text: { content } });
const asMarkdown = (content: string): AppMessage => ({ msgtype: 'markdown', markdown: { content } });

/** True when a card goes out as an interactive template card (buttons, no form). */
const interactive = (card: NeutralCard): boolean => Boolean(card.buttons?.length) && !card.form;

/**
 * WeCom's outbound side. Users get app messages (message/send): text, markdown for cards
 * without buttons, a button_interaction template card for cards with buttons, a text template
 * for forms. A chat target is a team's group robot key. Why: a self-built app cannot post into
 * ordinary group chats (docs/platforms/wecom.md §2.1, §3.7; docs/architecture.md).
 */
export class WecomMessenger implements Messenger {
  readonly platform = 'wecom' as const;
  /**
   * Why: WeCom silently drops app messages beyond 30 a minute to one member (docs/platforms/wecom.md §3.6), so
   * the outbox paces them; group robots (20 a minute) are paced by the RobotLimiter.
   */
  readonly limits = { perTargetPerMinute: 30 };
  private readonly duplicates = new DuplicateCheck();

  constructor(
    private readonly client: WecomApiClient,
    private readonly agentId: number,
    private readonly codes: ResponseCodeStore,
    private readonly logger: Logger,
    private readonly robots = new RobotLimiter(),
    /** Draws a card's chart as the PNG sent after it; without it the card goes alone. */
    private readonly charts?: ChartRenderer,
  ) {}

  /**
   * Steps already done of a send or update being retried: a template card sent (its message id)
   * whose overflow text was not, an update made whose overflow text was not.
   */
  private readonly progress = new Map<string, string>();

  /**
   * Sends `body`; the message id names a template card by task_id so it can be updated. With the
   * outbox's idempotency key, app messages ask WeCom's duplicate check and a card's task_id is
   * made from the key, so a repeated send of one row is the same request and is not delivered twice.
   */
  async send(target: OutboundTarget, body: OutboundBody, options: SendOptions = {}): Promise<SendResult> {
    const key = options.idempotencyKey;
    if (body.kind === 'file') return this.sendFile(target, body, key);
    let result: SendResult;
    try {
      if (target.kind === 'chat') {
        await this.sendToRobot(target.chatId, body);
        result = {};
      } else {
        const users = target.kind === 'user' ? [target.externalId] : target.externalIds;
        // Each call of up to 1000 users is a card of its own (its own task_id): all are kept.
        const ids: string[] = [];
        for (let i = 0; i < users.length; i += MAX_USERS_PER_CALL) ids.push(await this.sendToUsers(users.slice(i, i + MAX_USERS_PER_CALL), body, key && `${key}${i ? `_${i}` : ''}`));
        result = { messageId: ids[0], ...(ids.length > 1 ? { messageIds: ids } : {}) };
      }
    } catch (e) {
      throw toDeliveryError(e, this.logger);
    }
    if (body.kind === 'card' && body.card.chart) await this.sendChart(target, body.card.chart, key);
    return result;
  }

  /**
   * A card's chart as an image message after it: the PNG uploaded as temporary media
   * (media/upload?type=image) and sent as msgtype `image`; to a group robot, the picture itself.
   * Never fails the send: the card's text is the chart's fallback, so a renderer or upload
   * failure is logged and the card stands alone (a retry would send the card twice).
   */
  private async sendChart(target: OutboundTarget, chart: NeutralChart, key?: string): Promise<void> {
    if (!this.charts || !chart.categories.length) return;
    try {
      const png = chartPng(this.charts, chart);
      if (target.kind === 'chat') {
        this.robots.reserve(target.chatId, 1);
        await this.client.robot(target.chatId, robotImage(png));
        return;
      }
      const users = target.kind === 'user' ? [target.externalId] : target.externalIds;
      const mediaId = await this.chartMedia.mediaId(png, () => this.client.uploadMedia({ name: 'chart.png', mediaType: 'image/png', content: png }, 'image'));
      for (let i = 0; i < users.length; i += MAX_USERS_PER_CALL) {
        await this.call(users.slice(i, i + MAX_USERS_PER_CALL).join('|'), { msgtype: 'image', image: { media_id: mediaId } }, key && `${key}_chart${i ? `_${i}` : ''}`);
      }
    } catch (err) {
      this.logger.warn({ platform: 'wecom', err: (err as Error).message ?? String(err), chart: chart.title }, 'WeCom: the chart image could not be sent; the card went without it');
    }
  }

  /**
   * A file: uploaded as temporary media (media/upload, or the robot's upload_media for a chat),
   * then a message of msgtype `file` with its media_id (app message/send, or the robot).
   */
  private async sendFile(target: OutboundTarget, body: FileBody, key?: string): Promise<SendResult> {
    const size = body.content.length;
    if (size < WECOM_FILE_BYTES.min || size > WECOM_FILE_BYTES.max) throw new DeliveryError(`WeCom takes files of 6 bytes to 20 MB; ${body.file.name} is ${size} bytes`, false);
    const media = { name: body.file.name, mediaType: body.file.mediaType, content: body.content };
    try {
      if (target.kind === 'chat') {
        this.robots.reserve(target.chatId, 1);
        const mediaId = await this.client.uploadRobotMedia(target.chatId, media);
        await this.client.robot(target.chatId, { msgtype: 'file', file: { media_id: mediaId } });
        return {};
      }
      const users = target.kind === 'user' ? [target.externalId] : target.externalIds;
      const mediaId = await this.client.uploadMedia(media);
      const ids: string[] = [];
      for (let i = 0; i < users.length; i += MAX_USERS_PER_CALL) {
        const part = users.slice(i, i + MAX_USERS_PER_CALL);
        const reply = await this.call(part.join('|'), { msgtype: 'file', file: { media_id: mediaId } }, key && `${key}${i ? `_${i}` : ''}`);
        ids.push(encodeRef({ kind: 'msg', msgId: String(reply.msgid ?? ''), users: part }));
      }
      return { messageId: ids[0], ...(ids.length > 1 ? { messageIds: ids } : {}) };
    } catch (e) {
      throw toDeliveryError(e, this.logger);
    }
  }

  /** Chart pictures uploaded lately, reused by their hash. */
  private readonly chartMedia = new ChartMediaCache();

  /**
   * Replaces a template card with update_template_card and its latest response_code, for every
   * recipient. Why the fallback: the code is single-use and expires (72 h, 24 h in older docs,
   * docs/platforms/wecom.md §3.5); when there is none or WeCom refuses it, the card is sent again.
   */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    const ref = decodeRef(messageId);
    if (!ref) throw new DeliveryError(`not a WeCom message id: ${messageId}`, false);
    const fitted = replacementCard(card);
    const key = JSON.stringify(['update', messageId, card]);
    if (ref.kind === 'card' && !this.progress.has(key)) {
      const stored = this.codes.take(ref.taskId);
      if (stored) {
        const recipients = ref.users.length ? { userids: ref.users } : { atall: 1 };
        try {
          await this.client.post('message/update_template_card', { ...recipients, agentid: this.agentId, response_code: stored.code, template_card: fitted.card });
          if (!fitted.overflow) return;
          this.remember(key, messageId);
        } catch (e) {
          const failure = toDeliveryError(e, this.logger);
          if (failure.retryable) {
            this.codes.restore(ref.taskId, stored);
            throw failure;
          }
          this.logger.info({ platform: 'wecom', taskId: ref.taskId, err: failure.message }, 'WeCom refused the response_code; sending the card again');
        }
      }
    }
    if (this.progress.has(key)) {
      // The card was replaced; what did not fit it follows as text (a retry sends only this).
      try {
        if (ref.users.length) await this.sendOverflow(ref.users.join('|'), fitted.overflow);
      } catch (e) {
        throw toDeliveryError(e, this.logger);
      }
      this.progress.delete(key);
      return;
    }
    if (!ref.users.length) throw new DeliveryError(`cannot update ${messageId}: no response_code and the recipients are unknown`, false);
    await this.send({ kind: 'users', externalIds: ref.users }, { kind: 'card', card: cardFallback(card) });
  }

  /** One message/send call per piece; returns the message id of the first. */
  private async sendToUsers(users: string[], body: MessageBody, key?: string): Promise<string> {
    const touser = users.join('|');
    if (body.kind === 'card' && interactive(body.card)) {
      // A retry after the card went out but its overflow text did not sends only the text.
      const progressKey = JSON.stringify(['send', touser, body]);
      let ref = this.progress.get(progressKey);
      const taskId = ref ? (decodeRef(ref) as { taskId: string }).taskId : key ? `bot_${key}` : newTaskId();
      const fitted = buttonCard(body.card, taskId);
      if (!ref) {
        const reply = await this.call(touser, { msgtype: 'template_card', template_card: fitted.card }, key);
        if (typeof reply.response_code === 'string' && reply.response_code) this.codes.remember(taskId, reply.response_code);
        ref = encodeRef({ kind: 'card', taskId, users });
        this.remember(progressKey, ref);
      }
      await this.sendOverflow(touser, fitted.overflow, key);
      this.progress.delete(progressKey);
      return ref;
    }
    const messages =
      body.kind === 'text'
        ? splitUtf8(body.text, LIMITS.appText).map(asText)
        : body.card.form
          ? splitUtf8(cardAsText(body.card), LIMITS.appText).map(asText)
          : splitUtf8(cardAsMarkdown(body.card), LIMITS.appMarkdown).map(asMarkdown);
    let msgId = '';
    for (const m of messages) {
      const reply = await this.call(touser, m, key);
      msgId ||= String(reply.msgid ?? '');
    }
    return encodeRef({ kind: 'msg', msgId, users });
  }

  /**
   * What did not fit a template card, as text right after it. Why: WeCom cuts a card's texts at
   * the documented lengths on screen (docs/platforms/wecom.md §3.4), so the rest must travel as a message.
   */
  private async sendOverflow(touser: string, overflow: string | undefined, key?: string): Promise<void> {
    if (!overflow) return;
    for (const piece of splitUtf8(overflow, LIMITS.appText)) await this.call(touser, asText(piece), key);
  }

  /** Notes a step done of a send or update that may be retried (bounded). */
  private remember(key: string, value: string): void {
    if (this.progress.size >= 1000) this.progress.clear();
    this.progress.set(key, value);
  }

  private async call(touser: string, message: Record<string, unknown>, key?: string): Promise<ApiReply> {
    const request = { touser, agentid: this.agentId, ...message };
    const reply = await this.client.post('message/send', { ...request, ...this.duplicates.fields(key, request) });
    for (const field of ['invaliduser', 'unlicenseduser'] as const) {
      if (reply[field]) this.logger.warn({ platform: 'wecom', [field]: reply[field] }, `WeCom did not deliver to some recipients (${field}); are they in the app's visible range?`);
    }
    return reply;
  }

  /** Text as text, cards as markdown (commands instead of buttons): the robot is send-only. */
  private async sendToRobot(key: string, body: MessageBody): Promise<void> {
    const pieces =
      body.kind === 'text'
        ? splitUtf8(body.text, LIMITS.robotText).map(asText)
        : splitUtf8(cardAsMarkdown(body.card), LIMITS.robotMarkdown).map(asMarkdown);
    this.robots.reserve(key, pieces.length);
    for (const piece of pieces) await this.client.robot(key, piece);
  }
}

/** A card sent again in place of an update says so in its title. */
function cardFallback(card: NeutralCard): NeutralCard {
  return { ...card, title: `${card.title}（已更新）` };
}

/**
 * Keeps this process under a group robot's limit of 20 messages a minute per robot. Why: over
 * the limit the robot answers 45009 and drops the message (docs/platforms/wecom.md §3.7); waiting here turns
 * that into an outbox retry at the moment a slot frees. With several replicas the outbox's
 * single sender per platform keeps the count whole.
 */
export class RobotLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly perMinute = 20,
    private readonly windowMs = 60_000,
  ) {}

  /** Reserves `count` sends to `key` now, or throws a retryable DeliveryError saying how long to wait. */
  reserve(key: string, count: number, now = Date.now()): void {
    const recent = (this.sent.get(key) ?? []).filter((at) => now - at < this.windowMs);
    const needed = Math.min(count, this.perMinute);
    if (recent.length + needed > this.perMinute) {
      const freeAt = recent[recent.length + needed - this.perMinute - 1] + this.windowMs;
      this.sent.set(key, recent);
      throw new DeliveryError('the group robot has sent 20 messages in the last minute', true, Math.max(freeAt - now, 1000));
    }
    for (let i = 0; i < count; i++) recent.push(now);
    this.sent.set(key, recent);
  }
}
