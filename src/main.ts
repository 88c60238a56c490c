import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadEnv, AppEnv } from './config/env';
import { loadPolicy } from './config/policy-loader';
import { createLogger, Logger } from './core/logger';
import { createDataSource } from './db/data-source';
import { redactDatabaseUrl } from './db/database-url';
import type { Policy } from './domain/policy';
import { createApp } from './http/app';
import { installSignalHandlers, startServer, ServerHandle } from './http/server';

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

/** Opens the database named by DATABASE_URL, with a message that names it (password hidden). */
export async function openDatabase(env: AppEnv): Promise<DataSource> {
  const ds = createDataSource(env.DATABASE_URL);
  try {
    await ds.initialize();
  } catch (e) {
    throw new Error(`Cannot open the database ${redactDatabaseUrl(env.DATABASE_URL)}: ${(e as Error).message}`);
  }
  return ds;
}

/** Runs the pending migrations and returns their names. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const done = await ds.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}

/** True while the database answers a trivial query. */
export function databaseReadiness(ds: DataSource): () => Promise<boolean> {
  return async () => {
    if (!ds.isInitialized) return false;
    await ds.query('SELECT 1');
    return true;
  };
}

/**
 * Starts the HTTP server on an open, migrated database; SIGTERM/SIGINT shut it down gracefully
 * unless `signals` is false. Refuses to serve with pending migrations: replicas never run on a
 * schema they do not know.
 */
export async function serve(settings: Settings, ds: DataSource, logger: Logger, opts: { signals?: boolean } = {}): Promise<ServerHandle> {
  if (await ds.showMigrations()) {
    throw new Error('The database has pending migrations: run `bot migrate` (or `npm start`, which migrates first).');
  }
  const { env } = settings;
  if (env.listenHostReason) logger.warn({ host: env.listenHost }, env.listenHostReason);
  const app = createApp({ logger, isReady: databaseReadiness(ds) });
  const handle = await startServer(app, {
    port: env.PORT,
    host: env.listenHost,
    logger,
    onClose: async () => {
      if (ds.isInitialized) await ds.destroy();
    },
  });
  logger.info(
    { port: handle.port, host: env.listenHost, database: redactDatabaseUrl(env.DATABASE_URL), platforms: env.platforms, webChat: env.webChat },
    `listening on http://${env.listenHost}:${handle.port}`,
  );
  if (opts.signals !== false) installSignalHandlers(handle, logger);
  return handle;
}
