import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import { httpError as refuse } from './http-error';

/** Options of {@link browserGuard}. */
export interface BrowserGuardOptions {
  /**
   * Host names (without port) this server answers browser pages for: 127.0.0.1, localhost and
   * [::1] always, plus PUBLIC_URL's host. Any other Host header is DNS rebinding or a mistake.
   */
  publicHosts: readonly string[];
  /** Content-Security-Policy sent with every response of the guarded routes. */
  contentSecurityPolicy: string;
}

/** The hosts every browser route answers for, whatever PUBLIC_URL says. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header or an origin's authority, lower-cased, without the port. */
export function hostName(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(0, a.indexOf(']') + 1);
  return a.replace(/:\d*$/, '');
}

/**
 * A Content-Security-Policy for a page whose only inline code is its `<style>` elements: they
 * are allowed by hash, scripts only from this origin, and no page may frame it.
 */
export function pagePolicy(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Middleware for the routes a browser uses (the web chat; the console later): a request for a
 * Host that is not this server's is refused with 421 (DNS rebinding), every answer carries the
 * CSP, nosniff and no-framing headers, and a write (any method but GET/HEAD/OPTIONS) must be
 * JSON (415 otherwise: a cross-site form or `text/plain` fetch cannot send it without a
 * preflight) from this origin (403 for a foreign `Origin` or a cross-site fetch).
 */
export function browserGuard(opts: BrowserGuardOptions) {
  const hosts = new Set([...LOOPBACK_HOSTS, ...opts.publicHosts].map(hostName));
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set({
      'Content-Security-Policy': opts.contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
    const host = ctx.get('Host');
    if (!host || !hosts.has(hostName(host))) {
      throw refuse(421, `this server does not answer for the host "${host.slice(0, 100)}": open it at 127.0.0.1, localhost or PUBLIC_URL`);
    }
    if (!SAFE_METHODS.has(ctx.method)) {
      if (!ctx.is('application/json')) throw refuse(415, 'writes must be sent as Content-Type: application/json');
      const origin = ctx.get('Origin');
      if (origin && !sameOrigin(origin, host)) throw refuse(403, 'cross-origin writes are refused');
      if (ctx.get('Sec-Fetch-Site') === 'cross-site') throw refuse(403, 'cross-site writes are refused');
    }
    await next();
  };
}

/** True when `origin` (scheme://host[:port]) names the same host and port as the Host header. */
function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host.toLowerCase() === new URL(`http://${host}`).host.toLowerCase();
  } catch {
    return false;
  }
}
