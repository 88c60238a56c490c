import path from 'node:path';
import type { DataSource } from 'typeorm';
import { ManualClock, type Clock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';
import { loadSettings, platformAdapters, serve, type Running } from '../../src/main';
import { openTestDataSource, type DbKind } from './test-db';

/** A bot served over real HTTP on 127.0.0.1 and a fresh test database. */
export interface E2eBot {
  running: Running;
  /** http://127.0.0.1:<port> */
  url: string;
  ds: DataSource;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * Starts the whole bot (webhooks, dispatcher, outbox) as `npm start` would, with `env` (the
 * platform variables pointing at fake servers), on a migrated `kind` database, listening on a
 * free port. The adapters are the ones `env` configures unless given.
 */
export async function startE2eBot(
  kind: DbKind,
  env: Record<string, string>,
  opts: { clock?: Clock; adapters?: (settings: ReturnType<typeof loadSettings>) => PlatformAdapter[] } = {},
): Promise<E2eBot> {
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS: 'off', POLICY_FILE: path.join(__dirname, '../../config/policy.yaml'), ...env });
  const logger = createLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const ds = await openTestDataSource(kind);
  const clock = opts.clock ?? new ManualClock(new Date('2026-12-03T01:00:00Z'));
  const adapters = opts.adapters ? opts.adapters(settings) : platformAdapters(settings.env, logger);
  const running = await serve(settings, ds, logger, { signals: false, clock, adapters });
  return { running, url: `http://127.0.0.1:${running.port}`, ds, clock, close: () => running.close() };
}
