import mysql2 from 'mysql2';

/**
 * How long the MySQL driver may wait, in milliseconds (0: no limit). A database that stops
 * answering without closing its connections (a frozen server, a network partition) would
 * otherwise hold every request for as long as TCP keeps the socket: mysql2 has no acquire
 * timeout, and its query `timeout` leaves the stuck connection in the pool.
 */
export interface MysqlLimits {
  /** TCP connect and handshake of a new connection (mysql2 `connectTimeout`). */
  connectTimeoutMs: number;
  /** Waiting for a free connection of the pool. */
  acquireTimeoutMs: number;
  /** One statement, from the moment it is sent; mutable (migrations lift it). */
  queryTimeoutMs: number;
}

/** The error of a pool that gave no connection in time (classified "database down" by the dispatcher). */
function acquireTimeout(ms: number): Error {
  return Object.assign(new Error(`no database connection became free within ${ms} ms`), { code: 'DB_ACQUIRE_TIMEOUT' });
}

type Callback = (err: Error | null, ...rest: unknown[]) => void;

interface PoolLike {
  getConnection(cb: (err: Error | null, conn?: { release(): void }) => void): void;
  on(event: 'connection', listener: (conn: ConnectionLike) => void): void;
}

interface ConnectionLike {
  query(...args: unknown[]): unknown;
  promise(promiseImpl?: unknown): unknown;
  stream?: { destroy(): void };
  on(event: 'error', listener: () => void): void;
}

/** A statement sent and not answered yet, with its limit (0: none). */
interface Waiting {
  answer: Callback;
  ms: number;
}

/** The error mysql2's own query `timeout` gives (classified "database down" by unavailable.ts). */
function statementTimeout(): Error {
  return Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT', errorno: 'PROTOCOL_SEQUENCE_TIMEOUT', syscall: 'query' });
}

/**
 * Gives every statement of `conn` the query timeout, counted from the moment it is the one the
 * connection runs (mysql2 runs them one at a time, in order); a statement that times out is
 * answered with mysql2's timeout error and closes the connection. Why not mysql2's own query
 * `timeout`: it arms and clears a timer per statement. Here one timer per connection is armed
 * at most once per limit: when it fires early (the statement it was armed for was answered) it
 * is set again for the statement running now. The connection's promise wrapper is made once
 * too (TypeORM asks for one per statement).
 */
function limitConnection(conn: ConnectionLike, limits: MysqlLimits): void {
  // A lost connection is reported to the commands waiting on it; this keeps a second 'error' from crashing the process.
  conn.on('error', () => undefined);
  const query = conn.query;
  const promise = conn.promise;
  let wrapper: unknown;
  conn.promise = function cachedPromise(this: ConnectionLike, promiseImpl?: unknown) {
    if (promiseImpl !== undefined) return promise.call(this, promiseImpl);
    return (wrapper ??= promise.call(this));
  };
  const waiting: Waiting[] = [];
  /** When the statement at the head of `waiting` started running. */
  let headSince = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = 0;
  const arm = (due: number) => {
    if (timer && timerDue <= due) return;
    if (timer) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(check, Math.max(due - Date.now(), 0));
    // The socket keeps the process alive while a statement runs; an idle connection's timer must not.
    timer.unref();
  };
  const headStarted = () => {
    headSince = Date.now();
    const head = waiting[0];
    if (head?.ms) arm(headSince + head.ms);
  };
  function check(): void {
    timer = undefined;
    const head = waiting[0];
    if (!head?.ms) return;
    const due = headSince + head.ms;
    if (due > Date.now()) return arm(due);
    // mysql2 would keep a timed-out statement as the connection's current command, so every
    // later statement on it would wait forever: the socket goes, mysql2 then fails the queued
    // commands and the pool forgets the connection (the server rolls back).
    head.answer(statementTimeout());
    conn.stream?.destroy();
  }
  conn.query = function limitedQuery(this: ConnectionLike, ...args: unknown[]) {
    const cbAt = args.findIndex((a) => typeof a === 'function');
    const [sql] = args;
    if (cbAt < 0 || (typeof sql !== 'string' && (typeof sql !== 'object' || sql === null || 'onResult' in sql))) return query.apply(this, args);
    const cb = args[cbAt] as Callback;
    let answered = false;
    const entry: Waiting = {
      ms: limits.queryTimeoutMs,
      answer: (err, ...rest) => {
        if (answered) return;
        answered = true;
        const at = waiting.indexOf(entry);
        if (at >= 0) waiting.splice(at, 1);
        if (at === 0) headStarted();
        cb(err, ...rest);
      },
    };
    waiting.push(entry);
    if (waiting.length === 1) headStarted();
    args[cbAt] = entry.answer;
    return query.apply(this, args);
  };
}

/** The pool with its connections limited and `getConnection` bounded by the acquire timeout. */
function limitPool<P extends PoolLike>(pool: P, limits: MysqlLimits): P {
  pool.on('connection', (conn) => limitConnection(conn, limits));
  const getConnection = pool.getConnection;
  pool.getConnection = function limitedGetConnection(this: P, cb) {
    const ms = limits.acquireTimeoutMs;
    if (!ms) return getConnection.call(this, cb);
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      cb(acquireTimeout(ms));
    }, ms);
    getConnection.call(this, (err, conn) => {
      clearTimeout(timer);
      if (answered) {
        // Too late for the caller, who has gone: back to the pool.
        conn?.release();
        return;
      }
      answered = true;
      cb(err, conn);
    });
  };
  return pool;
}

/**
 * mysql2 as TypeORM's `driver` option, with `limits` applied to every pool it creates (TypeORM
 * calls only createPool and createPoolCluster of it; replication is not used here).
 */
export function limitedMysql2(limits: MysqlLimits): typeof mysql2 {
  const driver = Object.create(mysql2) as typeof mysql2;
  driver.createPool = ((options: mysql2.PoolOptions) => limitPool(mysql2.createPool(options) as unknown as PoolLike, limits)) as unknown as typeof mysql2.createPool;
  return driver;
}
