import type { EmployeeRecord } from '../domain/employee-record';
import type { IncomingEvent } from './incoming-event';
import type { NeutralCard } from './neutral-card';
import type { ReplyIntent } from './reply-intent';

/** What a card click answers at once (Feishu's synchronous callback response). */
export interface ImmediateResponse {
  toast?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string };
  card?: NeutralCard;
}

/** One event being handled: who, when, and the replies it owes. */
export class TurnContext {
  readonly replies: ReplyIntent[] = [];
  immediate: ImmediateResponse | undefined;

  constructor(
    readonly event: IncomingEvent,
    readonly actor: EmployeeRecord,
    /** The application clock's time when handling started. */
    readonly now: Date,
  ) {}

  /** The time the platform stamped on the event: punches and requests are judged at it. */
  get at(): Date {
    return this.event.sentAt;
  }

  /** Queues a reply; it reaches the outbox in this event's transaction. */
  reply(...intents: ReplyIntent[]): void {
    this.replies.push(...intents);
  }

  /** Sets what a card click answers at once. */
  respond(response: ImmediateResponse): void {
    this.immediate = response;
  }
}
