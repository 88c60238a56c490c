import { Router } from '@koa/router';
import type { Context } from 'koa';
import { UserError } from '../core/errors';
import { redeemConsoleLink, revokeSession } from '../services/console';
import { browserGuard, pagePolicy, type HttpState } from '../http/router-kit';
import { downloadPayroll, revoke, runCommand, type ConsoleApiDeps } from './console-api';
import { clearedCookie, sessionCookie, signedIn, signedOutText } from './console-auth';
import { ConsoleError, type ConsoleDeps, type ConsolePageSpec, type Viewer } from './console-page';
import { loadConsoleScript } from './console-script';
import { escapeHtml, html } from './html';
import { CONSOLE_SCRIPT_PATH, layout, navPages, noticePage } from './layout';

/** Options of {@link consoleRouter}. */
export interface ConsoleRouterOptions extends ConsoleApiDeps {
  deps: ConsoleDeps;
  /** Every page of the console, in navigation order (本月, 员工, 审批, 团队, 日历, 审计, 会话). */
  pages: readonly ConsolePageSpec[];
  /** PUBLIC_URL: its host is served besides loopback; https makes the cookie Secure. */
  publicUrl: string;
}

/** Sends a page: the CSP hashes this page's own `<style>` elements; nothing is cached (pay, names). */
function sendPage(ctx: Context, status: number, page: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', pagePolicy(page));
  ctx.set('Cache-Control', 'no-store');
  ctx.body = page;
}

/**
 * A page opened by a navigation from another site arrives without the SameSite=Strict cookie
 * even when the browser holds one (the sign-in link's redirect, a bookmark in a web mail): it
 * gets a page that opens the same address again from this site (a meta refresh, and a link for
 * the keyboard), which then carries the cookie or gets the usual 401. Only a browser says
 * cross-site (Sec-Fetch-Site), and the second request is same-origin, so this never loops.
 */
function reopenFromHere(ctx: Context): boolean {
  if (ctx.get('Sec-Fetch-Site') !== 'cross-site' || ctx.get('Sec-Fetch-Mode') !== 'navigate') return false;
  const here = ctx.path + (ctx.querystring ? `?${ctx.querystring}` : '');
  const page = noticePage('管理后台', '正在进入管理后台…', html`<p><a class="btn primary" href="${here}">进入管理后台</a></p>`).replace('<head>', `<head><meta http-equiv="refresh" content="0;url=${escapeHtml(here)}">`);
  sendPage(ctx, 200, page);
  return true;
}

/** The console's first page for `viewer`: 本月 when it is registered, else the first page they may open. */
function homeOf(pages: readonly ConsolePageSpec[], viewer: Viewer): string {
  const open = navPages(pages, viewer).filter((p) => !p.path.includes(':'));
  return (open.find((p) => p.path === '/admin/month') ?? open[0])?.path ?? '/admin/sessions';
}

/**
 * The web console under /admin (docs/console.md): the one-time sign-in of `后台`, the pages
 * (each needs a session; adminOnly pages refuse supervisors with 403), the page script, sign
 * out, and the JSON API (writes run chat commands as the viewer). Behind the browser guard:
 * another Host is refused, writes must be same-origin JSON, and every page carries a CSP with
 * frame-ancestors 'none' (its `<style>` allowed by hash).
 *
 * The sign-in link answers 303 to /admin (the 303 drops the token from the address bar and the
 * history). A link opened from another site (a chat in a browser) is a cross-site navigation,
 * and a SameSite=Strict cookie is not sent on its redirects: a page that arrives that way
 * without a cookie answers with a page that opens the same address again from this site, where
 * the cookie is sent (see {@link reopenFromHere}).
 */
export function consoleRouter(opts: ConsoleRouterOptions): Router<HttpState> {
  const { deps, pages } = opts;
  const secure = new URL(opts.publicUrl).protocol === 'https:';
  const router = new Router<HttpState>();
  const script = loadConsoleScript();
  router.use('/admin', browserGuard({ publicHosts: [new URL(opts.publicUrl).host], contentSecurityPolicy: pagePolicy('') }));

  router.get('/admin/login', async (ctx) => {
    // A HEAD (a link checker, a preview's probe) learns nothing and uses nothing up.
    if (ctx.method === 'HEAD') {
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 204;
      return;
    }
    const token = typeof ctx.query.t === 'string' ? ctx.query.t : '';
    const result = token ? await redeemConsoleLink(deps.ctx, token, deps.now()) : { status: 'none' as const };
    if (result.status !== 'ok') {
      const why = {
        none: '请在聊天里发送「后台」，点击收到的登录链接。',
        unknown: '这个登录链接无效。请在聊天里重新发送「后台」取得新链接。',
        expired: '这个登录链接已过期（链接只在发出后的几分钟内有效）。请在聊天里重新发送「后台」取得新链接。',
        used: '这个登录链接已经用过了（每个链接只能用一次）。请在聊天里重新发送「后台」取得新链接。',
        'no-access': '你现在没有使用管理后台的权限（只有管理员和在职的主管可以使用）。',
      }[result.status];
      return sendPage(ctx, result.status === 'no-access' ? 403 : 401, noticePage('无法登录', why));
    }
    ctx.set('Set-Cookie', sessionCookie(result.token, deps.ctx.policy.console.sessionHours * 3600, secure));
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect('/admin');
  });

  router.get(CONSOLE_SCRIPT_PATH, (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = script;
  });

  router.get('/admin', async (ctx) => {
    const found = await signedIn(ctx, deps);
    if (found.status === 'none' && reopenFromHere(ctx)) return;
    if (found.status !== 'ok') return sendPage(ctx, found.status === 'no-access' ? 403 : 401, noticePage('需要登录', signedOutText(found.status)));
    ctx.status = 303;
    ctx.redirect(homeOf(pages, found.viewer));
  });

  router.post('/admin/logout', async (ctx) => {
    const found = await signedIn(ctx, deps);
    if (found.status === 'ok') await revokeSession(deps.ctx, found.viewer, found.viewer.sessionId, deps.now());
    ctx.set('Set-Cookie', clearedCookie(secure));
    ctx.body = { status: 'signed-out', replies: ['已退出管理后台。'] };
  });

  router.post('/admin/api/command', (ctx) => runCommand(ctx, opts));
  router.post('/admin/api/sessions/:id/revoke', (ctx) => revoke(ctx, deps, ctx.params.id ?? ''));
  router.get('/admin/api/payroll', (ctx) => downloadPayroll(ctx, deps));

  for (const spec of pages) {
    router.get(spec.path, async (ctx) => {
      const found = await signedIn(ctx, deps);
      if (found.status === 'none' && reopenFromHere(ctx)) return;
      if (found.status !== 'ok') return sendPage(ctx, found.status === 'no-access' ? 403 : 401, noticePage('需要登录', signedOutText(found.status)));
      const { viewer } = found;
      const refuse = (status: number, message: string) => sendPage(ctx, status, layout(pages, viewer, spec, { title: spec.nav ?? '管理后台', body: html`<p class="empty" role="alert">${message}</p>` }));
      if (spec.adminOnly && viewer.role !== 'admin') return refuse(403, '这个页面只有管理员可以查看。');
      try {
        const content = await spec.render(deps, viewer, { params: { ...ctx.params }, query: new URLSearchParams(ctx.querystring) });
        sendPage(ctx, 200, layout(pages, viewer, spec, content));
      } catch (e) {
        if (e instanceof ConsoleError) return refuse(e.status, e.message);
        if (e instanceof UserError) return refuse(400, e.message);
        throw e;
      }
    });
  }
  return router;
}
