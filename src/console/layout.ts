import { ROLE_NAMES } from '../core/role-names';
import { CONSOLE_CSS, DATA_PAGES_CSS } from './console-css';
import type { ConsolePageSpec, PageContent, Viewer } from './console-page';
import { html, raw, type SafeHtml } from './html';

/** Where the page script is served (src/console/client/console-client.ts). */
export const CONSOLE_SCRIPT_PATH = '/admin/console.js';

const STYLE = raw(`<style>${CONSOLE_CSS}${DATA_PAGES_CSS}</style>`);

/** The pages `viewer` may open from the navigation, in the given order. */
export function navPages(pages: readonly ConsolePageSpec[], viewer: Viewer): ConsolePageSpec[] {
  return pages.filter((p) => p.nav && (!p.adminOnly || viewer.role === 'admin'));
}

/** A nav entry's link: its path, or for a path with parameters none (pages reached by link only). */
const hrefOf = (spec: ConsolePageSpec): string | null => (spec.path.includes(':') ? null : spec.path);

function head(title: string): SafeHtml {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${title} · 管理后台</title>${STYLE}<script src="${CONSOLE_SCRIPT_PATH}" defer></script></head>`;
}

/**
 * A signed-in page: skip link, the navigation of the pages the viewer may open (the current one
 * marked with aria-current), the viewer's name and role and 退出; the status region the page
 * script reports into; then the page's own content.
 */
export function layout(pages: readonly ConsolePageSpec[], viewer: Viewer, current: ConsolePageSpec | null, content: PageContent): string {
  const nav = navPages(pages, viewer).flatMap((p) => {
    const href = hrefOf(p);
    return href ? [html`<li><a href="${href}"${p === current ? raw(' aria-current="page"') : ''}>${p.nav}</a></li>`] : [];
  });
  return html`${head(content.title)}<body>
<a class="skip" href="#main">跳到正文</a>
<header class="top"><span class="brand">管理后台</span>
<nav class="main" aria-label="后台页面"><ul>${nav}</ul></nav>
<div class="who"><span>${viewer.name}（${ROLE_NAMES[viewer.role]}${viewer.role === 'supervisor' ? '，只看本团队' : ''}）</span>
<button type="button" data-post="/admin/logout" data-then="/admin/login">退出</button></div></header>
<main id="main" tabindex="-1"><h1>${content.title}</h1>
<div id="console-status" class="status" role="status" aria-live="polite"></div>
${content.body}</main></body></html>`.text;
}

/** A page without a session (401), or a refusal before sign-in: a title and what to do. */
export function noticePage(title: string, message: string, extra?: SafeHtml): string {
  return html`${head(title)}<body><main id="main" class="notice"><h1>${title}</h1><p>${message}</p>${extra ?? ''}</main></body></html>`.text;
}
