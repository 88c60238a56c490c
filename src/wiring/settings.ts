import { loadCalendar } from '../config/calendar-loader';
import { loadEnv, type AppEnv } from '../config/env';
import { loadPolicy } from '../config/policy-loader';
import { createLogger, type Logger } from '../core/logger';
import type { Policy } from '../domain/policy';
import type { DataSource } from 'typeorm';
import { databaseConsoleLinks } from '../services/console';
import type { ServiceContext } from '../services/service-context';

/** Everything the process is configured with. */
export interface Settings {
  env: AppEnv;
  policy: Policy;
}

/** Reads and validates the environment and the policy file; throws one ConfigError if either is bad. */
export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const env = loadEnv(source);
  return { env, policy: loadPolicy(env.POLICY_FILE) };
}

/** The process logger; on stderr, so a CLI command's stdout carries only its output. */
export function processLogger(env: AppEnv): Logger {
  return createLogger({ level: env.LOG_LEVEL, destination: process.stderr });
}

/**
 * The services' context: database, policy and work calendar (package, file and statutory days;
 * the days entered in chat are read from the database by refreshCalendar, which jobs and
 * serve() call), and the web console's sign-in links under PUBLIC_URL (`后台`).
 */
export function serviceContext(settings: Settings, ds: DataSource, logger: Logger): ServiceContext {
  const { policy } = settings;
  return { ds, policy, calendar: loadCalendar(policy.calendar.overridesFile), logger, consoleLinks: databaseConsoleLinks({ ds, policy }, settings.env.publicUrl) };
}
