import type { EmployeeRecord } from '../domain/employee-record';
import { zonedMinute } from '../domain/dates';
import type { Clock } from './clock';
import { UserError } from './errors';
import { settleInlineAnswer } from './inline-answer';
import { addressInGroup } from './group-address';
import type { IncomingEvent, Platform } from './incoming-event';
import type { Logger } from './logger';
import { textReply, type ReplyBody, type ReplyIntent } from './reply-intent';
import { TurnContext, type ImmediateResponse } from './turn-context';
import { userErrorText, UNKNOWN_USER_TEXT, TRY_AGAIN_TEXT, overBudgetText, turnAlertText } from './core-texts';
import { TurnOverBudgetError } from './turn-errors';

export { TurnOverBudgetError } from './turn-errors';

/** What became of a claimed event, stored with its dedup key. */
export type EventOutcome = 'handled' | 'refused' | 'failed' | 'over-budget';

/** Inside a turn's transaction: marks the point its work is undone back to when the budget runs out. */
export interface TurnScope {
  checkpoint(): Promise<void>;
}

/**
 * A turn's time budget, for {@link DispatchPorts.transaction}: when `signal` aborts while the
 * work runs, the work is abandoned (none of its statements reach the database any more),
 * undone back to the checkpoint, and `recover` runs in its place in the same transaction.
 */
export interface TurnDeadline<T> {
  signal: AbortSignal;
  recover(): Promise<T>;
}

/** A notice to every admin, sent once per `key` (the outbox's dedup key). */
export interface AdminAlert {
  key: string;
  text: string;
}

/** The ports the dispatcher needs; db/ and outbox/ implement them. */
export interface DispatchPorts {
  /**
   * Runs `work` in one database transaction (retried from the start on a lost race). With a
   * deadline that passes before the checkpoint, it rejects with the deadline's reason.
   */
  transaction<T>(work: (scope: TurnScope) => Promise<T>, deadline?: TurnDeadline<T>): Promise<T>;
  /** Claims the event's dedup key inside the transaction; false when it was claimed before. */
  claimEvent(event: IncomingEvent, receivedAt: Date, outcome?: EventOutcome): Promise<boolean>;
  /** Records what became of an event claimed earlier in the transaction. */
  recordOutcome(event: IncomingEvent, outcome: EventOutcome): Promise<void>;
  /** The employee bound to a platform account, or null. */
  findEmployee(platform: Platform, externalId: string): Promise<EmployeeRecord | null>;
  /** Writes the replies to the outbox inside the transaction. */
  enqueue(event: IncomingEvent, intents: ReplyIntent[]): Promise<void>;
  /** Called after a commit that wrote replies, to wake the outbox worker. */
  delivered?(): void;
  /** Tells the admins, once per alert key (in its own transaction, after the event's). */
  alertAdmins?(alert: AdminAlert): Promise<void>;
  /** Whether an error means the database cannot be reached or answers too slowly (db/ knows its drivers' codes). */
  isUnavailable(error: unknown): boolean;
}

/** Runs a turn: finds the command and runs it (CommandRouter in src/core/command-router.ts). */
export interface TurnHandler {
  handle(turn: TurnContext): Promise<void>;
  /** A message from an account no employee is bound to: the replies when it may send it (绑定), else null. */
  handleUnknown?(event: IncomingEvent, now: Date): Promise<ReplyIntent[] | null>;
}

/** Where a turn's replies go: the outbox (a platform's event) or, for the console, partly back to the caller. */
type Emit = (intents: ReplyIntent[]) => Promise<void>;

/** What became of an event. */
export interface DispatchOutcome {
  status: 'handled' | 'duplicate' | 'stale' | 'unknown-user' | 'user-error' | 'failed' | 'over-budget';
  /** For a card click: what to answer at once. */
  immediate?: ImmediateResponse;
}

/** The dispatcher's limits. */
export interface DispatcherOptions {
  /** Events older than this are refused: their dedup keys may be gone (docs/architecture.md: 35 days). */
  maxAgeMs: number;
  /** Events stamped further ahead of the clock are refused (events.maxClockSkewSeconds). */
  maxSkewMs: number;
  /** A turn's time budget (policy chat.turnBudgetSeconds); tests pass a small one. */
  turnBudgetMs: number;
  /** The company's time zone: admins are alerted of failed turns once per day in it. */
  timeZone: string;
}

/**
 * One event, one transaction: claim its dedup key (a duplicate stops there), find the sender,
 * run the command, write its replies to the outbox, commit. A user's mistake rolls the work
 * back and still answers in Chinese with an example; anything else rolls back, is logged with
 * the event's key, the user is asked to try again and the admins are alerted (once a day).
 * A turn that outlives its budget is undone back to its claim, which is kept as over-budget in
 * the same transaction with an apology that quotes the message, so a retry is a duplicate.
 * The database being unreachable (or too slow to claim within the budget) propagates: the
 * HTTP layer answers 503 and the platform retries; the claim makes that harmless.
 */
export class Dispatcher {
  constructor(
    private readonly ports: DispatchPorts,
    private readonly handler: TurnHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  /**
   * Whether an error `dispatch` threw means "try again later": the database could not be
   * reached, or not soon enough for the turn to claim its event within its budget. The HTTP
   * layer answers 503 to these, so the platform retries.
   */
  isUnavailable(error: unknown): boolean {
    return error instanceof TurnOverBudgetError || this.ports.isUnavailable(error);
  }

  /** Handles one event from a platform adapter. */
  dispatch(event: IncomingEvent): Promise<DispatchOutcome> {
    return this.run(event, undefined, (intents) => this.ports.enqueue(event, intents));
  }

  /**
   * Handles an event sent on behalf of `actor` (the web console: the session already says who
   * it is, so no account is looked up), exactly as a chat message: same claim, router, services
   * and transaction. The replies addressed to the sender are returned instead of sent (the
   * console shows them); every other reply (card updates, the requester's notice) is written
   * to the outbox as usual. A duplicate dedup key does nothing and returns no replies.
   */
  async dispatchAs(actor: EmployeeRecord, event: IncomingEvent): Promise<DispatchOutcome & { replies: ReplyBody[] }> {
    let replies: ReplyBody[] = [];
    const outcome = await this.run(event, actor, async (intents) => {
      // The last write of the turn wins: a retried transaction or the apology after a rollback replaces what an earlier attempt said.
      replies = intents.flatMap((i) => (i.kind === 'send' && i.to.kind === 'sender' ? [i.body] : []));
      const others = intents.filter((i) => !(i.kind === 'send' && i.to.kind === 'sender'));
      if (others.length) await this.ports.enqueue(event, others);
    });
    return { ...outcome, replies: outcome.status === 'duplicate' ? [] : replies };
  }

  private async run(event: IncomingEvent, actor: EmployeeRecord | undefined, emit: Emit): Promise<DispatchOutcome> {
    const now = this.clock.now();
    const outside = outsideWindow(event.sentAt, now, this.options.maxAgeMs, this.options.maxSkewMs);
    if (outside) {
      this.logger.warn({ platform: event.platform, dedupKey: event.dedupKey, sentAt: event.sentAt }, `event ${outside}, refused`);
      return { status: 'stale' };
    }
    const sender: { name?: string } = { name: actor?.name };
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(new TurnOverBudgetError(this.options.turnBudgetMs)), this.options.turnBudgetMs);
    try {
      const outcome = await this.ports.transaction((scope) => this.turn(event, now, scope, sender, emit, actor), {
        signal: budget.signal,
        recover: () => this.overBudget(event, sender.name, emit),
      });
      if (outcome.status !== 'duplicate') this.ports.delivered?.();
      if (outcome.status === 'over-budget') {
        this.logger.warn({ platform: event.platform, dedupKey: event.dedupKey, budgetMs: this.options.turnBudgetMs }, 'turn over budget: rolled back, the sender was told');
        await this.alert('over-budget', event, now);
      }
      return outcome;
    } catch (e) {
      if (e instanceof UserError) return this.answerOnly(event, now, 'user-error', userErrorText(e), emit, sender.name);
      if (this.isUnavailable(e)) throw e;
      this.logger.error({ err: e, platform: event.platform, dedupKey: event.dedupKey }, 'event failed; the user was asked to try again');
      const outcome = await this.answerOnly(event, now, 'failed', TRY_AGAIN_TEXT, emit, sender.name);
      if (outcome.status === 'failed') await this.alert('failed', event, now);
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The turn's work; `sender` learns the sender's name, so a later apology can address them in a
   * group. With `known` (the console's viewer) no account is looked up.
   */
  private async turn(event: IncomingEvent, now: Date, scope: TurnScope, sender: { name?: string }, emit: Emit, known?: EmployeeRecord): Promise<DispatchOutcome> {
    if (!(await this.ports.claimEvent(event, now))) return { status: 'duplicate' };
    await scope.checkpoint();
    const actor = known ?? (await this.ports.findEmployee(event.platform, event.senderId));
    sender.name = actor?.name;
    if (!actor) {
      const replies = await this.handler.handleUnknown?.(event, now);
      if (replies) {
        await emit(replies);
        return { status: 'handled' };
      }
      await emit([textReply(UNKNOWN_USER_TEXT)]);
      return { status: 'unknown-user', immediate: { toast: { kind: 'warning', text: UNKNOWN_USER_TEXT } } };
    }
    const turn = new TurnContext(event, actor, now);
    await this.handler.handle(turn);
    await emit(addressInGroup(settleInlineAnswer(event, turn), event, actor.name));
    return { status: 'handled', immediate: turn.immediate };
  }

  /** In the turn's transaction, after its work was undone: the claim stays, marked, with an apology. */
  private async overBudget(event: IncomingEvent, senderName: string | undefined, emit: Emit): Promise<DispatchOutcome> {
    const text = overBudgetText(event);
    await this.ports.recordOutcome(event, 'over-budget');
    await emit(addressInGroup([textReply(text)], event, senderName));
    return { status: 'over-budget', immediate: { toast: { kind: 'error', text } } };
  }

  /** Claims the event and sends one text reply, nothing else (the work was rolled back). */
  private async answerOnly(event: IncomingEvent, now: Date, status: 'user-error' | 'failed', text: string, emit: Emit, senderName?: string): Promise<DispatchOutcome> {
    const claimed = await this.ports.transaction(async () => {
      if (!(await this.ports.claimEvent(event, now, status === 'failed' ? 'failed' : 'refused'))) return false;
      await emit(addressInGroup([textReply(text)], event, senderName));
      return true;
    });
    if (!claimed) return { status: 'duplicate' };
    this.ports.delivered?.();
    return { status, immediate: { toast: { kind: status === 'failed' ? 'error' : 'warning', text } } };
  }

  /** Alerts the admins of a failed turn, once per kind and day; a failure to alert is only logged. */
  private async alert(kind: 'over-budget' | 'failed', event: IncomingEvent, now: Date): Promise<void> {
    if (!this.ports.alertAdmins) return;
    const day = zonedMinute(now, this.options.timeZone).date;
    try {
      await this.ports.alertAdmins({ key: `turn-${kind}:${day}`, text: turnAlertText(kind, event, this.options.turnBudgetMs) });
    } catch (err) {
      this.logger.error({ err, platform: event.platform, dedupKey: event.dedupKey }, 'could not alert the admins of a failed turn');
    }
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
