import { isDatabaseUnavailable } from '../../../src/db/unavailable';

/** An error as TypeORM wraps a driver's: the driver's code on driverError. */
const wrapped = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

describe('isDatabaseUnavailable (the dispatcher\'s isUnavailable port: 503, the platform retries)', () => {
  test.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a lost MySQL connection, wrapped by TypeORM', wrapped('PROTOCOL_CONNECTION_LOST')],
    ['mysql2\'s query timeout', wrapped('PROTOCOL_SEQUENCE_TIMEOUT')],
    ['the pool\'s acquire timeout (mysql-limits.ts)', Object.assign(new Error('no database connection became free'), { code: 'DB_ACQUIRE_TIMEOUT' })],
    ['a lock held too long', wrapped('ER_LOCK_WAIT_TIMEOUT')],
    ['SQLite busy', wrapped('SQLITE_BUSY')],
    ['a closed pool, by its message', new Error('Pool is closed.')],
    ['a destroyed DataSource, by its message', new Error('Connection is not established with mysql database')],
  ])('%s is unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test.each([
    ['a duplicate key', wrapped('ER_DUP_ENTRY')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['a turn over its budget (the dispatcher knows that one itself)', Object.assign(new Error('over budget'), { code: 'TURN_OVER_BUDGET' })],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
