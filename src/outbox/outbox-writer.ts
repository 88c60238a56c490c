import type { DataSource } from 'typeorm';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { OutboundTarget } from '../core/messenger';
import type { ReplyBody, ReplyIntent, ReplyTarget } from '../core/reply-intent';
import type { Logger } from '../core/logger';
import { findTeam, identitiesOf, identitiesOfEmployees, teamMembers } from '../db/stores/org-store';
import { hasDedupKey, insertOutboxRow, platformsOfCard } from '../db/stores/outbox-store';
import type { Tx } from '../db/stores/tx';
import { currentManager, inTransaction } from '../db/transaction';
import type { Notice } from '../core/notifier';

/**
 * What an outbox row carries: a message to send, or an update of a card sent earlier (every
 * copy of it but `answeredMessageId`, the message a click's answer already replaced).
 */
export type OutboxPayload =
  | { kind: 'send'; target: OutboundTarget; body: ReplyBody }
  | { kind: 'update'; cardKey: string; card: Extract<ReplyBody, { kind: 'card' }>['card']; answeredMessageId?: string };

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
   * of a period never sends twice). Returns how many were written.
   */
  async enqueueNotices(platforms: Platform[], notices: Notice[], now: Date): Promise<number> {
    let written = 0;
    for (const n of notices) {
      written += await inTransaction(this.ds, async (tx) => {
        if (await hasDedupKey(tx, n.dedupKey)) return 0;
        return this.write(tx, { platforms }, n.intent, now, n.dedupKey);
      });
    }
    return written;
  }

  /** Stores `intents` as pending outbox rows due at `now`. */
  async enqueue(source: EnqueueSource, intents: ReplyIntent[], now: Date): Promise<void> {
    const tx = currentManager(this.ds);
    for (const intent of intents) await this.write(tx, source, intent, now, null);
  }

  /** Writes one intent as outbox rows; returns how many rows. */
  private async write(tx: Tx, source: EnqueueSource, intent: ReplyIntent, now: Date, dedupKey: string | null): Promise<number> {
    const order = source.event ? [source.event.platform, ...source.platforms.filter((p) => p !== source.event?.platform)] : source.platforms;
    if (intent.kind === 'update') {
      const platforms = await platformsOfCard(tx, intent.cardKey);
      // Why later: the other copies are updated once the click's answer has been applied.
      const due = intent.answered ? new Date(now.getTime() + intent.answered.settleMs) : now;
      const answeredMessageId = intent.answered?.messageId;
      for (const platform of platforms) {
        const payload: OutboxPayload = { kind: 'update', cardKey: intent.cardKey, card: intent.card, ...(answeredMessageId ? { answeredMessageId } : {}) };
        await this.insert(tx, platform, payload, now, intent.cardKey, dedupKey && `${dedupKey}:${platform}`, due);
      }
      return platforms.length;
    }
    const resolved = await this.resolve(tx, intent.to, source.event, order);
    if (!resolved) {
      this.logger.warn({ to: intent.to }, 'reply has no reachable account on any platform; skipped');
      return 0;
    }
    // A card (it may have buttons, and may be updated) is never batched: a team without a chat
    // gets one row per member, so each send passes the platform's rate limits on its own.
    const t = resolved.target;
    const targets: OutboundTarget[] = t.kind === 'users' && intent.body.kind === 'card' ? t.externalIds.map((externalId) => ({ kind: 'user', externalId })) : [t];
    for (const target of targets) {
      const key = dedupKey && targets.length > 1 && target.kind === 'user' ? `${dedupKey}:u:${target.externalId}`.slice(0, 191) : dedupKey;
      await this.insert(tx, resolved.platform, { kind: 'send', target, body: intent.body }, now, intent.cardKey ?? null, key);
    }
    return targets.length;
  }

  private async insert(tx: Tx, platform: string, payload: OutboxPayload, now: Date, cardKey: string | null, dedupKey: string | null, due = now): Promise<void> {
    await insertOutboxRow(tx, {
      platform, payload: payload as never, dedupKey, status: 'pending', attempts: 0, nextAttemptAt: due, lastError: null,
      claimedBy: null, claimedUntil: null, createdAt: now, sentAt: null, cardKey, messageId: null, messageIds: null,
    });
  }

  private async resolve(tx: Tx, to: ReplyTarget, event: IncomingEvent | undefined, order: Platform[]): Promise<{ platform: Platform; target: OutboundTarget } | null> {
    if (to.kind === 'sender') {
      if (!event) return null;
      const target: OutboundTarget = event.chat.kind === 'group' ? { kind: 'chat', chatId: event.chat.id } : { kind: 'user', externalId: event.senderId };
      return { platform: event.platform, target };
    }
    if (to.kind === 'employee') {
      const ids = await identitiesOf(tx, to.employeeId);
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
