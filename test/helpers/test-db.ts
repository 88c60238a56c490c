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

/** Runs one statement on the MySQL server of TEST_MYSQL_URL, outside any test database. */
async function onServer(sql: string): Promise<void> {
  const u = new URL(process.env.TEST_MYSQL_URL as string);
  const admin = createDataSource(`mysql://${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}/mysql`);
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

/**
 * This jest worker's own database: `<name>_<run>_w<worker>`, where the run is the jest
 * process, so parallel suites and two jest runs on one server never drop each other's tables.
 */
function workerDatabaseName(): string {
  const base = process.env.TEST_MYSQL_URL;
  if (!base) throw new Error('TEST_MYSQL_URL is not set');
  const name = new URL(base).pathname.replace(/^\//, '') || 'bot_test';
  return `${name}_${process.ppid}_w${process.env.JEST_WORKER_ID ?? '0'}`;
}

/** The MySQL URL of this worker's database, created if missing. */
export async function workerMysqlUrl(): Promise<string> {
  const name = workerDatabaseName();
  await onServer(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const u = new URL(process.env.TEST_MYSQL_URL as string);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops this worker's database (after a suite: nothing is left on the server). */
export async function dropWorkerDatabase(): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS \`${workerDatabaseName()}\``);
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
        if (kind === 'mysql') await dropWorkerDatabase();
      });
      body(() => {
        if (!ds) throw new Error('database not open');
        return ds;
      }, kind);
    });
  }
}

/** Deletes every row of every table (property tests that start each case from an empty database). */
export async function clearAllTables(ds: DataSource): Promise<void> {
  for (const meta of ds.entityMetadatas) await ds.createQueryBuilder().delete().from(meta.target).execute();
}

/** A trigger that refuses every row of `table` whose `column` is `id`: a forced storage failure. */
export async function refuseRows(ds: DataSource, kind: DbKind, table: string, column: string, id: number): Promise<void> {
  const name = `refuse_${table}`;
  if (kind === 'sqlite') {
    await ds.query(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN NEW.${column} = ${id} BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
  } else {
    await ds.query(
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW BEGIN IF NEW.${column} = ${id} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced failure'; END IF; END`,
    );
  }
}

/** Drops the trigger of {@link refuseRows}. */
export async function dropRefusal(ds: DataSource, table: string): Promise<void> {
  await ds.query(`DROP TRIGGER refuse_${table}`);
}
