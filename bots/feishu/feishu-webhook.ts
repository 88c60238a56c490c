import type { DispatchOutcome } from '../../src/core/dispatcher';
import type { Logger } from '../../src/core/logger';
import type { Dispatch, WebhookRequest, WebhookResponse } from '../../src/core/platform-adapter';
import type { ImmediateResponse } from '../../src/core/turn-context';
import { CallbackAnswerGate } from './feishu-answer-gate';
import { checkSignature, FeishuDecryptor, sameSecret } from './feishu-crypto';
import { ChallengeBody, check, EncryptedBody, Envelope, parseJson, type Checked } from './feishu-envelope';
import { decodeEnvelope, type DecoderDeps } from './feishu-event-decoder';
import { callbackAnswer } from './feishu-reply-renderer';

/** What the webhook is configured with. */
export interface FeishuWebhookConfig {
  encryptKey: string;
  verificationToken: string;
  /** How long a card click may take before it is answered with a "processing" toast. */
  cardBudgetMs: number;
  /** How much longer a click whose new card is claimed may take to commit (budget + grace < 3 s). */
  cardGraceMs: number;
}

/** Shown when a click's work outlasts the budget; its result arrives as a message. */
export const CARD_PROCESSING_TOAST = '正在处理，结果稍后以消息发送。';

const json = (status: number, body: Record<string, unknown>): WebhookResponse => ({ status, body, contentType: 'application/json' });

/**
 * The largest push accepted. Why 512 KiB: a message holds at most 150 KB of text (docs/platforms/feishu.md
 * §3.2, the send limit; what users send is assumed no larger); escaped into the event's JSON
 * and encrypted as base64 (4/3, §1.3) it stays below this.
 */
export const MAX_PUSH_BYTES = 512 * 1024;

/**
 * The largest unsigned body looked at. Why 4 KiB: only the URL-verification challenge comes
 * unsigned (§1.2), `{"encrypt":…}` of about a hundred bytes of JSON; anything larger without a
 * signature is refused before it is parsed or decrypted.
 */
export const MAX_UNSIGNED_BYTES = 4 * 1024;

/**
 * POST /webhooks/feishu, for events and card callbacks alike: the size (413), the signature
 * over the received bytes (401, nothing stored, nothing logged but the refusal; an unsigned
 * body larger than a challenge is not even parsed), then decryption, the
 * challenge, the Verification Token, the zod-checked envelope (400 with a reason), and the
 * dispatch. A message is answered once its event is committed; a click within its budget.
 */
export class FeishuWebhook {
  private readonly decryptor: FeishuDecryptor;

  constructor(
    private readonly config: FeishuWebhookConfig,
    private readonly deps: DecoderDeps,
    private readonly logger: Logger,
  ) {
    this.decryptor = new FeishuDecryptor(config.encryptKey);
  }

  /** Answers one push. Database errors propagate: the HTTP layer answers 503 and Feishu retries. */
  async handle(request: WebhookRequest, dispatch: Dispatch): Promise<WebhookResponse> {
    if (request.body.length > MAX_PUSH_BYTES) return this.answer(413, `the body is over ${MAX_PUSH_BYTES} bytes`);
    const signature = checkSignature(request.headers, request.body, this.config.encryptKey);
    if (signature === 'invalid') return this.refuse('bad signature');
    if (signature === 'missing' && request.body.length > MAX_UNSIGNED_BYTES) return this.refuse('missing signature');
    const opened = this.open(request.body);
    if (!opened.ok) return signature === 'missing' ? this.refuse('missing signature') : this.malformed(opened.reason);
    const challenge = ChallengeBody.safeParse(opened.value);
    if (challenge.success) {
      if (!sameSecret(challenge.data.token, this.config.verificationToken)) return this.refuse('wrong verification token');
      // Why plain JSON: the challenge is answered unencrypted, within 1 s (docs/platforms/feishu.md §1.2).
      return json(200, { challenge: challenge.data.challenge });
    }
    if (signature === 'missing') return this.refuse('missing signature');
    const envelope = check(Envelope, opened.value, 'the event envelope');
    if (!envelope.ok) return this.malformed(envelope.reason);
    // Why check the token ourselves: the SDK never does (docs/platforms/feishu.md §1.5, §6.4).
    if (!sameSecret(envelope.value.header.token, this.config.verificationToken)) return this.refuse('wrong verification token');
    const decoded = await decodeEnvelope(envelope.value, this.deps);
    if (decoded.kind === 'invalid') return this.malformed(decoded.reason);
    if (decoded.kind === 'ignored') {
      // Why 200: Feishu retries anything else for hours (docs/platforms/feishu.md §1.8); we just do not act.
      this.logger.debug({ eventType: envelope.value.header.event_type, why: decoded.why }, 'feishu event ignored');
      return json(200, {});
    }
    if (decoded.event.type === 'card-action') {
      const gate = new CallbackAnswerGate();
      return json(200, callbackAnswer(await this.withinBudget(dispatch({ ...decoded.event, inlineAnswer: gate }), gate)));
    }
    await dispatch(decoded.event);
    // Why a body: the SDK's empty answer is a 204, which Feishu only promises to accept as 200 (§7).
    return json(200, {});
  }

  /** `{"encrypt":…}` → the decrypted JSON value. */
  private open(body: Buffer): Checked<unknown> {
    const outer = parseJson(body.toString('utf8'), 'the request body');
    if (!outer.ok) return outer;
    const wrapper = check(EncryptedBody, outer.value, 'the request body');
    if (!wrapper.ok) return wrapper;
    let plain: string;
    try {
      plain = this.decryptor.decrypt(wrapper.value.encrypt);
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
    return parseJson(plain, 'the decrypted event');
  }

  /**
   * Why a budget: a card callback must be answered with HTTP 200 within 3 s and is never
   * retried (docs/platforms/feishu.md §2.3, §2.4, pitfall 15). Past the budget the click is answered with a
   * toast; its work still commits, and its replies and card updates go through the outbox. A
   * click whose turn has already claimed the answer for its new card (the outbox then leaves the
   * clicked message alone) is waited for a little longer, so that the card does reach it.
   */
  private async withinBudget(outcome: Promise<DispatchOutcome>, gate: CallbackAnswerGate): Promise<ImmediateResponse | undefined> {
    const first = await this.race(outcome, this.config.cardBudgetMs);
    if (first !== 'late') return first.immediate;
    if (!gate.close()) {
      const second = await this.race(outcome, this.config.cardGraceMs);
      if (second !== 'late') return second.immediate;
      this.logger.warn('feishu: a click committed too late for its answer; the clicked card shows its old state until it is next updated');
    }
    outcome.catch((err: unknown) => this.logger.error({ err }, 'feishu: a card action failed after it was answered'));
    return { toast: { kind: 'info', text: CARD_PROCESSING_TOAST } };
  }

  private async race(outcome: Promise<DispatchOutcome>, ms: number): Promise<DispatchOutcome | 'late'> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ms);
    });
    return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
  }

  private refuse(reason: string): WebhookResponse {
    return this.answer(401, reason);
  }

  private answer(status: 401 | 413, reason: string): WebhookResponse {
    this.logger.warn({ platform: 'feishu', reason }, 'webhook refused');
    return json(status, { error: reason });
  }

  private malformed(reason: string): WebhookResponse {
    this.logger.warn({ platform: 'feishu', reason }, 'webhook body malformed');
    return json(400, { error: reason });
  }
}
