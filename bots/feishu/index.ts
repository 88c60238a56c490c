import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';

/** What the Feishu adapter needs (from the FEISHU_* variables). */
export interface FeishuConfig {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  /** Open API base, e.g. https://open.feishu.cn or a fake server's URL. */
  domain: string;
}

/** The Feishu adapter: POST /webhooks/feishu and sending through the Open API. */
export function createFeishuAdapter(_config: FeishuConfig, _logger: Logger): PlatformAdapter {
  throw new Error('The Feishu adapter is not built yet');
}
