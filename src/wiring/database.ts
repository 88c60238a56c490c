import type { DataSource } from 'typeorm';
import type { AppEnv } from '../config/env';
import { createDataSource } from '../db/data-source';
import { redactDatabaseUrl } from '../db/database-url';
import { pingDatabase } from '../db/unavailable';

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

/** Refuses to serve with pending migrations: replicas never run on a schema they do not know. */
export async function requireMigrated(ds: DataSource): Promise<void> {
  if (await ds.showMigrations()) {
    throw new Error('The database has pending migrations: run `bot migrate` (or `npm start`, which migrates first).');
  }
}

/** True while the database answers a trivial query. */
export function databaseReadiness(ds: DataSource): () => Promise<boolean> {
  return async () => {
    if (!ds.isInitialized) return false;
    await pingDatabase(ds);
    return true;
  };
}
