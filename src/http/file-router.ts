import { Router } from '@koa/router';
import type { FileDownloads } from '../core/file-links';
import { browserGuard } from './browser-guard';
import type { HttpState } from './request-context';

/** Options of {@link fileRouter}. */
export interface FileRouterOptions {
  /** Host names besides loopback that links are served for (PUBLIC_URL's). */
  publicHosts: readonly string[];
  /** The application's clock: when a link expires is measured on it. */
  now: () => Date;
}

/** `filename*` of RFC 6266 (UTF-8, percent-encoded) with an ASCII fallback for old clients. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /files/TOKEN`: a file the bot offered in the web chat, while its link lasts (policy
 * files.linkMinutes); 410 once expired, 404 for a token it never issued. Behind the browser
 * guard like the web chat: another Host is refused (421), no page may frame it. The file is
 * never cached (it holds pay, H-20).
 */
export function fileRouter(files: FileDownloads, opts: FileRouterOptions): Router<HttpState> {
  const router = new Router<HttpState>();
  router.use('/files', browserGuard({ publicHosts: opts.publicHosts, contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'" }));
  router.get('/files/:token', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const found = await files.open(ctx.params.token ?? '', opts.now());
    if (found.status !== 'ok') {
      ctx.status = found.status === 'expired' ? 410 : 404;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = found.status === 'expired' ? '下载链接已过期。请在聊天里重新发送命令，取得新的链接。\n' : '没有这个下载链接。请在聊天里重新发送命令，取得新的链接。\n';
      return;
    }
    ctx.status = 200;
    ctx.type = found.mediaType;
    ctx.set('Content-Disposition', disposition(found.name));
    ctx.body = found.content;
  });
  return router;
}
