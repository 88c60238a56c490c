import type { AppEnv } from '../config/env';
import type { DirectoryUser } from '../core/directory';
import type { Logger } from '../core/logger';

/** The directory platforms `org sync` reads. */
export type DirectoryPlatform = 'feishu' | 'wecom';

/** Reads `platform`'s directory with the environment's credentials; null when the platform is not configured. */
export async function readDirectory(env: AppEnv, platform: DirectoryPlatform, logger: Logger): Promise<DirectoryUser[] | null> {
  if (platform === 'feishu') {
    if (!env.feishu) return null;
    return (await import('../../bots/feishu/feishu-directory')).readFeishuDirectory(env.feishu, logger);
  }
  if (!env.wecom) return null;
  return (await import('../../bots/wecom/wecom-directory')).readWecomDirectory(env.wecom, logger);
}
