import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';
import { FeishuApiClient } from './feishu-api-client';
import { FeishuBotIdentity } from './feishu-bot-identity';
import { FEISHU_SEND_LIMITS, FeishuMessenger, type FeishuSendLimits } from './feishu-messenger';
import { FeishuWebhook, MAX_PUSH_BYTES } from './feishu-webhook';

/** What the Feishu adapter needs (from the FEISHU_* variables). */
export interface FeishuConfig {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  /** Open API base, e.g. https://open.feishu.cn or a fake server's URL. */
  domain: string;
}

/** Timings of the adapter; the defaults suit production, tests shorten them. */
export interface FeishuAdapterOptions {
  /** A card click is answered within this, or with a "processing" toast (Feishu allows 3 s). */
  cardBudgetMs?: number;
  /** Extra wait for a click whose new card is already claimed for the answer (budget + grace < 3 s). */
  cardGraceMs?: number;
  /** Downloading a sick note inside the webhook (and reading the bot info) gives up after this. */
  fileTimeoutMs?: number;
  /** One send, reply or update gives up after this (the outbox retries it). */
  sendTimeoutMs?: number;
  /** Send limits the outbox keeps to; Feishu's own by default (a benchmark against a fake lifts them). */
  sendLimits?: FeishuSendLimits;
}

const DEFAULTS: Required<FeishuAdapterOptions> = { cardBudgetMs: 2500, cardGraceMs: 300, fileTimeoutMs: 2000, sendTimeoutMs: 10_000, sendLimits: FEISHU_SEND_LIMITS };

/** The Feishu adapter: POST /webhooks/feishu and sending through the Open API. */
export function createFeishuAdapter(config: FeishuConfig, logger: Logger, options: FeishuAdapterOptions = {}): PlatformAdapter {
  const o = { ...DEFAULTS, ...options };
  const api = new FeishuApiClient(config.appId, config.appSecret, config.domain, logger);
  const identity = new FeishuBotIdentity(api, logger, o.fileTimeoutMs);
  const webhook = new FeishuWebhook(
    { encryptKey: config.encryptKey, verificationToken: config.verificationToken, cardBudgetMs: o.cardBudgetMs, cardGraceMs: o.cardGraceMs },
    {
      botOpenId: () => identity.get(),
      knownBotOpenId: () => identity.known(),
      // Why ≤ 2 s: the download runs inside the webhook, which Feishu wants answered within 3 s (§1.8).
      fetchResource: (messageId, key, type) => api.download(messageId, key, type, o.fileTimeoutMs),
    },
    logger,
  );
  return {
    platform: 'feishu',
    messenger: new FeishuMessenger(api, logger, o.sendTimeoutMs, o.sendLimits),
    webhook: {
      path: '/webhooks/feishu',
      methods: ['POST'],
      maxBodyBytes: MAX_PUSH_BYTES,
      handle: (request, dispatch) => webhook.handle(request, dispatch),
      // Why ahead: a group message is for the bot only if it @mentions the bot's open_id.
      warmUp: () => identity.warmUp(),
    },
  };
}
