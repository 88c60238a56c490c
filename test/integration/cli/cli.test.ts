import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli';
import { Employee, PlatformIdentity, Team } from '../../../src/db/entities';
import { loadSettings, openDatabase, processLogger, serve } from '../../../src/main';

const FIXTURES = path.join(__dirname, '../../fixtures/org');
const POLICY = path.join(__dirname, '../../../config/policy.yaml');

/** Runs the CLI in-process against `env` and returns its exit code and what it wrote. */
async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { LOG_LEVEL: 'silent', POLICY_FILE: POLICY, ...env } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('bot CLI (docs/architecture.md contracts: CLI)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bot-cli-'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'data', 'bot.sqlite')}` };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('help, --help, -h and no command print the usage (every command) on stdout and exit 0 (issue 17: --help exited 2)', async () => {
    for (const args of [[], ['help'], ['--help'], ['-h'], ['payroll', 'export', '--help'], ['job', '--help']]) {
      const r = await cli(args, env);
      expect([args, r.code, r.err]).toEqual([args, 0, '']);
      for (const command of ['start', 'serve', 'migrate', 'org import FILE', 'job run NAME', 'payroll export --month', 'demo', 'help, --help, -h']) expect(r.out).toContain(command);
      expect(r.out).toMatch(/^Usage: bot <command>/);
    }
  });

  test.each([[['frobnicate']], [['org']], [['org', 'import']], [['org', 'export', 'x']], [['migrate', '--bogus']]])('%j is a usage error: exit 2 with the usage', async (args) => {
    const r = await cli(args, env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bot: .*\n\nUsage: bot <command>/s);
    expect(r.out).toBe('');
  });

  test('a bad environment exits 1 naming every wrong variable, and touches no database', async () => {
    const r = await cli(['migrate'], { ...env, PORT: 'abc', JOBS: 'sometimes' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/- PORT: must be a whole number/);
    expect(r.err).toMatch(/- JOBS: must be on or off/);
  });

  test('migrate creates the SQLite file and its folder, then says it is up to date', async () => {
    const first = await cli(['migrate'], env);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/Applied migrations:\n {2}InitialSchema/);
    const second = await cli(['migrate'], env);
    expect(second).toMatchObject({ code: 0, out: 'The database is up to date.' });
  });

  test('org import: a good file is imported and a second import changes nothing', async () => {
    await cli(['migrate'], env);
    const first = await cli(['org', 'import', path.join(FIXTURES, 'good.yaml')], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/employees \d+ created, 0 updated/);
    const second = await cli(['org', 'import', path.join(FIXTURES, 'good.yaml')], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/teams 0 created, 0 updated; employees 0 created, 0 updated; 0 accounts bound/);
  });

  test('org import of a file with a bad row exits 1, names the line, and stores nothing', async () => {
    await cli(['migrate'], env);
    const r = await cli(['org', 'import', path.join(FIXTURES, 'one-bad-row.csv')], env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/第 \d+ 行/);
    expect(r.err).toMatch(/未导入任何数据/);
    const settings = loadSettings({ ...env, POLICY_FILE: POLICY });
    const ds = await openDatabase(settings.env);
    try {
      expect(await ds.getRepository(Employee).count()).toBe(0);
      expect(await ds.getRepository(Team).count()).toBe(0);
      expect(await ds.getRepository(PlatformIdentity).count()).toBe(0);
    } finally {
      await ds.destroy();
    }
  });

  test('org import of a missing file exits 1 with a message', async () => {
    await cli(['migrate'], env);
    const r = await cli(['org', 'import', path.join(dir, 'nope.yaml')], env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope\.yaml/);
  });

  test('serve refuses a database with pending migrations', async () => {
    const r = await cli(['serve'], env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/pending migrations: run `bot migrate`/);
  });

  test('serve on a migrated database answers /healthz and /readyz, and close() closes the database', async () => {
    const settings = loadSettings({ ...env, PORT: '0', POLICY_FILE: POLICY });
    const logger = processLogger({ ...settings.env, LOG_LEVEL: 'silent' });
    const ds = await openDatabase(settings.env);
    await ds.runMigrations();
    const handle = await serve(settings, ds, logger, { signals: false });
    try {
      const health = await fetch(`http://127.0.0.1:${handle.port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${handle.port}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      await handle.close();
    }
    expect(ds.isInitialized).toBe(false);
  });
});
