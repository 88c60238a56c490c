import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './data-source';
import { ambient } from './liveness';
import { GuardedTransaction, type Deadline, type TransactionWork } from './transaction-runner';

export type { Deadline, TransactionWork } from './transaction-runner';
export { AbandonedWorkError, type TransactionScope } from './liveness';

const queues = new WeakMap<DataSource, Promise<unknown>>();

function joinedAmbient(ds: DataSource) {
  const current = ambient.getStore();
  return current && current.ds === ds ? current : undefined;
}

/**
 * The EntityManager to read and write with: the transaction this code runs in (the
 * dispatcher's, a job's), else the DataSource's own. Reads through it see the transaction's
 * own writes on every driver.
 */
export function currentManager(ds: DataSource): EntityManager {
  return joinedAmbient(ds)?.em ?? ds.manager;
}

/** Options of {@link inTransaction}. */
export interface TransactionOptions<T> {
  /** Abandon the work when this passes (see transaction-runner.ts); only for an outermost transaction. */
  deadline?: Deadline<T>;
  /** Told of a failed rollback or interrupt after an abort (logged by the caller). */
  onCleanupError?: (err: unknown) => void;
}

/**
 * Runs `work` in one database transaction; called inside another one of the same DataSource
 * it joins that one, so a whole chat event commits or rolls back as one. On SQLite every
 * transaction waits for the one before it: better-sqlite3 shares one connection, and two
 * transactions in flight fail with "cannot start a transaction within a transaction". A
 * transaction with a deadline that passes while it still waits its turn rejects at once with
 * the deadline's reason and never starts.
 */
export function inTransaction<T>(ds: DataSource, work: TransactionWork<T>, opts: TransactionOptions<T> = {}): Promise<T> {
  const joined = joinedAmbient(ds);
  if (joined) return work(joined.em, joined.scope);
  const { deadline } = opts;
  const run = () => {
    const tx = new GuardedTransaction<T>(ds, ds.createQueryRunner(), opts.onCleanupError);
    return deadline ? tx.runWithin(work, deadline) : tx.run(work);
  };
  if (!isSqlite(ds)) return run();
  const previous = queues.get(ds) ?? Promise.resolve();
  let started = false;
  const next = previous.catch(() => undefined).then(() => {
    started = true;
    return run();
  });
  queues.set(ds, next.catch(() => undefined));
  if (!deadline) return next;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!started) reject(deadline.signal.reason);
    };
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    next.then(resolve, reject).finally(() => deadline.signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs `work`, which sends one statement, without a transaction of its own: on MySQL/MariaDB
 * the statement runs on a pool connection in autocommit, one round trip instead of three (a
 * single statement is atomic by itself). On SQLite it waits its turn like a transaction (the
 * one shared connection may be inside another one's transaction); inside a transaction of
 * `ds` it joins it.
 */
export function singleStatement<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (isSqlite(ds) || joinedAmbient(ds)) return inTransaction(ds, (em) => work(em));
  return work(ds.manager);
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
export async function writeTransaction<T>(ds: DataSource, work: TransactionWork<T>, opts: TransactionOptions<T> & { attempts?: number } = {}): Promise<T> {
  const joined = joinedAmbient(ds);
  if (joined) return work(joined.em, joined.scope);
  const attempts = opts.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ds, work, opts);
    } catch (e) {
      if (attempt >= attempts || !isRetryableWriteError(e) || opts.deadline?.signal.aborted) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20 * attempt)));
    }
  }
}
