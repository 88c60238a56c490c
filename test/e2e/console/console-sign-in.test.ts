/**
 * The console's sign-in over HTTP (issue 18; DESIGN.md "Second-wave contracts"): the link of
 * 后台 sets an HttpOnly, SameSite=Strict cookie for 8 hours (Secure only under an https
 * PUBLIC_URL) and redirects without the token; a used, expired or unknown link gets 401 and a
 * page that says to send 后台 again; pages need a live session of someone still allowed in.
 */
import { createHash } from 'node:crypto';
import { Employee } from '../../../src/db/entities';
import { makeTeam } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';
import { startConsole, type ConsoleRig } from './console-kit';

describeEachDb('console over HTTP: sign-in, cookie, sessions', (db) => {
  let rig: ConsoleRig;
  let p: Record<string, Employee>;
  beforeAll(async () => {
    ({ people: p } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]));
    rig = await startConsole(db());
    await rig.chat.bind(...Object.values(p));
  });
  afterAll(() => rig.close());

  test('a link signs in: 303 to /admin without the token, cookie HttpOnly, SameSite=Strict, Path=/admin, 8 hours, not Secure over http', async () => {
    const r = await rig.call({ path: await rig.linkFor(p['赵敏']) });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/admin');
    expect(r.headers['cache-control']).toBe('no-store');
    const [cookie] = r.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(/^console_session=[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    // The redirect of a link opened from another site carries no Strict cookie: a browser's
    // cross-site navigation gets a page that opens /admin again from this site; anything else 401.
    const crossSite = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
    const enter = await rig.call({ path: '/admin', headers: crossSite });
    expect(enter.status).toBe(200);
    expect(enter.text).toContain('<meta http-equiv="refresh" content="0;url=/admin">');
    expect(String(enter.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const again = await rig.call({ path: '/admin/month?team=1&amp=<x>', headers: crossSite });
    expect(again.text).toContain('content="0;url=/admin/month?team=1&amp;amp=&lt;x&gt;"');
    expect((await rig.call({ path: '/admin', headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } })).status).toBe(401);
    expect((await rig.call({ path: '/admin' })).status).toBe(401);
    const home = await rig.call({ path: '/admin', cookie: cookie.split(';')[0] });
    expect([home.status, home.headers.location]).toEqual([303, '/admin/month']);
  });

  test('a used, expired, unknown or missing link: 401 with a page that says to send 后台 again', async () => {
    const link = await rig.linkFor(p['赵敏']);
    // A HEAD (a link checker) neither signs in nor uses the link up.
    const probe = await rig.call({ method: 'HEAD', path: link });
    expect([probe.status, probe.headers['set-cookie']]).toEqual([204, undefined]);
    expect((await rig.call({ path: link })).status).toBe(303);
    const used = await rig.call({ path: link });
    expect(used.status).toBe(401);
    expect(used.text).toContain('已经用过了');
    expect(used.text).toContain('「后台」');
    expect(used.headers['set-cookie']).toBeUndefined();
    const stale = await rig.linkFor(p['赵敏']);
    rig.chat.clock.advance(10 * 60_000);
    const expired = await rig.call({ path: stale });
    expect([expired.status, expired.text.includes('已过期')]).toEqual([401, true]);
    for (const path of [`/admin/login?t=${'A'.repeat(43)}`, '/admin/login?t=x', '/admin/login']) {
      const r = await rig.call({ path });
      expect(r.status).toBe(401);
      expect(r.text).toContain('后台');
    }
  });

  test('under an https PUBLIC_URL the cookie is Secure', async () => {
    const secure = await startConsole(db(), 'https://bot.example.com');
    try {
      const r = await secure.call({ path: await secure.linkFor(p['赵敏']) });
      expect(r.headers['set-cookie']?.[0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await secure.close();
    }
  });

  test('pages: no cookie, a forged cookie → 401 asking for 后台; an admin sees 审计 with the CSP; a supervisor gets 403 on an admin page', async () => {
    for (const cookie of [undefined, `console_session=${'Z'.repeat(43)}`]) {
      const r = await rig.call({ path: '/admin/audit', cookie });
      expect(r.status).toBe(401);
      expect(r.text).toContain('在聊天里发送「后台」');
    }
    const admin = await rig.signIn(p['赵敏']);
    const page = await rig.call({ path: '/admin/audit', cookie: admin });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<a href="/admin/audit" aria-current="page">审计</a>');
    expect(page.text).toContain('赵敏（管理员）');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.text)![1];
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    const sup = await rig.signIn(p['王强']);
    const refused = await rig.call({ path: '/admin/sessions', cookie: sup });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('只有管理员');
  });

  test('revoked by an admin, or signed out: the session stops working', async () => {
    const admin = await rig.signIn(p['赵敏']);
    const other = await rig.signIn(p['赵敏']);
    const sessions = await rig.call({ path: '/admin/sessions', cookie: admin });
    expect(sessions.text).toContain('当前会话');
    const ids = [...sessions.text.matchAll(/data-post="\/admin\/api\/sessions\/(\d+)\/revoke"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    const json = { 'Content-Type': 'application/json' };
    for (const id of ids) {
      const r = await rig.call({ method: 'POST', path: `/admin/api/sessions/${id}/revoke`, cookie: admin, headers: json, body: '{}' });
      expect(r.json().status).toBe('revoked');
    }
    expect((await rig.call({ path: '/admin/audit', cookie: other })).status).toBe(401);
    expect((await rig.call({ path: '/admin/audit', cookie: admin })).status).toBe(200);
    const out = await rig.call({ method: 'POST', path: '/admin/logout', cookie: admin, headers: json, body: '{}' });
    expect(out.headers['set-cookie']?.[0]).toMatch(/^console_session=; Path=\/admin; Max-Age=0;/);
    const after = await rig.call({ path: '/admin/audit', cookie: admin });
    expect([after.status, after.text.includes('已被退出或被管理员撤销')]).toEqual([401, true]);
  });

  test('a supervisor demoted after signing in loses access at the next request; a supervisor may not revoke sessions', async () => {
    const { people } = await makeTeam(db(), [{ name: '李娜', role: 'supervisor' }]);
    await rig.chat.bind(people['李娜']);
    const cookie = await rig.signIn(people['李娜']);
    const json = { 'Content-Type': 'application/json' };
    expect((await rig.call({ method: 'POST', path: '/admin/api/sessions/1/revoke', cookie, headers: json, body: '{}' })).status).toBe(403);
    await db().getRepository(Employee).update({ id: people['李娜'].id }, { role: 'agent' });
    const r = await rig.call({ path: '/admin', cookie });
    expect(r.status).toBe(403);
    expect(r.text).toContain('没有使用管理后台的权限');
    expect((await rig.command(cookie, '同意 L1')).status).toBe(403);
  });

  test('a foreign Host is refused (421)', async () => {
    expect((await rig.call({ path: '/admin/audit', headers: { Host: 'evil.example' } })).status).toBe(421);
  });
});
