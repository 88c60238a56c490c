import { Router } from '@koa/router';
import type { Logger } from '../core/logger';

/** How long `/readyz` waits for the readiness check before answering 503. */
export const DEFAULT_READY_TIMEOUT_MS = 2000;

/** What the health routes need: the injected readiness check (the database, in practice). */
export interface HealthDeps {
  logger: Logger;
  /** Resolves true when the process can serve (the database answers); false or a throw if not. */
  isReady: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

/** Runs `check` with a deadline: true only if it resolves true in time; never throws. */
async function readyWithin(check: () => Promise<boolean>, timeoutMs: number, logger: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(check), timeout]);
    if (outcome === 'timeout') logger.warn({ timeoutMs }, 'readiness check timed out');
    return outcome === true;
  } catch (err) {
    logger.warn({ err }, 'readiness check failed');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A router with `GET /healthz` (the process is up: always 200) and `GET /readyz` (200 when
 * `isReady` resolves true within the timeout; 503 with a reason otherwise, so a load balancer
 * stops sending webhooks that would fail and the platforms retry elsewhere).
 */
export function healthRouter(deps: HealthDeps): Router {
  const timeoutMs = deps.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (await readyWithin(deps.isReady, timeoutMs, deps.logger)) {
      ctx.body = { status: 'ready' };
      return;
    }
    ctx.body = { status: 'unavailable', reason: 'database unreachable' };
    ctx.status = 503;
  });
  return router;
}
