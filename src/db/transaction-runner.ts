import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isSqlite } from './data-source';
import { AbandonedWorkError, ambient, Liveness, watchStatements, type TransactionScope } from './liveness';

/**
 * A deadline for one transaction: when `signal` aborts while the work still runs, the work is
 * abandoned and, if it passed its checkpoint, undone back to it and `recover` runs in its place
 * in the same transaction (so row locks taken before the checkpoint, such as an event's claim,
 * are never let go in between).
 */
export interface Deadline<T> {
  signal: AbortSignal;
  recover(): Promise<T>;
}

/** The work of a transaction: its manager, and the scope to set a checkpoint in. */
export type TransactionWork<T> = (em: EntityManager, scope: TransactionScope) => Promise<T>;

const CHECKPOINT = 'turn_checkpoint';

/**
 * One transaction on its own query runner. Without a deadline it is TypeORM's transaction:
 * commit, or roll back on a throw. With one, the abort is acted on at once:
 * - before the work started (no connection yet, START TRANSACTION pending): the promise rejects
 *   with the abort's reason and the transaction is rolled back once it has started;
 * - while the work runs: its statements are refused from now on (liveness.ts); on MySQL a
 *   statement in flight is interrupted (KILL QUERY, from another connection) and awaited; then
 *   the work is rolled back to its checkpoint and `recover` runs and commits, or, without a
 *   checkpoint, everything is rolled back and the promise rejects with the abort's reason;
 * - while committing or rolling back: ignored (that end is already coming).
 * On better-sqlite3 no statement is ever in flight (they run synchronously), so the shared
 * connection is handed back as soon as the abort has rolled back.
 */
export class GuardedTransaction<T> {
  private readonly live = new Liveness();
  /** The liveness of the runner's own statements after an abort (rollback, recovery). */
  private readonly own = new Liveness();
  private readonly inFlight = new Set<Promise<unknown>>();
  private phase: 'starting' | 'working' | 'closing' | 'abandoned' = 'starting';
  /** Where the work was when the deadline passed. */
  private abandonedIn: 'starting' | 'working' = 'starting';
  private checkpointed = false;
  private readonly scope: TransactionScope = {
    checkpoint: async () => {
      await this.qr.query(`SAVEPOINT ${CHECKPOINT}`);
      this.checkpointed = true;
    },
  };

  constructor(
    private readonly ds: DataSource,
    private readonly qr: QueryRunner,
    private readonly onCleanupError: (err: unknown) => void = () => undefined,
  ) {}

  /** Runs `work` and commits; rolls back and rethrows when it throws. */
  async run(work: TransactionWork<T>): Promise<T> {
    try {
      return await this.inContext(this.live, () => this.body(work));
    } catch (e) {
      await this.rollbackQuietly();
      throw e;
    } finally {
      await this.qr.release();
    }
  }

  /** As {@link run}, under `deadline`. */
  runWithin(work: TransactionWork<T>, deadline: Deadline<T>): Promise<T> {
    if (deadline.signal.aborted) return Promise.reject(deadline.signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (this.phase === 'closing' || this.phase === 'abandoned') return;
        this.abandonedIn = this.phase;
        this.phase = 'abandoned';
        this.live.abandoned = true;
        this.abandon(deadline).then(resolve, reject);
      };
      const stopWatching = () => {
        deadline.signal.removeEventListener('abort', onAbort);
        watchStatements(this.qr, undefined);
      };
      deadline.signal.addEventListener('abort', onAbort, { once: true });
      if (!isSqlite(this.ds)) {
        watchStatements(this.qr, (statement) => {
          this.inFlight.add(statement);
          const done = () => this.inFlight.delete(statement);
          statement.then(done, done);
        });
      }
      this.inContext(this.live, () => this.body(work)).then(
        async (result) => {
          stopWatching();
          await this.qr.release();
          resolve(result);
        },
        async (e: unknown) => {
          if (this.phase === 'abandoned') return; // abandon() answers and cleans up
          this.phase = 'closing';
          stopWatching();
          await this.rollbackQuietly();
          await this.qr.release();
          reject(e);
        },
      );
    });
  }

  private async body(work: TransactionWork<T>): Promise<T> {
    await this.qr.startTransaction();
    if (this.live.abandoned) throw new AbandonedWorkError();
    this.phase = 'working';
    const result = await work(this.qr.manager, this.scope);
    // The abort may have come while the work's last await was pending: it never commits then.
    if (this.live.abandoned) throw new AbandonedWorkError();
    this.phase = 'closing';
    await this.qr.commitTransaction();
    return result;
  }

  private async abandon(deadline: Deadline<T>): Promise<T> {
    if (this.abandonedIn === 'starting') {
      // Nothing of the work ran yet: let the start end in the background, then roll it back.
      void Promise.allSettled([...this.inFlight]).then(() => this.close());
      throw deadline.signal.reason;
    }
    const interrupted = await this.interruptInFlight();
    if (interrupted && this.checkpointed) {
      try {
        return await this.inContext(this.own, async () => {
          await this.qr.query(`ROLLBACK TO SAVEPOINT ${CHECKPOINT}`);
          const result = await deadline.recover();
          await this.qr.commitTransaction();
          await this.qr.release();
          return result;
        });
      } catch (e) {
        this.onCleanupError(e);
      }
    }
    await this.close(interrupted);
    throw deadline.signal.reason;
  }

  /** MySQL: interrupts a statement in flight and waits for it; false when the connection is lost. */
  private async interruptInFlight(): Promise<boolean> {
    if (!this.inFlight.size) return true;
    const threadId = this.connection()?.threadId;
    if (Number.isInteger(threadId)) {
      await this.ds.query(`KILL QUERY ${Number(threadId)}`).catch((e: unknown) => this.onCleanupError(e));
    }
    const settled = await Promise.allSettled([...this.inFlight]);
    const conn = this.connection();
    return !conn || !(conn._fatalError || settled.some((s) => s.status === 'rejected' && isConnectionLoss(s.reason)));
  }

  /** Rolls back what is left and releases; a connection that cannot roll back is dropped. */
  private async close(clean = true): Promise<void> {
    await this.inContext(this.own, async () => {
      if (!clean || !(await this.rollbackQuietly())) this.dropConnection();
      await this.qr.release();
    });
  }

  private async rollbackQuietly(): Promise<boolean> {
    if (!this.qr.isTransactionActive) return true;
    try {
      await this.qr.rollbackTransaction();
      return true;
    } catch (e) {
      this.onCleanupError(e);
      return false;
    }
  }

  /** MySQL: closes the socket (mysql2 then fails its queued commands and leaves the pool); the server rolls back. */
  private dropConnection(): void {
    const conn = this.connection();
    if (!conn) return;
    const threadId = conn.threadId;
    conn.stream?.destroy();
    if (Number.isInteger(threadId)) this.ds.query(`KILL ${Number(threadId)}`).catch(() => undefined);
  }

  private connection(): MysqlConnection | undefined {
    return isSqlite(this.ds) ? undefined : (this.qr as unknown as { databaseConnection?: MysqlConnection }).databaseConnection;
  }

  private inContext<R>(live: Liveness, fn: () => Promise<R>): Promise<R> {
    return ambient.run({ ds: this.ds, em: this.qr.manager, live, scope: this.scope }, fn);
  }
}

/** The parts of a mysql2 connection the runner uses. */
interface MysqlConnection {
  threadId?: number | null;
  stream?: { destroy(): void };
  _fatalError?: unknown;
}

/** A driver error after which the connection is gone. */
function isConnectionLoss(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string; fatal?: boolean }; fatal?: boolean };
  const code = err?.driverError?.code ?? err?.code;
  return Boolean(err?.driverError?.fatal ?? err?.fatal) || code === 'PROTOCOL_SEQUENCE_TIMEOUT' || code === 'PROTOCOL_CONNECTION_LOST';
}
