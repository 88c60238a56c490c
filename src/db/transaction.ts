import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './data-source';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one database transaction. On SQLite every transaction of a DataSource waits
 * for the one before it: better-sqlite3 shares one connection, and two transactions in flight
 * fail with "cannot start a transaction within a transaction". Never call it from inside `work`.
 */
export function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(ds)) return ds.transaction(work);
  const previous = queues.get(ds) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => ds.transaction(work));
  queues.set(ds, next.catch(() => undefined));
  return next;
}
