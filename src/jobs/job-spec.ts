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
  /** Runs the period; resolves to a one-line outcome (English, for the CLI and the log), or a report that adds the Chinese one. */
  run(args: JobRunArgs): Promise<string | JobReport>;
}

/** What a run did, for the CLI and the log (`outcome`, English) and for people (`summary`, Chinese: the web demo's clock log). */
export interface JobReport {
  outcome: string;
  /** One Chinese line, e.g. '2026-12-04：发出 1 条例会提醒'. */
  summary: string;
  /** True when the run had nothing to do (no reminder due, nobody to nudge): the demo's log leaves it out. */
  idle?: boolean;
}
