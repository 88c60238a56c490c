import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsolePageSpec, Viewer } from '../../../src/console/console-page';
import { loadConsoleScript } from '../../../src/console/console-script';
import { html } from '../../../src/console/html';
import { layout, navPages, noticePage } from '../../../src/console/layout';
import { mayView } from '../../../src/console/pages/page-kit';

const page = (p: Partial<ConsolePageSpec>): ConsolePageSpec => ({ path: '/admin/x', render: async () => ({ title: 'x', body: html`` }), ...p });
const PAGES = [page({ path: '/admin/month', nav: '本月' }), page({ path: '/admin/employee/:id' }), page({ path: '/admin/audit', nav: '审计', adminOnly: true })];
const admin: Viewer = { employeeId: 1, name: '赵敏', role: 'admin', teamId: null, sessionId: 9 };
const supervisor: Viewer = { employeeId: 2, name: '<b>王强</b>', role: 'supervisor', teamId: 4, sessionId: 10 };

describe('console layout', () => {
  test('the navigation lists the pages the viewer may open, the current one marked; names are escaped', () => {
    expect(navPages(PAGES, admin).map((p) => p.nav)).toEqual(['本月', '审计']);
    expect(navPages(PAGES, supervisor).map((p) => p.nav)).toEqual(['本月']);
    const out = layout(PAGES, supervisor, PAGES[0], { title: '本月', body: html`<p>${'<script>'}</p>` });
    expect(out).toContain('<a href="/admin/month" aria-current="page">本月</a>');
    expect(out).not.toContain('审计');
    expect(out).toContain('&lt;b&gt;王强&lt;/b&gt;（主管，只看本团队）');
    expect(out).toContain('<p>&lt;script&gt;</p>');
    expect(out).toContain('<a class="skip" href="#main">跳到正文</a>');
    expect(out).toContain('role="status" aria-live="polite"');
    expect(out).toContain('data-post="/admin/logout"');
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  test('a notice page carries only its title and message', () => {
    expect(noticePage('需要登录', '请发送「后台」<')).toContain('<h1>需要登录</h1><p>请发送「后台」&lt;</p>');
  });

  test('mayView is the chat\'s rule: an admin anyone, a supervisor themselves and the own team\'s agents and salespeople', () => {
    const agent = (teamId: number | null) => ({ id: 20, role: 'agent' as const, teamId });
    expect([mayView(admin, agent(3)), mayView(admin, { id: 30, role: 'supervisor', teamId: 4 })]).toEqual([true, true]);
    expect([mayView(supervisor, agent(4)), mayView(supervisor, { id: 21, role: 'salesperson', teamId: 4 })]).toEqual([true, true]);
    expect([mayView(supervisor, agent(3)), mayView(supervisor, agent(null))]).toEqual([false, false]);
    expect(mayView(supervisor, { id: 31, role: 'supervisor', teamId: 4 })).toBe(false);
    expect(mayView(supervisor, { id: 2, role: 'supervisor', teamId: 4 })).toBe(true);
  });

  test('the page script is small and transpiles from source', () => {
    const source = readFileSync(path.join(__dirname, '../../../src/console/client/console-client.ts'), 'utf8');
    expect(source.split('\n').length).toBeLessThan(150);
    const script = loadConsoleScript();
    expect(script).toContain("'/admin/api/command'");
    expect(script).not.toContain('interface ');
  });
});
