import type { Message } from 'wechaty';
import type { ChartRenderer } from '../../src/core/chart';
import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';
import { DISPATCH_RETRY_DELAYS_MS, InboundQueue } from './inbound-queue';
import { decodeMessage } from './message-decoder';
import { WECHATY_SEND_LIMITS, WechatyMessenger, type WechatySendLimits } from './wechaty-messenger';
import { WechatySession } from './wechaty-session';

/** What the wechaty adapter needs (from the WECHATY_* variables). */
export interface WechatyConfig {
  /** The puppet package name, e.g. wechaty-puppet-service. */
  puppet: string;
  /** Passed to the puppet as its token. */
  puppetToken?: string;
}

/** Options of the adapter; the defaults suit production, tests pass a mock puppet and shorter waits. */
export interface WechatyAdapterOptions {
  /** A puppet instance used instead of the package `config.puppet` names (wechaty-puppet-mock in tests). */
  puppetInstance?: object;
  /** Send limits the outbox keeps to (conservative by default). */
  sendLimits?: WechatySendLimits;
  /** Pause between the messages of one send: pieces of a long text, several recipients. */
  gapMs?: number;
  /** Waits between attempts to hand a message to the dispatcher while the database is down. */
  retryDelaysMs?: number[];
  /** Getting a sent file (a sick note) gives up after this. */
  fileTimeoutMs?: number;
  /** Draws a card's chart as the PNG sent after its text; without it the text goes alone. */
  charts?: ChartRenderer;
}

/*
 * How the pieces fit (docs/platforms/wecom.md §6):
 * - wechaty-session: the wechaty client, loaded on start; logs the QR code, logins, logouts and
 *   reconnects (login-log) and sends text to contacts and rooms.
 * - message-decoder: a wechaty Message → the neutral MessageEvent (or null when not for the bot).
 * - inbound-queue: per-sender order and retries of the dispatch (WeChat never redelivers).
 * - wechaty-messenger: the outbox's side; cards become text (text-renderer) with the commands
 *   that replace their buttons, long texts are split, and a card update is sent again.
 */

/** The key a sender's messages queue under; a message without a readable talker queues alone. */
function senderKey(msg: Message): string {
  try {
    return msg.talker().id;
  } catch {
    return `message:${msg.id}`;
  }
}

/**
 * Logs who wrote and where, by id and name (LOG_LEVEL=debug). Why: contact and room ids depend
 * on the puppet and WeChat shows them nowhere, so this is how an admin finds the ids for the
 * org file: the person writes to the bot (or @mentions it in the group) and the log names them.
 */
async function logIds(logger: Logger, msg: Message, contactId: string): Promise<void> {
  const room = msg.room();
  const roomTopic = room ? await room.topic().catch(() => undefined) : undefined;
  logger.debug({ platform: 'wechaty', contactId, contactName: msg.talker().name(), roomId: room?.id, roomTopic }, 'WeChat message for the bot');
}

/** The wechaty adapter: a long-lived client (no webhook) that sends and receives in WeChat. */
export function createWechatyAdapter(config: WechatyConfig, logger: Logger, options: WechatyAdapterOptions = {}): PlatformAdapter {
  const session = new WechatySession({ puppet: options.puppetInstance ?? config.puppet, puppetToken: config.puppetToken }, logger);
  const messenger = new WechatyMessenger(session, logger, { limits: options.sendLimits ?? WECHATY_SEND_LIMITS, gapMs: options.gapMs, charts: options.charts });
  const fileTimeoutMs = options.fileTimeoutMs ?? 30_000;
  let queue: InboundQueue | undefined;
  return {
    platform: 'wechaty',
    messenger,
    // WeChat has no webhook: messages come over the puppet's long-lived connection.
    connection: {
      async start(dispatch) {
        const inbound = new InboundQueue(dispatch, logger, options.retryDelaysMs ?? DISPATCH_RETRY_DELAYS_MS);
        queue = inbound;
        await session.start((msg, ctx) => inbound.push(senderKey(msg), async () => {
          const event = await decodeMessage(msg, { ...ctx, fileTimeoutMs });
          if (event && logger.isLevelEnabled('debug')) await logIds(logger, msg, event.senderId);
          return event;
        }));
        logger.info({ platform: 'wechaty', puppet: options.puppetInstance ? 'instance' : config.puppet }, 'wechaty started; waiting for the WeChat login');
      },
      async stop() {
        await session.stop();
        await queue?.close();
      },
    },
  };
}
