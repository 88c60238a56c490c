import type { DirectoryUser } from '../../src/core/directory';
import type { Logger } from '../../src/core/logger';
import type { FeishuConfig } from './index';
import { FeishuApiClient } from './feishu-api-client';

/** Feishu's page size limit of find_by_department (docs/platforms/feishu.md §5). */
const PAGE_SIZE = 50;
const TIMEOUT_MS = 10_000;

interface UsersPage {
  data?: { has_more?: boolean; page_token?: string; items?: Array<{ open_id?: string; name?: string; employee_no?: string; mobile?: string }> };
}

/**
 * The tenant's directory: contact v3 users of the root department (department_id 0), page by
 * page (page_size 50, page_token while has_more). Needs the full contact data range and the
 * field scopes for employee_no (contact:user.employee:readonly) and mobile; a field without its
 * scope is simply absent (docs/platforms/feishu.md §5).
 */
export async function readFeishuDirectory(config: FeishuConfig, logger: Logger): Promise<DirectoryUser[]> {
  const api = new FeishuApiClient(config.appId, config.appSecret, config.domain, logger);
  const users: DirectoryUser[] = [];
  let pageToken: string | undefined;
  do {
    const params: Record<string, string | number> = { department_id: '0', page_size: PAGE_SIZE, user_id_type: 'open_id' };
    if (pageToken) params.page_token = pageToken;
    const page = await api.call<UsersPage>({ method: 'GET', url: '/open-apis/contact/v3/users/find_by_department', params }, TIMEOUT_MS);
    for (const u of page.data?.items ?? []) {
      if (!u.open_id) continue;
      users.push({ externalId: u.open_id, name: u.name ?? u.open_id, ...(u.employee_no ? { no: u.employee_no } : {}), ...(u.mobile ? { mobile: u.mobile } : {}) });
    }
    pageToken = page.data?.has_more ? page.data.page_token : undefined;
  } while (pageToken);
  return users;
}
