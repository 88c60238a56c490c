import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';

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

/** The WeCom adapter: GET|POST /webhooks/wecom and sending through the server API. */
export function createWecomAdapter(_config: WecomConfig, _logger: Logger): PlatformAdapter {
  throw new Error('The WeCom adapter is not built yet');
}
