import type { DataSource } from 'typeorm';
import type { Logger } from '../core/logger';
import type { WorkCalendar } from '../domain/calendar';
import type { Policy } from '../domain/policy';

/** What every service works with: the database, the loaded policy and the work calendar. */
export interface ServiceContext {
  ds: DataSource;
  policy: Policy;
  calendar: WorkCalendar;
  logger?: Logger;
}
