import type { DataSource } from 'typeorm';

/**
 * Driver codes that mean the database cannot be reached or does not answer in time: refused,
 * lost or timed-out connections (mysql2's query timeout, the pool's acquire timeout of
 * mysql-limits.ts), a lock held too long, and SQLite busy.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR', 'ER_LOCK_WAIT_TIMEOUT', 'DB_ACQUIRE_TIMEOUT', 'SQLITE_BUSY',
]);

/**
 * Errors that mean the database cannot be reached (or is too slow), on either driver: the
 * caller should retry later. The dispatcher's `isUnavailable` port (DispatchPorts) is this.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null | undefined;
  const code = err?.driverError?.code ?? err?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  return /Connection is not established|pool is closed|database connection is not open|Can't add new command when connection is in closed state/i.test(message);
}

/** Resolves once the database answers a trivial statement; rejects (see {@link isDatabaseUnavailable}) when it does not. */
export async function pingDatabase(ds: DataSource): Promise<void> {
  await ds.query('SELECT 1');
}
