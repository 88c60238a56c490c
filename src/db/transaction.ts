import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './data-source';

const queues = new WeakMap<DataSource, Promise<unknown>>();
const ambient = new AsyncLocalStorage<{ ds: DataSource; em: EntityManager }>();

function ambientManager(ds: DataSource): EntityManager | undefined {
  const current = ambient.getStore();
  return current && current.ds === ds ? current.em : undefined;
}

/**
 * The EntityManager to read and write with: the transaction this code runs in (the
 * dispatcher's, a job's), else the DataSource's own. Reads through it see the transaction's
 * own writes on every driver.
 */
export function currentManager(ds: DataSource): EntityManager {
  return ambientManager(ds) ?? ds.manager;
}

/**
 * Runs `work` in one database transaction; called inside another one of the same DataSource
 * it joins that one, so a whole chat event commits or rolls back as one. On SQLite every
 * transaction waits for the one before it: better-sqlite3 shares one connection, and two
 * transactions in flight fail with "cannot start a transaction within a transaction".
 */
export function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const joined = ambientManager(ds);
  if (joined) return work(joined);
  const run = () => ds.transaction((em) => ambient.run({ ds, em }, () => work(em)));
  if (!isSqlite(ds)) return run();
  const previous = queues.get(ds) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  queues.set(ds, next.catch(() => undefined));
  return next;
}

/**
 * MySQL errors after which the whole transaction can simply run again: a unique key taken by
 * a transaction that committed after our read (ER_DUP_ENTRY), or InnoDB choosing us as a
 * deadlock victim (ER_LOCK_DEADLOCK, which has already rolled the transaction back).
 * SQLite never raises them here: inTransaction runs its transactions one at a time.
 */
const RETRYABLE = new Set(['ER_DUP_ENTRY', 'ER_LOCK_DEADLOCK']);

/** The driver's error code of a failed query, on either driver. */
function driverCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `e` means "another transaction got there first: run again". */
export function isRetryableWriteError(e: unknown): boolean {
  const code = driverCode(e);
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs `work` in one transaction (inTransaction) and runs it again, from the start and in a
 * fresh transaction, when a concurrent writer won a unique key or a deadlock. `work` must read
 * what it needs inside the transaction (never carry state over from a failed attempt): the
 * find-then-insert upserts of this folder rely on the second attempt finding the row the
 * winner inserted. Inside another transaction it joins it and the outermost one retries.
 */
export async function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
  const joined = ambientManager(ds);
  if (joined) return work(joined);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ds, work);
    } catch (e) {
      if (attempt >= attempts || !isRetryableWriteError(e)) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20 * attempt)));
    }
  }
}
