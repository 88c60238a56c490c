import { createConnection } from 'mysql2/promise';

/**
 * Before any suite: with TEST_MYSQL_URL set, reach the server and say which one the MySQL
 * suites run against (CI's log must show they ran); in CI a missing URL or an unreachable
 * server fails the run instead of letting the suites skip.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_MYSQL_URL;
  if (!url) {
    if (process.env.CI === 'true') throw new Error('CI=true but TEST_MYSQL_URL is not set: the MySQL suites must run in CI');
    console.log('\nMySQL suites: skipped (set TEST_MYSQL_URL to run them)');
    return;
  }
  const u = new URL(url);
  const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password), connectTimeout: 5000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    console.log(`\nMySQL suites: running against ${(rows as Array<{ v: string }>)[0].v} at ${u.hostname}:${u.port || 3306}`);
  } finally {
    await conn.end();
  }
}
