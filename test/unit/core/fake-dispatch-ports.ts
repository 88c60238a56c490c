import type { AdminAlert, DispatchPorts, EventOutcome, TurnDeadline, TurnScope } from '../../../src/core/dispatcher';
import type { IncomingEvent } from '../../../src/core/incoming-event';
import type { ReplyIntent } from '../../../src/core/reply-intent';
import type { EmployeeRecord } from '../../../src/domain/employee-record';

/** What the fake database holds: claimed events with their outcome, and the outbox. */
interface Stored {
  claims: Map<string, EventOutcome>;
  outbox: Array<{ dedupKey: string; intent: ReplyIntent }>;
}

const copy = (s: Stored): Stored => ({ claims: new Map(s.claims), outbox: [...s.outbox] });

/**
 * The dispatcher's ports over memory, with real transaction semantics: a transaction works on
 * a copy that replaces the committed state only when `work` resolves; a deadline that fires
 * undoes the work back to the checkpoint and runs `recover` in its place, as src/db does.
 */
export class FakeDispatchPorts implements DispatchPorts {
  committed: Stored = { claims: new Map(), outbox: [] };
  people = new Map<string, EmployeeRecord>();
  alerts: AdminAlert[] = [];
  deliveredCount = 0;
  /** An error the next transaction throws before doing anything (the database down). */
  failNextWith: unknown;
  private current: Stored | undefined;

  async transaction<T>(work: (scope: TurnScope) => Promise<T>, deadline?: TurnDeadline<T>): Promise<T> {
    if (this.failNextWith) {
      const e = this.failNextWith;
      this.failNextWith = undefined;
      throw e;
    }
    const tx = copy(this.committed);
    let checkpoint: Stored | undefined;
    this.current = tx;
    const scope: TurnScope = { checkpoint: async () => void (checkpoint = copy(tx)) };
    try {
      const aborted = deadline
        ? new Promise<'aborted'>((resolve) => deadline.signal.addEventListener('abort', () => resolve('aborted'), { once: true }))
        : new Promise<never>(() => undefined);
      const result = await Promise.race([work(scope), aborted]);
      if (result === 'aborted' && deadline) {
        if (!checkpoint) throw deadline.signal.reason;
        this.current = checkpoint;
        const recovered = await deadline.recover();
        this.committed = checkpoint;
        return recovered;
      }
      this.committed = tx;
      return result as T;
    } finally {
      this.current = undefined;
    }
  }

  private get tx(): Stored {
    if (!this.current) throw new Error('no transaction');
    return this.current;
  }

  async claimEvent(event: IncomingEvent, _receivedAt: Date, outcome: EventOutcome = 'handled'): Promise<boolean> {
    if (this.tx.claims.has(event.dedupKey)) return false;
    this.tx.claims.set(event.dedupKey, outcome);
    return true;
  }

  async recordOutcome(event: IncomingEvent, outcome: EventOutcome): Promise<void> {
    this.tx.claims.set(event.dedupKey, outcome);
  }

  async findEmployee(_platform: string, externalId: string): Promise<EmployeeRecord | null> {
    return this.people.get(externalId) ?? null;
  }

  async enqueue(event: IncomingEvent, intents: ReplyIntent[]): Promise<void> {
    for (const intent of intents) this.tx.outbox.push({ dedupKey: event.dedupKey, intent });
  }

  delivered(): void {
    this.deliveredCount += 1;
  }

  async alertAdmins(alert: AdminAlert): Promise<void> {
    if (!this.alerts.some((a) => a.key === alert.key)) this.alerts.push(alert);
  }

  isUnavailable(error: unknown): boolean {
    return (error as { code?: string })?.code === 'DB_DOWN';
  }

  /** The text of every reply committed for an event. */
  textsOf(dedupKey: string): string[] {
    return this.committed.outbox
      .filter((o) => o.dedupKey === dedupKey && o.intent.kind === 'send' && o.intent.body.kind === 'text')
      .map((o) => (o.intent.kind === 'send' && o.intent.body.kind === 'text' ? o.intent.body.text : ''));
  }
}
