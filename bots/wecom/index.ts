import type { ChartRenderer } from '../../src/core/chart';
import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';
import { WecomApiClient } from './api-client';
import { MAX_ENVELOPE_BYTES } from './callback-parser';
import { ResponseCodeStore } from './response-code-store';
import { wecomWebhook } from './webhook-handler';
import { WecomMessenger } from './wecom-messenger';

/** What the WeCom adapter needs (from the WECOM_* variables). */
export interface WecomConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** Server API base, e.g. https://qyapi.weixin.qq.com or a fake server's URL. */
  apiBase: string;
}

/*
 * How the pieces fit (docs/platforms/wecom.md):
 * - webhook-handler: GET verifies the callback URL; POST checks the signature, decrypts
 *   (callback-crypto), parses the XML (callback-parser) and hands one neutral event
 *   (event-decoder) to the dispatcher, answering an empty 200 after its commit.
 * - wecom-messenger: renders replies (text-renderer, template-card-renderer) and sends them
 *   through the server API (api-client, errors classified by api-errors); a chat target is a
 *   team's group robot.
 * - response-code-store: the latest response_code of each template card, which the webhook
 *   learns from clicks and the messenger spends on update_template_card.
 */

/** Why 2 s: the sick note is fetched inside the webhook, which WeCom gives 5 s (docs/platforms/wecom.md §2.5). */
const MEDIA_TIMEOUT_MS = 2000;

/** The WeCom adapter: GET|POST /webhooks/wecom and sending through the server API. */
export function createWecomAdapter(config: WecomConfig, logger: Logger, opts: { charts?: ChartRenderer } = {}): PlatformAdapter {
  const client = new WecomApiClient({ corpId: config.corpId, secret: config.secret, apiBase: config.apiBase }, logger);
  const codes = new ResponseCodeStore();
  const keys = { token: config.token, encodingAesKey: config.encodingAesKey, corpId: config.corpId };
  return {
    platform: 'wecom',
    messenger: new WecomMessenger(client, config.agentId, codes, logger, undefined, opts.charts),
    webhook: {
      path: '/webhooks/wecom',
      methods: ['GET', 'POST'],
      maxBodyBytes: MAX_ENVELOPE_BYTES,
      handle: wecomWebhook({ keys, codes, fetchMedia: (mediaId) => client.media(mediaId, MEDIA_TIMEOUT_MS), logger }),
    },
  };
}
