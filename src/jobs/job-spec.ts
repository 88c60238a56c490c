import type { Notifier } from '../core/notifier';
import type { ServiceContext } from '../services/service-context';
import type { JobViews } from './job-views';

/** What a job needs to run one period. */
export interface JobRunArgs {
  ctx: ServiceContext;
  /** The period's key: a day, a week's Monday or a month. */
  slot: string;
  now: Date;
  force: boolean;
  /** Writes notices to the outbox (deduplicated by key). */
  notify: Notifier;
  views: JobViews;
  /** Appended to every dedup key: '' normally, ':r<run>' on a forced run so it sends again. */
  keySuffix: string;
}

/** A job: how a date maps to its period, and what it does for one period. */
export interface JobSpec {
  name: string;
  /** A sending job sends again when forced; a judging job converges. */
  sends?: boolean;
  /** The slot (business period) containing `date`. */
  slotOf(date: string): string;
  /** The period meant when no date is given, at `now`. */
  defaultSlot(now: Date, timeZone: string): string;
  /** Runs the period; resolves to a one-line outcome for people. */
  run(args: JobRunArgs): Promise<string>;
}
