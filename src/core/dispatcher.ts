import type { EmployeeRecord } from '../domain/employee-record';
import type { Clock } from './clock';
import { UserError } from './errors';
import { addressInGroup } from './group-address';
import type { IncomingEvent, Platform } from './incoming-event';
import type { Logger } from './logger';
import { textReply, type ReplyIntent } from './reply-intent';
import { TurnContext, type ImmediateResponse } from './turn-context';
import { userErrorText, UNKNOWN_USER_TEXT, TRY_AGAIN_TEXT } from './core-texts';
import { settleInlineAnswer } from './inline-answer';

/** The ports the dispatcher needs; db/ and outbox/ implement them. */
export interface DispatchPorts {
  /** Runs `work` in one database transaction (retried from the start on a lost race). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Claims the event's dedup key inside the transaction; false when it was claimed before. */
  claimEvent(event: IncomingEvent, receivedAt: Date): Promise<boolean>;
  /** The employee bound to a platform account, or null. */
  findEmployee(platform: Platform, externalId: string): Promise<EmployeeRecord | null>;
  /** Writes the replies to the outbox inside the transaction. */
  enqueue(event: IncomingEvent, intents: ReplyIntent[]): Promise<void>;
  /** Called after a commit that wrote replies, to wake the outbox worker. */
  delivered?(): void;
}

/** Runs a turn: finds the command and runs it (the router). */
export interface TurnHandler {
  handle(turn: TurnContext): Promise<void>;
}

/** What became of an event. */
export interface DispatchOutcome {
  status: 'handled' | 'duplicate' | 'stale' | 'unknown-user' | 'user-error' | 'failed';
  /** For a card click: what to answer at once. */
  immediate?: ImmediateResponse;
}

/**
 * One event, one transaction: claim its dedup key (a duplicate stops there), find the sender,
 * run the command, write its replies to the outbox, commit. A user's mistake rolls the work
 * back and still answers in Chinese with an example; anything else rolls back, is logged with
 * the event's key, and the user is asked to try again. Database errors propagate (the HTTP
 * layer answers 503 and the platform retries; the claim makes that harmless).
 */
export class Dispatcher {
  constructor(
    private readonly ports: DispatchPorts,
    private readonly handler: TurnHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Events older than this are refused: their dedup keys may be gone (DESIGN.md: 35 days). */
    private readonly maxAgeMs: number,
    /** Events stamped further ahead of the clock are refused (events.maxClockSkewSeconds). */
    private readonly maxSkewMs: number,
  ) {}

  /** Handles one event from a platform adapter. */
  async dispatch(event: IncomingEvent): Promise<DispatchOutcome> {
    const now = this.clock.now();
    const outside = outsideWindow(event.sentAt, now, this.maxAgeMs, this.maxSkewMs);
    if (outside) {
      this.logger.warn({ platform: event.platform, dedupKey: event.dedupKey, sentAt: event.sentAt }, `event ${outside}, refused`);
      return { status: 'stale' };
    }
    let actorName: string | undefined;
    try {
      const outcome = await this.ports.transaction(async () => {
        if (!(await this.ports.claimEvent(event, now))) return { status: 'duplicate' as const };
        const actor = await this.ports.findEmployee(event.platform, event.senderId);
        actorName = actor?.name;
        if (!actor) {
          await this.ports.enqueue(event, [textReply(UNKNOWN_USER_TEXT)]);
          return { status: 'unknown-user' as const, immediate: { toast: { kind: 'warning' as const, text: UNKNOWN_USER_TEXT } } };
        }
        const turn = new TurnContext(event, actor, now);
        await this.handler.handle(turn);
        await this.ports.enqueue(event, addressInGroup(settleInlineAnswer(event, turn), event, actor.name));
        return { status: 'handled' as const, immediate: turn.immediate };
      });
      if (outcome.status !== 'duplicate') this.ports.delivered?.();
      return outcome;
    } catch (e) {
      if (e instanceof UserError) return this.answerOnly(event, now, 'user-error', userErrorText(e), actorName);
      if (isDatabaseDown(e)) throw e;
      this.logger.error({ err: e, platform: event.platform, dedupKey: event.dedupKey }, 'event failed; the user was asked to try again');
      return this.answerOnly(event, now, 'failed', TRY_AGAIN_TEXT, actorName);
    }
  }

  /** Claims the event and sends one text reply, nothing else (the work was rolled back). */
  private async answerOnly(event: IncomingEvent, now: Date, status: 'user-error' | 'failed', text: string, actorName?: string): Promise<DispatchOutcome> {
    const claimed = await this.ports.transaction(async () => {
      if (!(await this.ports.claimEvent(event, now))) return false;
      await this.ports.enqueue(event, addressInGroup([textReply(text)], event, actorName));
      return true;
    });
    if (!claimed) return { status: 'duplicate' };
    this.ports.delivered?.();
    return { status, immediate: { toast: { kind: status === 'failed' ? 'error' : 'warning', text } } };
  }
}

/**
 * Why an event's stamp is refused, or null when it is inside the window: older than `maxAgeMs`
 * (its dedup key may be gone), more than `maxSkewMs` ahead of `now` (a punch stamped tomorrow
 * would count tomorrow), or no time at all.
 */
export function outsideWindow(sentAt: Date, now: Date, maxAgeMs: number, maxSkewMs: number): 'too old' | 'from the future' | 'without a time' | null {
  const at = sentAt.getTime();
  if (!Number.isFinite(at)) return 'without a time';
  if (now.getTime() - at > maxAgeMs) return 'too old';
  if (at - now.getTime() > maxSkewMs) return 'from the future';
  return null;
}

/** Errors that mean the database cannot be reached: the platform should retry later. */
export function isDatabaseDown(e: unknown): boolean {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  return ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code ?? '') ||
    /Connection is not established|pool is closed|database connection is not open/i.test((e as Error)?.message ?? '');
}
