import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';

/** What the wechaty adapter needs (from the WECHATY_* variables). */
export interface WechatyConfig {
  /** The puppet package name, e.g. wechaty-puppet-service. */
  puppet: string;
  /** Passed to the puppet as its token. */
  puppetToken?: string;
}

/** The wechaty adapter: a long-lived client (no webhook) that sends and receives in WeChat. */
export function createWechatyAdapter(_config: WechatyConfig, _logger: Logger): PlatformAdapter {
  throw new Error('The wechaty adapter is not built yet');
}
