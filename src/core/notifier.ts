import type { ReplyIntent } from './reply-intent';

/** A notice the bot sends on its own (a job), with the key that makes it once-only. */
export interface Notice {
  intent: ReplyIntent;
  /** Unique per message: a re-run of the same period finds it and does not send again. */
  dedupKey: string;
}

/** Writes notices to the outbox in the current transaction, skipping keys already there. */
export type Notifier = (notices: Notice[]) => Promise<number>;
