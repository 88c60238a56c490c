import { QueryFailedError, QueryResult, type QueryRunner } from 'typeorm';

/** The parts of TypeORM's MysqlQueryRunner and of its mysql2 connection used here. */
interface MysqlRunner {
  databaseConnection?: { query(sql: string, ...rest: unknown[]): unknown };
  isReleased: boolean;
}

type QueryFn = QueryRunner['query'];

/**
 * Makes `qr` (TypeORM's MysqlQueryRunner, on a DataSource without subscribers) send its
 * statements straight to its mysql2 connection once it holds one. Why: TypeORM's own query()
 * asks the connection for a promise wrapper, awaits the connection it already holds,
 * broadcasts BeforeQuery/AfterQuery to no subscriber and awaits their (empty) results: several
 * promises and about a fifth of a statement's CPU. What it gives is kept: the same result
 * (raw, or a QueryResult), a failure as QueryFailedError with the SQL and its parameters, the
 * logger's calls. The first statement (which takes the pool connection) and anything after
 * release go through TypeORM's query() unchanged.
 */
export function directMysqlQueries(qr: QueryRunner): QueryRunner {
  if (qr.connection.subscribers.length) return qr;
  const ordinary = qr.query.bind(qr) as QueryFn;
  const runner = qr as unknown as MysqlRunner;
  const logger = qr.connection.logger;
  qr.query = ((sql: string, parameters?: unknown[], structured = false) => {
    const conn = runner.databaseConnection;
    if (!conn || runner.isReleased) return ordinary(sql, parameters, structured as true);
    logger.logQuery(sql, parameters, qr);
    return new Promise((resolve, reject) => {
      const done = (err: Error | null, raw?: unknown) => {
        if (err) {
          logger.logQueryError(err, sql, parameters, qr);
          reject(new QueryFailedError(sql, parameters, err));
        } else {
          resolve(structured ? queryResult(raw) : raw);
        }
      };
      if (parameters !== undefined) conn.query(sql, parameters, done);
      else conn.query(sql, done);
    });
  }) as QueryFn;
  return qr;
}

/** As TypeORM's MysqlQueryRunner builds it. */
function queryResult(raw: unknown): QueryResult {
  const result = new QueryResult();
  result.raw = raw;
  if (Array.isArray(raw)) result.records = Array.from(raw);
  if (raw !== null && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, 'affectedRows')) result.affected = (raw as { affectedRows: number }).affectedRows;
  return result;
}
