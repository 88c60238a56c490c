import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';

/** The database kinds a suite runs on. */
export type DbKind = 'sqlite' | 'mysql';

/**
 * The kinds to run: SQLite always; MySQL when TEST_MYSQL_URL is set. In CI (CI=true) a
 * missing TEST_MYSQL_URL is an error, so a MySQL suite never skips silently there.
 */
export function dbKinds(): DbKind[] {
  if (process.env.TEST_MYSQL_URL) return ['sqlite', 'mysql'];
  if (process.env.CI === 'true') throw new Error('CI=true but TEST_MYSQL_URL is not set: the MySQL suites must run in CI');
  return ['sqlite'];
}

/**
 * The MySQL URL of this jest worker's own database (`<name>_w<worker>`), created if missing,
 * so suites running in parallel never drop each other's tables.
 */
export async function workerMysqlUrl(): Promise<string> {
  const base = process.env.TEST_MYSQL_URL;
  if (!base) throw new Error('TEST_MYSQL_URL is not set');
  const u = new URL(base);
  const name = `${u.pathname.replace(/^\//, '') || 'bot_test'}_w${process.env.JEST_WORKER_ID ?? '0'}`;
  const admin = createDataSource(`mysql://${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}/mysql`);
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.destroy();
  }
  u.pathname = `/${name}`;
  return u.toString();
}

/** The DATABASE_URL for a fresh test database of `kind`. */
export async function testDatabaseUrl(kind: DbKind): Promise<string> {
  return kind === 'sqlite' ? 'sqlite::memory:' : workerMysqlUrl();
}

/** A DataSource on an empty database of `kind` with every migration run. */
export async function openTestDataSource(kind: DbKind): Promise<DataSource> {
  const ds = createDataSource(await testDatabaseUrl(kind));
  await ds.initialize();
  if (kind === 'mysql') await ds.dropDatabase();
  await ds.runMigrations();
  return ds;
}

/**
 * Declares `body` once per database kind, each inside its own describe with a fresh migrated
 * database; `db()` returns the current DataSource.
 */
export function describeEachDb(title: string, body: (db: () => DataSource, kind: DbKind) => void): void {
  for (const kind of dbKinds()) {
    describe(`${title} [${kind}]`, () => {
      let ds: DataSource | undefined;
      beforeAll(async () => {
        ds = await openTestDataSource(kind);
      });
      afterAll(async () => {
        if (ds?.isInitialized) await ds.destroy();
      });
      body(() => {
        if (!ds) throw new Error('database not open');
        return ds;
      }, kind);
    });
  }
}
