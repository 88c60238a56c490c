import { DataSource, type DataSourceOptions, type QueryRunner, type ReplicationMode } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { parseDatabaseUrl } from './database-url';
import { preparePrivateDatabaseFile } from './private-files';
import { ENTITIES } from './entities';
import { guardRunner } from './liveness';
import { limitedMysql2, type MysqlLimits } from './mysql-limits';
import { directMysqlQueries } from './mysql-runner';
import { SnakeNamingStrategy } from './naming-strategy';
import { bindIntegerParameters } from './sqlite-parameters';

/**
 * The MySQL waits, chosen so that a webhook meets a database that has stopped answering with a
 * 503 within about 2 s, inside Feishu's 3 s answer deadline (docs/platforms/feishu.md), and the
 * platform retries later. A statement of this bot takes milliseconds; only migrations (DDL on
 * big tables) may take longer, and they run without the statement limit.
 */
export const MYSQL_LIMITS: Readonly<MysqlLimits> = { connectTimeoutMs: 2000, acquireTimeoutMs: 2000, queryTimeoutMs: 2000 };

/**
 * A DataSource whose query runners refuse the statements of abandoned work (liveness.ts), on
 * MySQL send their statements straight to the connection (mysql-runner.ts), and whose schema
 * operations run without the MySQL statement limit.
 */
class BotDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly limits?: MysqlLimits,
  ) {
    super(options);
    if (options.type === 'better-sqlite3') bindIntegerParameters(this.driver);
  }

  override createQueryRunner(mode?: ReplicationMode): QueryRunner {
    const qr = super.createQueryRunner(mode);
    return guardRunner(this.limits ? directMysqlQueries(qr) : qr);
  }

  override runMigrations(...args: Parameters<DataSource['runMigrations']>): ReturnType<DataSource['runMigrations']> {
    return this.unlimited(() => super.runMigrations(...args));
  }

  override undoLastMigration(...args: Parameters<DataSource['undoLastMigration']>): Promise<void> {
    return this.unlimited(() => super.undoLastMigration(...args));
  }

  override dropDatabase(): Promise<void> {
    return this.unlimited(() => super.dropDatabase());
  }

  private async unlimited<R>(work: () => Promise<R>): Promise<R> {
    if (!this.limits) return work();
    const saved = this.limits.queryTimeoutMs;
    this.limits.queryTimeoutMs = 0;
    try {
      return await work();
    } finally {
      this.limits.queryTimeoutMs = saved;
    }
  }
}

/**
 * The one DataSource factory: better-sqlite3 (WAL, owner-only file and folder created on demand) or mysql2
 * (utf8mb4, UTC, numbers as numbers, the waits of {@link MYSQL_LIMITS} unless `limits` says
 * otherwise). Schema changes only through migrations; never synchronize.
 */
export function createDataSource(url: string, limits: Partial<MysqlLimits> = {}): DataSource {
  const target = parseDatabaseUrl(url);
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
  } as const;
  if (target.kind === 'sqlite') {
    const inMemory = target.path === ':memory:';
    if (!inMemory) preparePrivateDatabaseFile(target.path);
    return new BotDataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      enableWAL: !inMemory,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
      },
    });
  }
  const mysqlLimits: MysqlLimits = { ...MYSQL_LIMITS, ...limits };
  const options: DataSourceOptions = {
    ...common,
    type: 'mysql',
    driver: limitedMysql2(mysqlLimits),
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    // trace: false: mysql2 captured a stack trace per query (5 % of a webhook's CPU); a failed
    // query is still reported with its SQL by TypeORM, only not where it was issued.
    connectTimeout: mysqlLimits.connectTimeoutMs,
    extra: { decimalNumbers: true, trace: false },
    poolSize: 10,
  };
  return new BotDataSource(options, mysqlLimits);
}

/** True when the DataSource talks to SQLite (one shared connection: transactions serialised). */
export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === 'better-sqlite3';
}
