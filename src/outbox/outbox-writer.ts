import type { DataSource } from 'typeorm';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { OutboundTarget } from '../core/messenger';
import type { ReplyBody, ReplyIntent, ReplyTarget } from '../core/reply-intent';
import type { Logger } from '../core/logger';
import { findTeam, identitiesOf, identitiesOfEmployees, teamMembers } from '../db/stores/org-store';
import type { PlatformIdentity } from '../db/entities';
import { insertOutboxRows, takenDedupKeys } from '../db/stores/outbox-batch-store';
import { hasDedupKey, insertOutboxRow, platformsOfCard, type NewOutboxRow } from '../db/stores/outbox-store';
import { savepoint, type Tx } from '../db/stores/tx';
import { currentManager, inTransaction } from '../db/transaction';
import type { Notice } from '../core/notifier';

/**
 * What an outbox row carries: a message to send, or an update of a card sent earlier (every
 * copy of it but `answeredMessageId`, the message a click's answer already replaced).
 */
export type OutboxPayload =
  | { kind: 'send'; target: OutboundTarget; body: ReplyBody }
  | { kind: 'update'; cardKey: string; card: Extract<ReplyBody, { kind: 'card' }>['card']; answeredMessageId?: string };

/** Notices per transaction of {@link OutboxWriter.enqueueNotices}. */
const NOTICES_PER_BATCH = 500;

/** An employee's platform accounts: read one by one for a chat turn, all at once for a batch of notices. */
type Accounts = (employeeId: number) => Promise<PlatformIdentity[]>;

/** A pending row due at `due`. */
function row(platform: string, payload: OutboxPayload, now: Date, cardKey: string | null, dedupKey: string | null, due = now): NewOutboxRow {
  return {
    platform, payload: payload as never, dedupKey, status: 'pending', attempts: 0, nextAttemptAt: due, lastError: null,
    claimedBy: null, claimedUntil: null, createdAt: now, sentAt: null, cardKey, messageId: null, messageIds: null,
  };
}

/** Where replies of an event (or of a job, without one) go: the event's platform first. */
export interface EnqueueSource {
  event?: IncomingEvent;
  /** Platforms to try, in order, for employees and teams (the event's platform comes first). */
  platforms: Platform[];
}

/**
 * Writes reply intents to the outbox inside the current transaction, resolving each target to
 * a platform account or chat now, so the worker only sends. An employee or team the bot cannot
 * reach on any platform is logged and skipped.
 */
export class OutboxWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores notices of a job, each once: a dedup key already in the outbox is skipped (a re-run
   * of a period never sends twice). Written in batches, each in one transaction: the keys
   * checked in one statement, the employees' accounts read in one, the rows inserted in
   * multi-row statements. A batch that cannot be written whole (a key a concurrent writer
   * took) is written one notice at a time, as each notice stands alone. Returns how many rows
   * were written.
   */
  async enqueueNotices(platforms: Platform[], notices: Notice[], now: Date): Promise<number> {
    let written = 0;
    for (let i = 0; i < notices.length; i += NOTICES_PER_BATCH) {
      const batch = notices.slice(i, i + NOTICES_PER_BATCH);
      try {
        written += await inTransaction(this.ds, (tx) => savepoint(tx, (sp) => this.writeBatch(sp, platforms, batch, now)));
      } catch (e) {
        this.logger.warn({ notices: batch.length, err: e }, 'a batch of notices could not be written whole; writing them one at a time');
        for (const n of batch) written += await this.enqueueOne(platforms, n, now);
      }
    }
    return written;
  }

  /** Stores `intents` as pending outbox rows due at `now`. */
  async enqueue(source: EnqueueSource, intents: ReplyIntent[], now: Date): Promise<void> {
    const tx = currentManager(this.ds);
    for (const intent of intents) {
      for (const row of await this.rowsOf(tx, source, intent, now, null, (id) => identitiesOf(tx, id))) await insertOutboxRow(tx, row);
    }
  }

  /** One notice in its own transaction, unless its key is in the outbox already; returns how many rows. */
  private enqueueOne(platforms: Platform[], n: Notice, now: Date): Promise<number> {
    return inTransaction(this.ds, async (tx) => {
      if (await hasDedupKey(tx, n.dedupKey)) return 0;
      const rows = await this.rowsOf(tx, { platforms }, n.intent, now, n.dedupKey, (id) => identitiesOf(tx, id));
      for (const row of rows) await insertOutboxRow(tx, row);
      return rows.length;
    });
  }

  /** A batch of notices in `tx`: resolved as {@link enqueueOne} resolves each, a key taken by an earlier notice of the batch skipped too. */
  private async writeBatch(tx: Tx, platforms: Platform[], batch: Notice[], now: Date): Promise<number> {
    const taken = await takenDedupKeys(tx, batch.map((n) => n.dedupKey));
    const employeeIds = [...new Set(batch.flatMap((n) => (n.intent.kind === 'send' && n.intent.to.kind === 'employee' ? [n.intent.to.employeeId] : [])))];
    const accounts = new Map<number, PlatformIdentity[]>();
    for (const a of await identitiesOfEmployees(tx, employeeIds)) accounts.set(a.employeeId, [...(accounts.get(a.employeeId) ?? []), a]);
    const rows: NewOutboxRow[] = [];
    for (const n of batch) {
      if (taken.has(n.dedupKey)) continue;
      for (const row of await this.rowsOf(tx, { platforms }, n.intent, now, n.dedupKey, async (id) => accounts.get(id) ?? [])) {
        rows.push(row);
        if (row.dedupKey) taken.add(row.dedupKey);
      }
    }
    await insertOutboxRows(tx, rows);
    return rows.length;
  }

  /** The rows of one intent, its target resolved now (`accounts`: an employee's platform accounts). */
  private async rowsOf(tx: Tx, source: EnqueueSource, intent: ReplyIntent, now: Date, dedupKey: string | null, accounts: Accounts): Promise<NewOutboxRow[]> {
    const order = source.event ? [source.event.platform, ...source.platforms.filter((p) => p !== source.event?.platform)] : source.platforms;
    if (intent.kind === 'update') {
      const platforms = await platformsOfCard(tx, intent.cardKey);
      // Why later: the other copies are updated once the click's answer has been applied.
      const due = intent.answered ? new Date(now.getTime() + intent.answered.settleMs) : now;
      const answeredMessageId = intent.answered?.messageId;
      return platforms.map((platform) => {
        const payload: OutboxPayload = { kind: 'update', cardKey: intent.cardKey, card: intent.card, ...(answeredMessageId ? { answeredMessageId } : {}) };
        return row(platform, payload, now, intent.cardKey, dedupKey && `${dedupKey}:${platform}`, due);
      });
    }
    const resolved = await this.resolve(tx, intent.to, source.event, order, accounts);
    if (!resolved) {
      this.logger.warn({ to: intent.to }, 'reply has no reachable account on any platform; skipped');
      return [];
    }
    // A card (it may have buttons, and may be updated) is never batched: a team without a chat
    // gets one row per member, so each send passes the platform's rate limits on its own.
    const t = resolved.target;
    const targets: OutboundTarget[] = t.kind === 'users' && intent.body.kind === 'card' ? t.externalIds.map((externalId) => ({ kind: 'user', externalId })) : [t];
    return targets.map((target) => {
      const key = dedupKey && targets.length > 1 && target.kind === 'user' ? `${dedupKey}:u:${target.externalId}`.slice(0, 191) : dedupKey;
      return row(resolved.platform, { kind: 'send', target, body: intent.body }, now, intent.cardKey ?? null, key);
    });
  }

  private async resolve(tx: Tx, to: ReplyTarget, event: IncomingEvent | undefined, order: Platform[], accountsOf: Accounts): Promise<{ platform: Platform; target: OutboundTarget } | null> {
    if (to.kind === 'sender') {
      if (!event) return null;
      const target: OutboundTarget = event.chat.kind === 'group' ? { kind: 'chat', chatId: event.chat.id } : { kind: 'user', externalId: event.senderId };
      return { platform: event.platform, target };
    }
    if (to.kind === 'account') return { platform: to.platform, target: { kind: 'user', externalId: to.externalId } };
    if (to.kind === 'employee') {
      const ids = await accountsOf(to.employeeId);
      for (const platform of order) {
        const id = ids.find((i) => i.platform === platform);
        if (id) return { platform, target: { kind: 'user', externalId: id.externalId } };
      }
      return null;
    }
    const team = await findTeam(tx, to.teamId);
    if (!team) return null;
    const members = await teamMembers(tx, team.id);
    const ids = await identitiesOfEmployees(tx, members.map((m) => m.id));
    for (const platform of order) {
      const chatId = team.chats?.[platform as keyof typeof team.chats];
      if (chatId) return { platform, target: { kind: 'chat', chatId } };
      const accounts = ids.filter((i) => i.platform === platform).map((i) => i.externalId);
      if (accounts.length) return { platform, target: { kind: 'users', externalIds: accounts } };
    }
    return null;
  }
}
