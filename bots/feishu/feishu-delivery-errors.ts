/**
 * Sending errors classified for the outbox (docs/platforms/feishu.md §3.5 rate limits and error codes): what
 * may succeed later (rate limits, server errors, timeouts) is retryable, with the wait Feishu
 * asks for when it says; what never will (an invalid receiver, a missing scope, a bad card) is
 * not, so the outbox gives up at once and says why.
 * https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control
 * https://open.feishu.cn/document/server-docs/im-v1/message/create (error codes)
 */
import { DeliveryError } from '../../src/core/messenger';
import { toApiError } from './feishu-api-client';

/** Codes that will not change by trying again, with what they mean. */
const PERMANENT: Record<number, string> = {
  230001: 'bad request parameter',
  230002: 'the bot is not in the chat',
  230006: 'the bot capability is off',
  230011: 'the message was recalled',
  230013: "the user is outside the app's availability range",
  230025: 'the content is too long',
  230027: 'permission missing',
  230031: 'the message is older than 14 days',
  230034: 'invalid receive_id',
  230053: 'the user blocked the bot',
  230099: 'the card could not be built',
  99991401: 'this IP is not allowed',
  99991672: 'a scope is missing',
  10003: 'invalid app credentials parameter',
  10014: 'app unauthorized (check FEISHU_APP_ID / FEISHU_APP_SECRET)',
  10015: 'wrong app secret',
};

/** Gateway throttling: 1000/min and 50/s per app (HTTP 429, code 99991400). */
const APP_RATE_LIMIT = 99991400;
/** Per user, per group and per message 5 QPS (HTTP 400, code 230020). */
const PER_TARGET_LIMIT = 230020;
/** How long to wait after 230020 when Feishu gives no reset: its window is one second. */
const PER_TARGET_WAIT_MS = 1000;
/**
 * 230099 is "the card could not be built", permanent, except for its sub-code 11310 with
 * "card action is lock": a JSON 2.0 card in the middle of an interaction (someone's click being
 * answered) cannot be updated yet, which passes (im/v1/messages/create, 230099 sub-codes).
 */
const CARD_BUILD_FAILED = 230099;
const CARD_LOCKED = /card action is lock/i;

/** The DeliveryError for a failed Open API call. */
export function deliveryError(e: unknown, what: string): DeliveryError {
  const err = toApiError(e);
  const prefix = `feishu ${what} failed`;
  if (err.httpStatus === 429 || err.code === APP_RATE_LIMIT || err.code === PER_TARGET_LIMIT) {
    // Why the header: Feishu tells in x-ogw-ratelimit-reset how many seconds to wait (§3.5).
    const wait = err.resetSeconds !== undefined ? err.resetSeconds * 1000 : err.code === PER_TARGET_LIMIT ? PER_TARGET_WAIT_MS : undefined;
    const scope = err.code === PER_TARGET_LIMIT ? 'per-chat/per-user limit of 5 QPS' : 'app rate limit';
    return new DeliveryError(`${prefix}: ${scope} (${err.message})`, true, wait);
  }
  if (err.code === CARD_BUILD_FAILED && CARD_LOCKED.test(err.message)) {
    return new DeliveryError(`${prefix}: the card is in the middle of a click, try again (${err.message})`, true);
  }
  if (err.code !== undefined && PERMANENT[err.code]) {
    return new DeliveryError(`${prefix}: ${PERMANENT[err.code]} (code ${err.code})`, false);
  }
  if (err.network !== undefined || (err.httpStatus !== undefined && err.httpStatus >= 500)) {
    return new DeliveryError(`${prefix}: ${err.message}`, true);
  }
  if (err.code !== undefined && err.code >= 99991000) {
    // Gateway and token codes (99991661/63/65 after the one refresh already tried): transient.
    return new DeliveryError(`${prefix}: ${err.message}`, true);
  }
  return new DeliveryError(`${prefix}: ${err.message}`, err.httpStatus === undefined);
}
