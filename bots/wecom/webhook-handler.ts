import type { Logger } from '../../src/core/logger';
import type { Dispatch, WebhookRequest, WebhookResponse } from '../../src/core/platform-adapter';
import { CallbackRejected, echostrOf, openCiphertext, signatureMatches, signedQuery, verifyAndOpen, type CallbackKeys } from './callback-crypto';
import { MAX_ENVELOPE_BYTES, parseEnvelope, parseInner, scanEncrypt } from './callback-parser';
import { toIncomingEvent, type MediaFetcher } from './event-decoder';
import type { ResponseCodeStore } from './response-code-store';

/** What the webhook needs. */
export interface WebhookDeps {
  keys: CallbackKeys;
  codes: ResponseCodeStore;
  fetchMedia: MediaFetcher;
  logger: Logger;
}

/**
 * Why an empty 200: WeCom waits 5 s, retries anything else, and treats an empty body as "no
 * passive reply"; replies go through message/send from the outbox (docs/platforms/wecom.md §1.6, §2.5).
 */
const ACCEPTED: WebhookResponse = { status: 200, body: '', contentType: 'text/plain' };

/**
 * URL verification: answers the decrypted echostr exactly (no quotes, BOM or newline) as
 * text/plain. Why: that is the whole check the console runs (docs/platforms/wecom.md §1.2).
 */
function verifyUrl(deps: WebhookDeps, req: WebhookRequest): WebhookResponse {
  const query = signedQuery(req.query);
  const echo = verifyAndOpen(deps.keys, query, echostrOf(req.query));
  return { status: 200, body: echo, contentType: 'text/plain' };
}

/**
 * A message or event, cheapest check first: the signed query, the size, the signature over the
 * Encrypt text found by a scan (nothing is parsed for an unsigned body), then the whole
 * envelope, which must hold the same Encrypt; decryption with the CorpID check, the XML
 * checked, then one event to the dispatcher; 200 only after its commit.
 */
async function receive(deps: WebhookDeps, req: WebhookRequest, dispatch: Dispatch): Promise<WebhookResponse> {
  const query = signedQuery(req.query);
  if (req.body.length > MAX_ENVELOPE_BYTES) throw new CallbackRejected(413, `the body is over ${MAX_ENVELOPE_BYTES} bytes`);
  const encrypt = scanEncrypt(req.body);
  if (!signatureMatches(deps.keys, query, encrypt)) throw new CallbackRejected(401, 'msg_signature does not match');
  // Why parse it still: the signature covers the Encrypt text only, so a replayed ciphertext
  // may come wrapped in anything; an Encrypt the parser reads differently from the scan (one
  // in a comment, another spelled `<Encrypt >`) is refused.
  const envelope = parseEnvelope(req.body);
  if (envelope.encrypt !== encrypt) throw new CallbackRejected(400, 'the envelope holds another Encrypt than the one signed');
  const inner = parseInner(openCiphertext(deps.keys, encrypt));
  if (inner.ToUserName !== deps.keys.corpId || (envelope.toUserName && envelope.toUserName !== deps.keys.corpId)) {
    throw new CallbackRejected(401, 'ToUserName is not our CorpID');
  }
  if (inner.Event === 'template_card_event' && inner.TaskId && inner.ResponseCode) deps.codes.remember(inner.TaskId, inner.ResponseCode);
  const event = toIncomingEvent(inner, deps.fetchMedia);
  if (!event) {
    deps.logger.debug({ platform: 'wecom', msgType: inner.MsgType, event: inner.Event }, 'WeCom callback ignored');
    return ACCEPTED;
  }
  const outcome = await dispatch(event);
  deps.logger.debug({ platform: 'wecom', dedupKey: event.dedupKey, status: outcome.status }, 'WeCom callback handled');
  return ACCEPTED;
}

/**
 * The adapter's `handle`: GET verifies the callback URL, POST receives messages and events.
 * A bad signature or a foreign CorpID answers 401, a malformed body 400, an oversized one 413;
 * nothing is stored then.
 */
export function wecomWebhook(deps: WebhookDeps): (req: WebhookRequest, dispatch: Dispatch) => Promise<WebhookResponse> {
  return async (req, dispatch) => {
    try {
      return req.method === 'GET' ? verifyUrl(deps, req) : await receive(deps, req, dispatch);
    } catch (e) {
      if (!(e instanceof CallbackRejected)) throw e;
      deps.logger.warn({ platform: 'wecom', method: req.method, status: e.status, reason: e.message }, 'WeCom callback refused');
      return { status: e.status, body: e.message, contentType: 'text/plain' };
    }
  };
}
