import type { DirectoryUser } from '../../src/core/directory';
import type { Logger } from '../../src/core/logger';
import { WecomApiClient } from './api-client';
import type { WecomConfig } from './index';

/**
 * The corp's directory: GET user/list of the root department (1) with fetch_child=1, one answer
 * without paging. The userid is the account to bind and is matched against the employee number;
 * `mobile` comes only to apps allowed to read it (created before 2022-06-20, or authorised).
 */
export async function readWecomDirectory(config: WecomConfig, logger: Logger): Promise<DirectoryUser[]> {
  const client = new WecomApiClient({ corpId: config.corpId, secret: config.secret, apiBase: config.apiBase }, logger);
  const reply = await client.get('user/list', { department_id: '1', fetch_child: '1' });
  const list = Array.isArray(reply.userlist) ? (reply.userlist as Array<{ userid?: string; name?: string; mobile?: string }>) : [];
  return list.flatMap((u) => (u.userid ? [{ externalId: u.userid, name: u.name ?? u.userid, no: u.userid, ...(u.mobile ? { mobile: u.mobile } : {}) }] : []));
}
