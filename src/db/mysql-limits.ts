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
  stream?: { destroy(): void };
  on(event: 'error', listener: () => void): void;
}

/** Gives every statement of `conn` the query timeout; a statement that times out closes the connection. */
function limitConnection(conn: ConnectionLike, limits: MysqlLimits): void {
  // A lost connection is reported to the commands waiting on it; this keeps a second 'error' from crashing the process.
  conn.on('error', () => undefined);
  const query = conn.query;
  conn.query = function limitedQuery(this: ConnectionLike, ...args: unknown[]) {
    const ms = limits.queryTimeoutMs;
    const cbAt = args.findIndex((a) => typeof a === 'function');
    const [sql] = args;
    if (!ms || cbAt < 0 || (typeof sql !== 'string' && (typeof sql !== 'object' || sql === null || 'onResult' in sql))) return query.apply(this, args);
    const options = typeof sql === 'string' ? { sql, timeout: ms } : { timeout: ms, ...(sql as object) };
    const cb = args[cbAt] as Callback;
    let answered = false;
    const limitedCb: Callback = (err, ...rest) => {
      // mysql2 answers a timed-out query but keeps it as the connection's current command, so
      // every later statement on it would wait forever: the socket goes, mysql2 then fails the
      // queued commands and the pool forgets the connection (the server rolls back).
      if (err && (err as { code?: string }).code === 'PROTOCOL_SEQUENCE_TIMEOUT') conn.stream?.destroy();
      if (answered) return;
      answered = true;
      cb(err, ...rest);
    };
    const rest = args.slice(1);
    rest[cbAt - 1] = limitedCb;
    return query.call(this, options, ...rest);
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
