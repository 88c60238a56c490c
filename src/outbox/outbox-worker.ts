import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, LessThanOrEqual, Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { DeliveryError, type Messenger } from '../core/messenger';
import { OutboxMessage } from '../db/entities';
import { inTransaction } from '../db/transaction';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isSqlite } from '../db/data-source';
import { acquireLease, releaseLease } from '../db/leases';
import { RateLimiter } from './rate-limiter';
import type { OutboundTarget } from '../core/messenger';
import type { OutboxPayload } from './outbox-writer';

/** How a delivered (or failed) row is written at the end of its round. */
interface RoundResult {
  where: FindOptionsWhere<OutboxMessage>;
  set: QueryDeepPartialEntity<OutboxMessage>;
  after(): void;
}

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
  /** How long a claim on a row lasts before another worker may take it. */
  claimMs?: number;
  /** How long a platform's send lease lasts unless renewed (one replica sends per platform). */
  leaseMs?: number;
  /**
   * How long a wake-up waits before its round, so that the replies of a burst of events share
   * one claim and one commit instead of taking a round (two commits) each.
   */
  lingerMs?: number;
}

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
    this.o = { batchSize: 50, maxAttempts: 8, baseBackoffMs: 2000, maxBackoffMs: 10 * 60_000, pollMs: 2000, claimMs: 60_000, leaseMs: 30_000, lingerMs: 20, ...opts };
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

  /** Whether this worker may send for `platform`: renews the lease once half of it has passed. */
  private async holdsLease(platform: string): Promise<boolean> {
    const now = Date.now();
    if ((this.leaseUntil.get(platform) ?? 0) > now + this.o.leaseMs / 2) return true;
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

  /** One round: claims due rows and delivers them; returns how many were handled. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const platforms: string[] = [];
    for (const p of this.messengers.keys()) if (await this.holdsLease(p)) platforms.push(p);
    if (!platforms.length) return 0;
    const rows = await this.claim(now, platforms);
    const round: RoundResult[] = [];
    const sentNow = new Map<number, string[]>();
    for (const row of rows) round.push(await this.deliver(row, sentNow));
    // One commit for the whole round: the database's commit rate, not the sends, was the limit.
    await this.write(async (em) => {
      for (const r of round) await em.update(OutboxMessage, r.where, r.set);
    });
    for (const r of round) r.after();
    return rows.length;
  }

  private async deliver(row: OutboxMessage, sentNow: Map<number, string[]>): Promise<RoundResult> {
    const messenger = this.messengers.get(row.platform) as Messenger;
    const payload = row.payload as OutboxPayload;
    try {
      let ids: string[] = [];
      if (payload.kind === 'send') {
        await this.limiter.take(row.platform, targetKey(payload.target), messenger.limits);
        const result = await messenger.send(payload.target, payload.body);
        ids = result.messageIds ?? (result.messageId ? [result.messageId] : []);
      } else {
        const rows = await this.ds.getRepository(OutboxMessage).find({ where: { cardKey: payload.cardKey, platform: row.platform } });
        const sends = rows.filter((r) => r.id < row.id && (r.payload as OutboxPayload).kind === 'send');
        // A newer update already shown wins: this one (waiting for a click's answer) is stale.
        const superseded = rows.some((r) => r.id > row.id && (r.status === 'sent' || sentNow.has(r.id)) && (r.payload as OutboxPayload).kind === 'update');
        if (sends.some((r) => r.status === 'pending' && !sentNow.has(r.id))) throw new DeliveryError('the card to update is not sent yet', true, this.o.baseBackoffMs);
        const copies = sends.flatMap((r) => sentNow.get(r.id) ?? copiesOf(r));
        // Why skip it: the click's answer already shows the new card there, and an update running
        // alongside the answer fails (docs/platforms/feishu.md, card callbacks).
        if (!superseded) await updateEach(messenger, copies.filter((id) => id !== payload.answeredMessageId), payload.card);
      }
      sentNow.set(row.id, ids);
      const set = { status: 'sent' as const, sentAt: this.clock.now(), messageId: ids[0] ?? null, messageIds: ids.length > 1 ? ids : null, claimedUntil: null, lastError: null };
      return { where: { id: row.id }, set, after: () => this.events.sent?.(row) };
    } catch (e) {
      return this.failed(row, e);
    }
  }

  private async claim(now: Date, platforms: string[]): Promise<OutboxMessage[]> {
    return inTransaction(this.ds, async (em) => {
      const due = await em.find(OutboxMessage, {
        where: [
          { status: 'pending', nextAttemptAt: LessThanOrEqual(now), platform: In(platforms), claimedUntil: IsNull() },
          { status: 'pending', nextAttemptAt: LessThanOrEqual(now), platform: In(platforms), claimedUntil: LessThan(now) },
        ],
        order: { id: 'ASC' },
        take: this.o.batchSize,
        // MySQL/MariaDB: rows another replica is claiming are skipped, not waited for (SQLite
        // runs one transaction at a time, so it needs no lock).
        ...(isSqlite(this.ds) ? {} : { lock: { mode: 'pessimistic_write' as const, onLocked: 'skip_locked' as const } }),
      });
      if (!due.length) return [];
      const until = new Date(now.getTime() + this.o.claimMs);
      const token = `${this.id}:${randomUUID().slice(0, 12)}`;
      await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ claimedBy: token, claimedUntil: until })
        .where('id IN (:...ids) AND status = :pending AND (claimed_until IS NULL OR claimed_until < :now)', { ids: due.map((r) => r.id), pending: 'pending', now })
        .execute();
      // The rows are ours: locked FOR UPDATE on MySQL, and SQLite runs one transaction at a time.
      return due.map((r) => Object.assign(r, { claimedBy: token, claimedUntil: until }));
    });
  }

  /** Every write goes through a transaction: on SQLite that queues it behind the others. */
  private async write(work: (em: EntityManager) => Promise<unknown>): Promise<void> {
    await inTransaction(this.ds, work);
  }

  private failed(row: OutboxMessage, e: unknown): RoundResult {
    const attempts = row.attempts + 1;
    const retryable = e instanceof DeliveryError ? e.retryable : true;
    const message = (e as Error).message ?? String(e);
    if (!retryable || attempts >= this.o.maxAttempts) {
      this.logger.error({ outboxId: row.id, platform: row.platform, attempts, err: e }, 'outbox: gave up delivering a message');
      return { where: { id: row.id }, set: { status: 'failed', attempts, lastError: message, claimedUntil: null }, after: () => this.events.failed?.(row, message) };
    }
    // Exponential backoff with full jitter, so replicas retrying one outage do not retry in step.
    const backoff = Math.round(Math.min(this.o.baseBackoffMs * 2 ** (attempts - 1), this.o.maxBackoffMs) * (0.5 + Math.random() / 2));
    const delay = e instanceof DeliveryError && e.retryAfterMs !== undefined ? Math.max(e.retryAfterMs, 0) : backoff;
    this.logger.warn({ outboxId: row.id, platform: row.platform, attempts, delayMs: delay, err: message }, 'outbox: delivery failed, will retry');
    return {
      where: { id: row.id, claimedBy: Not(IsNull()) },
      set: { attempts, lastError: message, nextAttemptAt: new Date(this.clock.now().getTime() + delay), claimedUntil: null, claimedBy: null },
      after: () => this.events.retried?.(row),
    };
  }

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
