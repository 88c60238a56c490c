import type { DataSource } from 'typeorm';
import type { BackgroundJobs } from '../core/background-jobs';
import type { ConsoleLinks } from '../core/console-links';
import type { Logger } from '../core/logger';
import type { Notifier } from '../core/notifier';
import type { WorkCalendar } from '../domain/calendar';
import type { Policy } from '../domain/policy';

/**
 * What every service works with: the database, the loaded policy and the work calendar; in a
 * running bot also the outbox's notifier (notices written in the current transaction, once per
 * dedup key) and the way to start a job outside a chat turn. Without them (the CLI, a unit
 * test) nothing is sent and nothing is started.
 */
export interface ServiceContext {
  ds: DataSource;
  policy: Policy;
  calendar: WorkCalendar;
  logger?: Logger;
  notify?: Notifier;
  background?: BackgroundJobs;
  /** Sign-in links to the web console (`后台`), under PUBLIC_URL; absent where nothing serves it (the CLI). */
  consoleLinks?: ConsoleLinks;
}
