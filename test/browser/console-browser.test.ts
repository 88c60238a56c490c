/**
 * The console in Chromium (issue 18): 后台's link signs in, also when it is opened from a page
 * of another site (its redirect to /admin carries no SameSite=Strict cookie, and /admin opens
 * itself again from this site), the pages obey their CSP (no console errors), fit a 390 px
 * phone without sideways scrolling of the page, and the page script revokes a session with its
 * reply shown in the status region after the reload. Pictures go to test-artifacts/console/.
 */
import path from 'node:path';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './browser-kit';

const SHOTS = path.join(__dirname, '../../test-artifacts/console');

const seen = new Set<string>();

/** A fresh sign-in link of the demo's admin (E900), as the path and query (one not returned before). */
async function linkOf(b: BrowserRig): Promise<string> {
  expect((await b.rig.api('/api/web/messages', { as: 'E900', chat: 'direct', text: '后台' })).status).toBe(200);
  const until = Date.now() + 5000;
  for (;;) {
    const html = (await b.rig.api('/api/web/history?as=E900')).json.map((i: any) => i.html).join('\n');
    const fresh = [...html.matchAll(/\/admin\/login\?t=([A-Za-z0-9_-]{43})/g)].map((m) => m[1]).find((t) => !seen.has(t));
    if (fresh) {
      seen.add(fresh);
      return `/admin/login?t=${fresh}`;
    }
    if (Date.now() > until) throw new Error('no sign-in link in the web chat');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeInBrowser('the console in a browser', () => {
  test.each([390, 1440])('at %i px: sign in, read 审计, revoke a session, sign out', async (width) => {
    const b = await openBrowserRig(SHOTS, width);
    try {
      const { page } = b;
      await page.goto(b.rig.url + (await linkOf(b)));
      await page.waitForURL(/\/admin\/month$/);
      await page.locator('nav.main a', { hasText: '审计' }).click();
      await page.waitForURL(/\/admin\/audit$/);
      await page.locator('h1', { hasText: '审计' }).waitFor();
      await page.locator('td code', { hasText: 'console.login' }).first().waitFor();
      expect(await page.evaluate(() => { const g = globalThis as any; return g.document.documentElement.scrollWidth <= g.innerWidth; })).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, `audit-${width}.png`), fullPage: true });

      // Another session of the same admin (a second link opened elsewhere), then revoke it here.
      const other = await fetch(b.rig.url + (await linkOf(b)), { redirect: 'manual' });
      expect(other.status).toBe(303);
      await page.locator('nav.main a', { hasText: '会话' }).click();
      await page.waitForURL(/\/admin\/sessions$/);
      expect(await page.locator('nav.main a[aria-current="page"]').innerText()).toBe('会话');
      await page.screenshot({ path: path.join(SHOTS, `sessions-${width}.png`), fullPage: true });
      await page.locator('button[data-post*="/revoke"]').first().click();
      await page.locator('#console-status', { hasText: '已撤销该会话' }).waitFor();
      expect(await page.locator('button[data-post*="/revoke"]').count()).toBe(0);

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('跳到正文');

      await page.locator('button', { hasText: '退出' }).click();
      await page.waitForURL(/\/admin\/login$/);
      await page.locator('p', { hasText: '在聊天里发送「后台」' }).waitFor();
      expect(b.consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
    } finally {
      await b.close();
    }
  }, 60_000);

  test('a link clicked on a page of another site (a chat in a browser tab) signs in all the same', async () => {
    const b = await openBrowserRig(SHOTS, 1200);
    try {
      const { page } = b;
      const link = b.rig.url + (await linkOf(b));
      await page.route('http://chat.elsewhere.test/', (route) => route.fulfill({ contentType: 'text/html', body: `<a id="go" href="${link}">后台</a>` }));
      await page.goto('http://chat.elsewhere.test/');
      await page.locator('#go').click();
      await page.waitForURL(/\/admin\/month$/);
      await page.locator('nav.main a[aria-current="page"]', { hasText: '本月' }).waitFor();
    } finally {
      await b.close();
    }
  }, 60_000);
});
