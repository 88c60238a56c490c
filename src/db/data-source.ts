import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { parseDatabaseUrl } from './database-url';
import { preparePrivateDatabaseFile } from './private-files';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * The one DataSource factory: better-sqlite3 (WAL, owner-only file and folder created on demand) or mysql2
 * (utf8mb4, UTC, numbers as numbers). Schema changes only through migrations; never synchronize.
 */
export function createDataSource(url: string): DataSource {
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
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      enableWAL: !inMemory,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
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
    extra: { decimalNumbers: true, connectTimeout: 5000, trace: false },
    poolSize: 10,
  });
}

/** True when the DataSource talks to SQLite (one shared connection: transactions serialised). */
export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === 'better-sqlite3';
}
