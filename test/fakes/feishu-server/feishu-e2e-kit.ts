import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createFeishuAdapter, type FeishuAdapterOptions } from '../../../bots/feishu';
import { ManualClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { createDataSource } from '../../../src/db/data-source';
import { PlatformIdentity, type Employee } from '../../../src/db/entities';
import { loadSettings, serve } from '../../../src/main';
import { startE2eBot } from '../../helpers/e2e-server';
import { send, type HttpReply } from '../../helpers/http-client';
import { dropWorkerDatabase, type DbKind } from '../../helpers/test-db';
import { FakeFeishuServer } from './fake-feishu-server';
import { FeishuPushBuilder, type FeishuUser, type Push } from './feishu-push-builder';

/** The test app's secrets: FEISHU_* of the bot and the fake's app alike. */
export const TEST_APP = {
  appId: 'cli_e2efeishu0001',
  appSecret: 'e2e-app-secret',
  encryptKey: 'e2e-encrypt-key',
  verificationToken: 'e2e-verification-token',
  botOpenId: 'ou_bot_e2e',
};

/** The whole bot over HTTP with Feishu pointing at a fake Open API. */
export interface FeishuE2e {
  fake: FakeFeishuServer;
  pushes: FeishuPushBuilder;
  ds: DataSource;
  clock: ManualClock;
  port: number;
  /** Runs an outbox round now (after a test moved the clock past a retry's time). */
  wakeOutbox(): void;
  /** POSTs a push (or a payload, encrypted and signed here) to /webhooks/feishu. */
  post(push: Push | object): Promise<HttpReply>;
  /**
   * POSTs a card callback as Feishu does for a click on `messageId`: the card is locked while
   * the callback is in flight, and the answer's card (if any) replaces it once received.
   */
  click(payload: object, messageId: string): Promise<HttpReply>;
  /** Binds an employee to a Feishu open_id (the org's PlatformIdentity row). */
  bind(employee: Employee, openId?: string): Promise<FeishuUser>;
  close(): Promise<void>;
}

const pick = (p: Push) => ({ headers: p.headers, body: p.body });

/** Options of {@link startFeishuE2e}. */
export interface FeishuE2eOptions {
  adapter?: FeishuAdapterOptions;
  /** Serve on this database instead of a fresh test one (the bot migrates it). */
  databaseUrl?: string;
  /** The application clock's start (default 2026-12-03 09:00 Shanghai). */
  now?: Date;
}

const ENV = {
  // Why off: the scheduler's catch-up would judge the test employees' past days on its own.
  JOBS: 'off',
  FEISHU_APP_ID: TEST_APP.appId,
  FEISHU_APP_SECRET: TEST_APP.appSecret,
  FEISHU_VERIFICATION_TOKEN: TEST_APP.verificationToken,
  FEISHU_ENCRYPT_KEY: TEST_APP.encryptKey,
};

/**
 * Starts the fake Open API, then the bot as `npm start` would with FEISHU_DOMAIN at the fake,
 * on a migrated `kind` database (or `databaseUrl`).
 */
export async function startFeishuE2e(kind: DbKind, opts: FeishuE2eOptions = {}): Promise<FeishuE2e> {
  const fake = await FakeFeishuServer.start(TEST_APP);
  const env = { ...ENV, FEISHU_DOMAIN: fake.url };
  const clock = new ManualClock(opts.now ?? new Date('2026-12-03T01:00:00Z'));
  const logger = createLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const adapters = () => [createFeishuAdapter({ ...TEST_APP, domain: fake.url }, logger, { cardBudgetMs: 2500, fileTimeoutMs: 1000, sendTimeoutMs: 3000, ...opts.adapter })];
  let ds: DataSource;
  let port: number;
  let stop: () => Promise<void>;
  let wakeOutbox: () => void;
  if (opts.databaseUrl) {
    const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', POLICY_FILE: path.join(__dirname, '../../../config/policy.yaml'), ...env });
    ds = createDataSource(opts.databaseUrl);
    await ds.initialize();
    await ds.runMigrations();
    const running = await serve(settings, ds, logger, { signals: false, clock, adapters: adapters() });
    port = running.port;
    wakeOutbox = () => running.bot.outbox.wake();
    stop = () => running.close();
  } else {
    const bot = await startE2eBot(kind, env, { clock, adapters });
    ds = bot.ds;
    port = bot.running.port;
    wakeOutbox = () => bot.running.bot.outbox.wake();
    stop = async () => {
      await bot.close();
      if (kind === 'mysql') await dropWorkerDatabase();
    };
  }
  const pushes = new FeishuPushBuilder(TEST_APP);
  return {
    fake, pushes, ds, clock, port, wakeOutbox,
    post: (push) => {
      const p = 'body' in push && 'headers' in push ? (push as Push) : pushes.push(push);
      return send(port, { method: 'POST', path: '/webhooks/feishu', headers: p.headers, body: p.body });
    },
    async click(payload, messageId) {
      fake.lockCard(messageId);
      try {
        const reply = await send(port, { method: 'POST', path: '/webhooks/feishu', ...pick(pushes.push(payload)) });
        fake.answerCallback(messageId, reply.status === 200 && reply.body.length ? reply.json() : undefined);
        return reply;
      } finally {
        fake.answerCallback(messageId, undefined);
      }
    },
    async bind(employee, openId = `ou_emp_${employee.id}`) {
      const at = new Date('2026-01-01T00:00:00Z');
      await ds.getRepository(PlatformIdentity).save({ platform: 'feishu', externalId: openId, employeeId: employee.id, createdAt: at, updatedAt: at });
      return { openId, name: employee.name };
    },
    async close() {
      fake.release();
      await stop();
      await fake.close();
    },
  };
}
