import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../../../src/core/logger';
import { LOG_ERROR_MESSAGE_MAX, LOG_STACK_MAX, LOG_TEXT_MAX } from '../../../src/core/log-bounds';

/** A logger writing into an array of lines. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
  return { logger, lines, last: () => JSON.parse(lines[lines.length - 1]) };
}

/** Every key anywhere in a parsed log line. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

const reason = '员工'.repeat(15000); // 30,000 characters, as in the report
/** What TypeORM throws when MySQL refuses a statement: the statement, its parameters, and mysql2's error with the SQL inlined. */
function queryFailed(): QueryFailedError {
  const driverError = Object.assign(new Error("Data too long for column 'reason' at row 1"), {
    code: 'ER_DATA_TOO_LONG', errno: 1406, sqlState: '22001', sqlMessage: "Data too long for column 'reason' at row 1",
    sql: `INSERT INTO point_entries (reason, note) VALUES ('${reason}', '13800001234')`,
  });
  return new QueryFailedError('INSERT INTO point_entries (reason, note) VALUES (?, ?)', [reason, '13800001234'], driverError);
}

describe('error logs never carry SQL or its parameters, and every logged string is bounded', () => {
  test('a QueryFailedError keeps its code and a short message; query, parameters and sql are gone (the 93 KB line)', () => {
    const { logger, lines, last } = capture();
    logger.error({ err: queryFailed(), dedupKey: 'om_1' }, 'event failed; the user was asked to try again');
    const line = last();
    expect(lines[0].length).toBeLessThan(LOG_STACK_MAX + 3 * LOG_ERROR_MESSAGE_MAX + 1000);
    expect(lines[0]).not.toContain('员工员工员工');
    expect(lines[0]).not.toContain('13800001234');
    for (const key of ['query', 'parameters', 'sql']) expect(keysOf(line)).not.toContain(key);
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: 'ER_DATA_TOO_LONG', errno: 1406, sqlState: '22001', message: "Data too long for column 'reason' at row 1" });
    expect(line.err.driverError).toMatchObject({ code: 'ER_DATA_TOO_LONG', message: "Data too long for column 'reason' at row 1" });
    expect(line.err.stack).toMatch(/^QueryFailedError: Data too long for column 'reason' at row 1\n {4}at /);
  });

  test('an error elsewhere in the line (another key, a cause, logged bare) is treated the same', () => {
    const { logger, lines, last } = capture();
    logger.warn({ failure: queryFailed(), wrapped: new Error('outer', { cause: queryFailed() }) }, 'two errors');
    for (const key of ['query', 'parameters', 'sql']) expect(keysOf(last())).not.toContain(key);
    expect(last().wrapped.cause).toMatchObject({ type: 'QueryFailedError', code: 'ER_DATA_TOO_LONG' });
    logger.error(Object.assign(new Error(`bad input: ${reason}`), { parameters: [reason] }));
    expect(lines[1].length).toBeLessThan(LOG_STACK_MAX + 2 * LOG_TEXT_MAX + 1000);
    expect(last().msg.length).toBeLessThanOrEqual(LOG_TEXT_MAX + 40);
    expect(keysOf(last())).not.toContain('parameters');
  });

  test.each([
    ['a field', (l: ReturnType<typeof capture>['logger']) => l.info({ text: reason }, 'saved'), (line: any) => line.text],
    ['the message', (l: ReturnType<typeof capture>['logger']) => l.info(`saved ${reason}`), (line: any) => line.msg],
    ['an array item', (l: ReturnType<typeof capture>['logger']) => l.info({ items: [reason] }, 'saved'), (line: any) => line.items[0]],
  ])('a 30,000-character string in %s is cut, saying how much was left out', (_where, log, pick) => {
    const c = capture();
    log(c.logger);
    const value: string = pick(c.last());
    expect(value.length).toBeLessThan(LOG_TEXT_MAX + 40);
    expect(value).toMatch(/…\[\d+ more characters\]$/);
  });

  test('a long array keeps its first items and counts the rest; short values are untouched', () => {
    const { logger, last } = capture();
    logger.info({ ids: Array.from({ length: 500 }, (_, i) => i), short: 'ok', n: 3, flag: true }, 'many');
    expect(last().ids).toHaveLength(51);
    expect(last().ids[50]).toBe('…[450 more items]');
    expect(last()).toMatchObject({ short: 'ok', n: 3, flag: true });
  });
});
