import type { Logger } from '../../src/core/logger';
import { DeliveryError } from '../../src/core/messenger';

/** A WeCom server API answer with a non-zero errcode. Why: calls answer HTTP 200 and the outcome is in errcode (docs/platforms/wecom.md §3). */
export class WecomApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeCom ${api} answered errcode ${errcode}: ${errmsg}`);
    this.name = 'WecomApiError';
  }
}

/** A network failure, timeout or non-2xx HTTP status: the request may be tried again. */
export class WecomTransportError extends Error {
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`WeCom ${api}: ${message}`);
    this.name = 'WecomTransportError';
  }
}

/** Why: 40014 invalid, 41001 missing, 42001 expired access_token; refetch once, retry once (docs/platforms/wecom.md §3.1). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 41001, 42001]);

/** Why: -1 system busy, 45009 over the call limit (minute-level interception: back off 60 s), 45033 too many concurrent calls (docs/platforms/wecom.md §3.6). */
const RETRY_AFTER_MS: ReadonlyMap<number, number | undefined> = new Map([
  [-1, undefined],
  [45009, 60_000],
  [45033, 3_000],
  [40014, undefined],
  [41001, undefined],
  [42001, undefined],
]);

/** Configuration mistakes an operator has to fix, with the fix (docs/platforms/wecom.md §3.1, §3.6). */
const FIXES: ReadonlyMap<number, string> = new Map([
  [60020, "add this server's egress IP to the app's 企业可信IP (admin console → 应用管理 → the app → 企业可信IP); it takes effect after about a minute"],
  [40001, 'WECOM_SECRET is wrong, was reset, or the app is disabled'],
  [40013, 'WECOM_CORP_ID is not a valid CorpID'],
  [40091, 'WECOM_SECRET is not a valid secret'],
  [41004, 'WECOM_SECRET is missing'],
  [48002, 'the app has no permission for this API'],
  [93000, 'the group robot key is invalid or the robot was removed from its group (Team.chats.wecom)'],
]);

/**
 * Classifies a failure for the outbox: rate limits, system busy and transport failures are
 * retried; 60020 (IP not trusted) too, after a minute, since the fix takes effect without a
 * restart; invalid users (81013), bad requests and other configuration errors are not. A
 * configuration error is logged with its fix.
 */
export function toDeliveryError(e: unknown, logger: Logger): DeliveryError {
  if (e instanceof DeliveryError) return e;
  if (e instanceof WecomTransportError) return new DeliveryError(e.message, true);
  if (!(e instanceof WecomApiError)) return new DeliveryError((e as Error)?.message ?? String(e), true);
  const fix = FIXES.get(e.errcode);
  if (fix) logger.error({ platform: 'wecom', api: e.api, errcode: e.errcode, fix }, `WeCom refused the call: ${fix}`);
  if (e.errcode === 60020) return new DeliveryError(e.message, true, 60_000);
  if (RETRY_AFTER_MS.has(e.errcode)) return new DeliveryError(e.message, true, RETRY_AFTER_MS.get(e.errcode));
  if (e.errcode === 81013) logger.warn({ platform: 'wecom', api: e.api, errcode: e.errcode }, 'WeCom: every recipient is invalid (not in the app\'s visible range?)');
  return new DeliveryError(e.message, false);
}
