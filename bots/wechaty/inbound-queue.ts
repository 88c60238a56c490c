import type { IncomingEvent } from '../../src/core/incoming-event';
import type { Logger } from '../../src/core/logger';
import type { Dispatch } from '../../src/core/platform-adapter';

/**
 * Why retry here: webhook platforms send an unanswered event again, but WeChat delivers a
 * message to the puppet once. When the database is down the dispatcher throws, so the adapter
 * tries again itself; the dedup claim (wechaty message id) makes a retry that did commit
 * harmless. The default waits add up to about 15 minutes.
 */
export const DISPATCH_RETRY_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000];

/**
 * Hands decoded messages to the dispatcher in arrival order per sender (a sick-leave request,
 * then its note), retrying a failed dispatch with backoff. `drain` waits for everything taken;
 * `close` ends the waits early, so stopping never hangs on a retry.
 */
export class InboundQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly waits = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly logger: Logger,
    private readonly retryDelaysMs: number[] = DISPATCH_RETRY_DELAYS_MS,
  ) {}

  /** Queues `decode` (and the dispatch of what it returns) behind the sender's earlier messages. */
  push(senderKey: string, decode: () => Promise<IncomingEvent | null>): void {
    if (this.closed) return;
    const previous = this.chains.get(senderKey) ?? Promise.resolve();
    const next = previous.then(() => this.run(decode)).finally(() => {
      if (this.chains.get(senderKey) === next) this.chains.delete(senderKey);
    });
    this.chains.set(senderKey, next);
  }

  /** Resolves when every queued message has been handled or given up. */
  async drain(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  /** Stops taking messages and cuts the retry waits short; then drains. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waits]) wake();
    await this.drain();
  }

  private async run(decode: () => Promise<IncomingEvent | null>): Promise<void> {
    let event: IncomingEvent | null;
    try {
      event = await decode();
    } catch (err) {
      this.logger.error({ err, platform: 'wechaty' }, 'could not read a WeChat message; it was skipped');
      return;
    }
    if (!event) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dispatch(event);
        return;
      } catch (err) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined || this.closed) {
          this.logger.error({ err, platform: 'wechaty', dedupKey: event.dedupKey, senderId: event.senderId }, 'a WeChat message could not be handled and was dropped');
          return;
        }
        this.logger.warn({ err, platform: 'wechaty', dedupKey: event.dedupKey, attempt: attempt + 1, delayMs: delay }, 'handling a WeChat message failed; will retry');
        await this.wait(delay);
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }
}
