import { ROLE_NAMES } from '../../core/role-names';
import type { Role } from '../../domain/roles';
import { listConsoleSessions } from '../../services/console';
import type { ConsolePageSpec } from '../console-page';
import { html } from '../html';
import { formatInstant } from './page-format';

/** 会话 (/admin/sessions, admins): the live console sessions, each with a button that revokes it at once. */
export const sessionsPage: ConsolePageSpec = {
  path: '/admin/sessions',
  nav: '会话',
  adminOnly: true,
  async render(deps, viewer) {
    const tz = deps.ctx.policy.timezone;
    const sessions = await listConsoleSessions(deps.ctx, deps.now());
    if (!sessions.length) return { title: '会话', body: html`<p class="empty">现在没有登录中的后台会话。</p>` };
    const rows = sessions.map(
      (s) => html`<tr><td>${s.name}</td><td>${ROLE_NAMES[s.role as Role] ?? s.role}</td><td>${formatInstant(s.createdAt, tz)}</td><td>${formatInstant(s.lastSeenAt, tz)}</td><td>${formatInstant(s.expiresAt, tz)}</td>
<td>${s.id === viewer.sessionId ? html`<span class="muted">当前会话</span>` : html`<button type="button" class="btn-danger" data-post="/admin/api/sessions/${s.id}/revoke">撤销</button>`}</td></tr>`,
    );
    return {
      title: '会话',
      body: html`<p class="muted">登录中的管理后台会话（最近使用的在前）。撤销后对方立即退出，需要在聊天里重新发送「后台」登录。</p>
<div class="table-wrap"><table><caption class="muted">共 ${sessions.length} 个会话</caption><thead><tr><th scope="col">员工</th><th scope="col">角色</th><th scope="col">登录时间</th><th scope="col">最近使用</th><th scope="col">到期</th><th scope="col">操作</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
    };
  },
};
