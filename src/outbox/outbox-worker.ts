import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { DeliveryError, type Messenger, type OutboundBody } from '../core/messenger';
import type { ReplyBody } from '../core/reply-intent';
import { chatFileContent } from '../db/stores/chat-file-store';
import type { OutboxMessage } from '../db/entities';
import { markFailed, markRetry, markSent, rowsOfCard } from '../db/stores/outbox-store';
import { currentManager, singleStatement } from '../db/transaction';
import { acquireLease, releaseLease } from '../db/leases';
import { RateLimiter } from './rate-limiter';
import type { OutboundTarget } from '../core/messenger';
import type { OutboxPayload } from './outbox-writer';
import { claimDue, releaseClaim, renewClaim, type Claim } from './outbox-claims';

/** What the worker reports: metrics count these, an admin is alerted on `failed`. */
export interface OutboxEvents {
  sent?(row: OutboxMessage): void;
  retried?(row: OutboxMessage): void;
  failed?(row: OutboxMessage, error: string): void;
}

/** Tuning of the worker. */
export interface OutboxWorkerOptions {
  /** Rows taken per round. */
  batchSize?: number;
  /** Tries before a row is given up (status failed, logged as an error). */
  maxAttempts?: number;
  /** First retry delay; doubles per try up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often to look for due rows when nobody wakes the worker. */
  pollMs?: number;
  /**
   * How long a claim on a row lasts before another worker may take it: how long the rows of a
   * replica that died stay blocked.
   */
  claimMs?: number;
  /**
   * How long a platform's send lease lasts unless renewed (one replica sends per platform): how
   * long a replica that died blocks the platform's sends.
   */
  leaseMs?: number;
  /**
   * A send starts only with at least this much left of the lease and of the claim (both are
   * renewed first when less is left): the longest a send may take before another replica
   * could take the row over. Less than claimMs and leaseMs.
   */
  holdMarginMs?: number;
  /**
   * How long a wake-up waits before its round, so that the replies of a burst of events share
   * one claim instead of taking a round each.
   */
  lingerMs?: number;
}

/**
 * The worker's timings. Why 15 s and 12 s: a replica killed mid-send blocks its platform's
 * sends (the lease) and its claimed rows for at most 15 s, while a live one renews both before
 * every send that could outlast them; the adapters give a call up after 10 s (Feishu 11 s with
 * its token deadline), within the 12 s margin. A send that hangs longer may be taken over and
 * sent again; the idempotency key makes the platform drop that copy.
 */
const DEFAULTS: Required<OutboxWorkerOptions> = {
  batchSize: 50, maxAttempts: 8, baseBackoffMs: 2000, maxBackoffMs: 10 * 60_000, pollMs: 2000,
  claimMs: 15_000, leaseMs: 15_000, holdMarginMs: 12_000, lingerMs: 20,
};

/**
 * Delivers outbox rows through the platforms' messengers, outside any webhook: claims due
 * rows, sends, records the platform's message id; retries a retryable failure with backoff
 * and gives up loudly after the last try. Updates wait until the card they update was sent.
 */
export class OutboxWorker {
  private readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private readonly o: Required<OutboxWorkerOptions>;
  private timer: NodeJS.Timeout | undefined;
  private readonly limiter = new RateLimiter();
  private readonly leaseUntil = new Map<string, number>();
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly ds: DataSource,
    private readonly messengers: Map<string, Messenger>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    opts: OutboxWorkerOptions = {},
    private readonly events: OutboxEvents = {},
  ) {
    this.o = { ...DEFAULTS, ...opts };
  }

  /** Starts polling (the timer does not keep the process alive). */
  start(): void {
    this.timer ??= setInterval(() => this.wake(), this.o.pollMs);
    this.timer.unref();
  }

  /** Runs a delivery round shortly (lingerMs), or right after the current one. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise((resolve) => setTimeout(resolve, this.o.lingerMs))
      .then(() => this.drain())
      .catch((err: unknown) => this.logger.error({ err }, 'outbox: delivery round failed'))
      .finally(() => (this.running = undefined));
  }

  /** Resolves once no round is in flight. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops polling, waits for the round in flight and gives up its platform leases. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.ds.isInitialized) for (const p of this.messengers.keys()) await releaseLease(this.ds, `outbox:${p}`, this.id);
    this.leaseUntil.clear();
  }

  /** Whether this worker may send for `platform`: renews the lease once less than holdMarginMs is left. */
  private async holdsLease(platform: string): Promise<boolean> {
    const now = Date.now();
    if ((this.leaseUntil.get(platform) ?? 0) >= now + this.o.holdMarginMs) return true;
    if (await acquireLease(this.ds, `outbox:${platform}`, this.id, this.o.leaseMs, new Date(now))) {
      this.leaseUntil.set(platform, now + this.o.leaseMs);
      return true;
    }
    this.leaseUntil.delete(platform);
    return false;
  }

  /** Delivers until no due row is left (tests await this). */
  async drain(): Promise<void> {
    do {
      this.again = false;
      while ((await this.runOnce()) > 0);
    } while (this.again);
  }

  /**
   * One round: claims due rows and delivers them one at a time, recording each result as soon
   * as the platform answered. Why not one commit per round: a replica killed mid-round would
   * have left every message it had sent in that round pending, to be sent again; recorded one
   * by one, only the send in flight can be repeated, and the idempotency key lets the platform
   * drop that one. Returns how many rows were claimed.
   */
  async runOnce(): Promise<number> {
    const platforms: string[] = [];
    for (const p of this.messengers.keys()) if (await this.holdsLease(p)) platforms.push(p);
    if (!platforms.length) return 0;
    const claim = await claimDue(this.ds, this.id, platforms, this.clock.now(), this.o.batchSize, this.o.claimMs);
    const lost = new Set<string>();
    for (const row of claim.rows) {
      if (lost.has(row.platform)) continue;
      const payload = row.payload as OutboxPayload;
      // The platform's pace first: the lease and the claim are checked after any wait.
      if (payload.kind === 'send') await this.limiter.take(row.platform, targetKey(payload.target), this.messengers.get(row.platform)?.limits);
      // Right before the send, the lease and the claim must both have holdMarginMs left, so
      // that they outlast it; a lease lost to another replica or a row taken by another worker
      // is not sent here.
      if (!(await this.holdsLease(row.platform))) {
        lost.add(row.platform);
        continue;
      }
      const now = this.clock.now().getTime();
      if (claim.until.getTime() - now < this.o.holdMarginMs) await renewClaim(this.ds, claim, new Date(now + this.o.claimMs));
      if (claim.ours.has(row.id)) await this.deliver(row, payload, claim);
    }
    if (lost.size) await releaseClaim(this.ds, claim);
    return claim.rows.length;
  }

  /** Sends (or updates) one row and writes the outcome at once. */
  private async deliver(row: OutboxMessage, payload: OutboxPayload, claim: Claim): Promise<void> {
    const messenger = this.messengers.get(row.platform) as Messenger;
    let ids: string[] = [];
    try {
      if (payload.kind === 'send') {
        const result = await messenger.send(payload.target, await this.outbound(payload.body), { idempotencyKey: idempotencyKey(row), writtenAt: row.createdAt });
        ids = result.messageIds ?? (result.messageId ? [result.messageId] : []);
      } else {
        const rows = await rowsOfCard(currentManager(this.ds), payload.cardKey, row.platform);
        const sends = rows.filter((r) => r.id < row.id && (r.payload as OutboxPayload).kind === 'send');
        // A newer update already shown wins: this one (waiting for a click's answer) is stale.
        const superseded = rows.some((r) => r.id > row.id && r.status === 'sent' && (r.payload as OutboxPayload).kind === 'update');
        if (sends.some((r) => r.status === 'pending')) throw new DeliveryError('the card to update is not sent yet', true, this.o.baseBackoffMs);
        const copies = sends.flatMap(copiesOf);
        // Why skip it: the click's answer already shows the new card there, and an update running
        // alongside the answer fails (docs/platforms/feishu.md, card callbacks).
        if (!superseded) await updateEach(messenger, copies.filter((id) => id !== payload.answeredMessageId), payload.card);
      }
    } catch (e) {
      await this.failed(row, claim, e);
      return;
    }
    // Recorded whoever holds the claim now: the platform has the message, so nobody may send it again.
    await singleStatement(this.ds, (tx) => markSent(tx, row.id, { sentAt: this.clock.now(), messageIds: ids }));
    claim.ours.delete(row.id);
    this.events.sent?.(row);
  }

  /** The body as the messenger sends it: a file's bytes are read now (a file no longer stored cannot be sent). */
  private async outbound(body: ReplyBody): Promise<OutboundBody> {
    if (body.kind !== 'file') return body;
    const content = await singleStatement(this.ds, (tx) => chatFileContent(tx, body.file.id));
    if (!content) throw new DeliveryError(`the file ${body.file.name} (id ${body.file.id}) is no longer stored`, false);
    return { kind: 'file', file: body.file, content };
  }

  private async failed(row: OutboxMessage, claim: Claim, e: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const retryable = e instanceof DeliveryError ? e.retryable : true;
    const message = (e as Error).message ?? String(e);
    claim.ours.delete(row.id);
    if (!retryable || attempts >= this.o.maxAttempts) {
      this.logger.error({ outboxId: row.id, platform: row.platform, attempts, err: e }, 'outbox: gave up delivering a message');
      await singleStatement(this.ds, (tx) => markFailed(tx, row.id, claim.token, attempts, message));
      this.events.failed?.(row, message);
      return;
    }
    // Exponential backoff with full jitter, so replicas retrying one outage do not retry in step.
    const backoff = Math.round(Math.min(this.o.baseBackoffMs * 2 ** (attempts - 1), this.o.maxBackoffMs) * (0.5 + Math.random() / 2));
    const delay = e instanceof DeliveryError && e.retryAfterMs !== undefined ? Math.max(e.retryAfterMs, 0) : backoff;
    this.logger.warn({ outboxId: row.id, platform: row.platform, attempts, delayMs: delay, err: message }, 'outbox: delivery failed, will retry');
    const nextAttemptAt = new Date(this.clock.now().getTime() + delay);
    await singleStatement(this.ds, (tx) => markRetry(tx, row.id, claim.token, attempts, message, nextAttemptAt));
    this.events.retried?.(row);
  }
}

/**
 * The key every try of one outbox row sends with, and no other row: the row id and its
 * creation instant (ids start again at 1 in a new database, while a platform remembers keys
 * for hours). At most 24 characters, within Feishu's 50 for `uuid`; WeCom task_id characters.
 */
export function idempotencyKey(row: Pick<OutboxMessage, 'id' | 'createdAt'>): string {
  return `ob${row.id}-${row.createdAt.getTime().toString(36)}`;
}

/** The messages a sent row made that show its card. */
function copiesOf(row: OutboxMessage): string[] {
  return row.messageIds?.length ? row.messageIds : row.messageId ? [row.messageId] : [];
}

/**
 * Updates every copy, even after one fails: a copy that can never be updated (recalled, too old)
 * must not leave the others with live buttons. A retryable failure is thrown first (the retry
 * updates every copy again, which is harmless), else the first permanent one.
 */
async function updateEach(messenger: Messenger, ids: string[], card: Extract<OutboxPayload, { kind: 'update' }>['card']): Promise<void> {
  const failures: unknown[] = [];
  for (const id of ids) {
    try {
      await messenger.update(id, card);
    } catch (e) {
      failures.push(e);
    }
  }
  const retryable = failures.find((e) => !(e instanceof DeliveryError) || e.retryable);
  if (retryable ?? failures[0]) throw retryable ?? failures[0];
}

/** The key a per-chat or per-user limit counts under. */
function targetKey(t: OutboundTarget): string {
  return t.kind === 'user' ? `u:${t.externalId}` : t.kind === 'chat' ? `c:${t.chatId}` : 'users';
}
