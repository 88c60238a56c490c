import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli';
import { createLogger } from '../../../src/core/logger';
import { createDataSource } from '../../../src/db/data-source';
import { Employee, PlatformIdentity, Team } from '../../../src/db/entities';
import { loadDemoIfEmpty, loadSettings } from '../../../src/main';
import { dbKinds, dropWorkerDatabase, openTestDataSource, workerMysqlUrl, type DbKind } from '../../helpers/test-db';
import { sh } from '../../helpers/service-context';

const POLICY = path.join(__dirname, '../../../config/policy.yaml');

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { LOG_LEVEL: 'silent', POLICY_FILE: POLICY, ...env }, now: () => sh('2026-12-03 10:00:00') });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const kind of dbKinds()) {
  describe(`bot demo [${kind}]`, () => {
    let dir: string;
    let url: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'bot-demo-'));
      url = kind === 'sqlite' ? `sqlite:${path.join(dir, 'bot.sqlite')}` : await workerMysqlUrl();
      if (kind === 'mysql') {
        const ds = createDataSource(url);
        await ds.initialize();
        await ds.dropDatabase();
        await ds.destroy();
      }
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      if (kind === 'mysql') await dropWorkerDatabase();
    });

    test('refuses an unmigrated database, loads into an empty one, and refuses one with employees', async () => {
      const unmigrated = await cli(['demo'], { DATABASE_URL: url });
      expect(unmigrated).toMatchObject({ code: 1, err: expect.stringMatching(/pending migrations: run `bot migrate`/) });
      expect((await cli(['migrate'], { DATABASE_URL: url })).code).toBe(0);
      const first = await cli(['demo'], { DATABASE_URL: url });
      expect(first).toMatchObject({ code: 0, err: '' });
      expect(first.out).toMatch(/Loaded the demo organisation: 6 people in 1 team, each with a web chat account; they start on 2026-12-04/);
      const second = await cli(['demo'], { DATABASE_URL: url });
      expect(second.code).toBe(1);
      expect(second.err).toMatch(/already has 6 employees: the demo organisation is loaded only into an empty database/);
      expect(second.out).toBe('');
    });
  });
}

describe('npm start loads the demo only with the web chat on and an empty database', () => {
  const logger = createLogger({ level: 'silent' });
  const settingsFor = (env: Record<string, string>) => loadSettings({ LOG_LEVEL: 'silent', POLICY_FILE: POLICY, ...env });
  const cases: Array<[string, DbKind, Record<string, string>, boolean]> = [
    ['web chat off', 'sqlite', { WEB_CHAT: 'off' }, false],
    ['a platform configured (auto: web chat off)', 'sqlite', { WECHATY_PUPPET: 'wechaty-puppet-mock' }, false],
    ['web chat on (auto, no platform)', 'sqlite', {}, true],
  ];

  test.each(cases)('%s', async (_name, kind, env, loads) => {
    const ds = await openTestDataSource(kind);
    try {
      const summary = await loadDemoIfEmpty(settingsFor(env), ds, logger, sh('2026-12-03 10:00:00'));
      expect(summary !== null).toBe(loads);
      expect(await ds.getRepository(Employee).count()).toBe(loads ? 6 : 0);
      if (!loads) return;
      expect(await ds.getRepository(PlatformIdentity).countBy({ platform: 'web' })).toBe(6);
      expect((await ds.getRepository(Team).findOneByOrFail({ name: '一组' })).chats).toMatchObject({ web: expect.stringMatching(/^team-\d+$/) });
      expect(await loadDemoIfEmpty(settingsFor(env), ds, logger)).toBeNull();
      expect(await ds.getRepository(Employee).count()).toBe(6);
    } finally {
      await ds.destroy();
    }
  });
});
