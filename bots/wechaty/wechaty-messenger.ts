import type { ChartRenderer, NeutralChart } from '../../src/core/chart';
import type { Logger } from '../../src/core/logger';
import { DeliveryError, type Messenger, type OutboundBody, type OutboundTarget, type SendResult } from '../../src/core/messenger';
import type { NeutralCard } from '../../src/core/neutral-card';
import { cardAsText, MAX_TEXT_CHARS, splitText } from './wechaty-card-text';
import { decodeSentRef, encodeSentRef, TargetNotFoundError, type SentRef, type WechatyLink } from './wechaty-link';

/** Send limits the outbox keeps to, for all of one WeChat account. */
export interface WechatySendLimits {
  perSecond?: number;
  perTargetPerSecond?: number;
  perTargetPerMinute?: number;
}

/**
 * Why so low: WeChat publishes no limits for personal accounts and restricts or bans accounts
 * that send in bursts (wechaty puppets are RPA, docs/platforms/wecom.md §6.1); one message a second and 20 a
 * minute to one person or room is what a busy human could type.
 */
export const WECHATY_SEND_LIMITS: WechatySendLimits = { perSecond: 1, perTargetPerSecond: 1, perTargetPerMinute: 20 };

/** Tuning of the messenger; the defaults suit production, tests shorten them. */
export interface WechatyMessengerOptions {
  limits?: WechatySendLimits;
  /** Pause between the messages of one send (pieces of a long text, several recipients). */
  gapMs?: number;
  /** Longest single message, in characters. */
  maxChars?: number;
  /** Draws a card's chart as the PNG sent after its text. */
  charts?: ChartRenderer;
}

/** The name the chart's picture is sent under, and its size: readable on a phone. */
export const WECHATY_CHART = { name: 'chart.png', width: 720, height: 400 } as const;

/** How long the outbox waits before trying again while the account is logged out. */
const LOGGED_OUT_RETRY_MS = 30_000;

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** Where an outbound target goes on WeChat: one room, or one or more contacts. */
function refOf(target: OutboundTarget): SentRef {
  if (target.kind === 'chat') return { kind: 'chat', ids: [target.chatId] };
  return { kind: 'user', ids: target.kind === 'user' ? [target.externalId] : target.externalIds };
}

/**
 * The WeChat side of the outbox: renders every reply as plain text (cards with the commands
 * that replace their buttons), splits long texts, sends them one after another through the
 * wechaty client, and sends a changed card again where it went first (WeChat cannot edit).
 */
export class WechatyMessenger implements Messenger {
  readonly platform = 'wechaty' as const;
  readonly limits: WechatySendLimits;
  private readonly gapMs: number;
  private readonly maxChars: number;
  private readonly charts?: ChartRenderer;

  constructor(
    private readonly link: WechatyLink,
    private readonly logger: Logger,
    options: WechatyMessengerOptions = {},
  ) {
    this.limits = options.limits ?? WECHATY_SEND_LIMITS;
    this.gapMs = options.gapMs ?? 1000;
    this.maxChars = options.maxChars ?? MAX_TEXT_CHARS;
    this.charts = options.charts;
  }

  /** Sends a reply; the message id records where it went, for a later update. */
  async send(target: OutboundTarget, body: OutboundBody): Promise<SendResult> {
    const ref = refOf(target);
    if (body.kind === 'file') {
      const file = { name: body.file.name, content: body.content };
      const puppetId = await this.deliver(ref, [file.name], (kind, id) => this.link.sendFile(kind, id, file));
      return { messageId: encodeSentRef({ ...ref, puppetId }) };
    }
    const text = body.kind === 'text' ? body.text : cardAsText(body.card, { mentionName: this.mentionName(ref) });
    const puppetId = await this.deliver(ref, splitText(text, this.maxChars));
    if (body.kind === 'card' && body.card.chart) await this.sendChart(ref, body.card.chart);
    return { messageId: encodeSentRef({ ...ref, puppetId }) };
  }

  /**
   * A card's chart as a picture after its text (a PNG file through the puppet: WeChat shows it
   * inline). Never fails the send: the text is the chart's fallback, and a retry would send the
   * text twice; a failure is logged.
   */
  private async sendChart(ref: SentRef, chart: NeutralChart): Promise<void> {
    if (!this.charts || !chart.categories.length) return;
    try {
      const file = { name: WECHATY_CHART.name, content: this.charts.png(chart, WECHATY_CHART) };
      await sleep(this.gapMs);
      await this.deliver(ref, [file.name], (kind, id) => this.link.sendFile(kind, id, file));
    } catch (err) {
      this.logger.warn({ platform: 'wechaty', err: (err as Error).message ?? String(err), chart: chart.title }, 'wechaty: the chart picture could not be sent; the text went without it');
    }
  }

  /** "Updates" a card by sending its new state to the same room or people (WeChat cannot edit). */
  async update(messageId: string, card: NeutralCard): Promise<void> {
    const ref = decodeSentRef(messageId);
    if (!ref) throw new DeliveryError(`not a wechaty message id: ${messageId.slice(0, 60)}`, false);
    await this.deliver(ref, splitText(cardAsText(card, { mentionName: this.mentionName(ref), updated: true }), this.maxChars));
  }

  private mentionName(ref: SentRef): string | undefined {
    return ref.kind === 'chat' ? this.link.selfName() : undefined;
  }

  /**
   * Sends `pieces` (a text's, or one file) to every id of `ref`, paced, each through `say`
   * (the link's text send by default); returns the first puppet message id.
   */
  private async deliver(ref: SentRef, pieces: string[], say = (kind: SentRef['kind'], id: string, piece: string) => this.link.say(kind, id, piece)): Promise<string | undefined> {
    if (!this.link.loggedIn()) {
      throw new DeliveryError('WeChat is not logged in (scan the QR code in the log, or wait for the puppet to reconnect)', true, LOGGED_OUT_RETRY_MS);
    }
    const missing: string[] = [];
    let first: string | undefined;
    let sent = 0;
    for (const id of ref.ids) {
      for (const piece of pieces) {
        if (sent > 0) await sleep(this.gapMs);
        try {
          const puppetId = await say(ref.kind, id, piece);
          first ??= puppetId;
          sent += 1;
        } catch (e) {
          if (e instanceof TargetNotFoundError) {
            missing.push(id);
            break;
          }
          throw new DeliveryError(`wechaty send failed: ${(e as Error).message ?? String(e)}`, true);
        }
      }
    }
    if (missing.length === ref.ids.length) throw new DeliveryError(new TargetNotFoundError(ref.kind, missing.join(',')).message, false);
    if (missing.length) this.logger.warn({ platform: 'wechaty', missing }, 'some WeChat contacts were not found; the others got the message');
    return first;
  }
}
