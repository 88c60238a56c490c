/**
 * The three servers the benchmark loads, each run in a child process of its own so that its
 * RSS is its own: a bare Koa route answering 200, the SDK's adaptKoa with an EventDispatcher
 * that does nothing, and the whole bot (signature, decryption, dispatcher, MariaDB, outbox).
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Router } from '@koa/router';
import Koa from 'koa';

/**
 * Statements the target sent to the database so far: every query and execute of a mysql2
 * connection, counted on the connection class before the bot creates any (transaction
 * control, savepoints and the outbox worker's statements included).
 */
let statements = 0;
const sqlKinds = new Map<string, number>();

function countStatements(): void {
  const base = Object.getPrototypeOf(createRequire(__filename)('mysql2').Connection.prototype) as Record<'query' | 'execute', (...args: unknown[]) => unknown>;
  const logKinds = Boolean(process.env.BENCH_STATEMENTS);
  for (const method of ['query', 'execute'] as const) {
    const original = base[method];
    base[method] = function counted(this: unknown, ...args: unknown[]) {
      statements++;
      if (logKinds) {
        const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { sql?: string }).sql);
        const kind = sql.replace(/\s+/g, ' ').slice(0, 90);
        sqlKinds.set(kind, (sqlKinds.get(kind) ?? 0) + 1);
      }
      return original.apply(this, args);
    };
  }
}

/** The targets, in the order they are run. */
export const TARGETS = ['koa', 'sdk', 'full'] as const;
/** One of {@link TARGETS}. */
export type Target = (typeof TARGETS)[number];

/** What the child needs to know, passed in its environment. */
export interface TargetEnv {
  BENCH_APP_ID: string;
  BENCH_APP_SECRET: string;
  BENCH_ENCRYPT_KEY: string;
  BENCH_VERIFICATION_TOKEN: string;
  BENCH_FAKE_URL: string;
  BENCH_DATABASE_URL: string;
}

/** A started target: its port and how to stop it. */
interface Started {
  port: number;
  stop(): Promise<void>;
}

async function listen(app: Pick<Koa, 'callback'>): Promise<Started> {
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The floor: Koa and a router answering `{}` without reading the body. */
async function bareKoa(): Promise<Started> {
  const router = new Router();
  router.post('/webhooks/feishu', (ctx) => {
    ctx.body = {};
  });
  return listen(new Koa().use(router.routes() as Koa.Middleware));
}

/** The SDK's own HTTP path: adaptKoa verifies (re-serialised JSON), decrypts and dispatches to a no-op handler. */
async function sdkAdaptKoa(env: TargetEnv): Promise<Started> {
  const lark = await import('@larksuiteoapi/node-sdk');
  const dispatcher = new lark.EventDispatcher({ encryptKey: env.BENCH_ENCRYPT_KEY, verificationToken: env.BENCH_VERIFICATION_TOKEN, loggerLevel: lark.LoggerLevel.error })
    .register({ 'im.message.receive_v1': async () => ({}) });
  return listen(new Koa().use(lark.adaptKoa('/webhooks/feishu', dispatcher, { autoChallenge: true })));
}

/**
 * The bot as deployed, on MariaDB, answering through the fake Open API. The send limits are
 * lifted: the fake has none, and replies are sent after the webhook answers anyway.
 */
async function fullPipeline(env: TargetEnv): Promise<Started> {
  countStatements();
  // Loaded here, not at the top: the two baselines' RSS must not include the whole bot.
  const { loadSettings, serve } = await import('../../src/main');
  const { createFeishuAdapter } = await import('../../bots/feishu');
  const { createLogger } = await import('../../src/core/logger');
  const { createDataSource } = await import('../../src/db/data-source');
  const settings = loadSettings({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS: 'off', DATABASE_URL: env.BENCH_DATABASE_URL,
    POLICY_FILE: path.join(process.cwd(), 'config/policy.yaml'),
    FEISHU_APP_ID: env.BENCH_APP_ID, FEISHU_APP_SECRET: env.BENCH_APP_SECRET,
    FEISHU_ENCRYPT_KEY: env.BENCH_ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: env.BENCH_VERIFICATION_TOKEN, FEISHU_DOMAIN: env.BENCH_FAKE_URL,
  });
  const logger = createLogger({ level: 'silent' });
  const ds = createDataSource(env.BENCH_DATABASE_URL);
  await ds.initialize();
  const config = { appId: env.BENCH_APP_ID, appSecret: env.BENCH_APP_SECRET, encryptKey: env.BENCH_ENCRYPT_KEY, verificationToken: env.BENCH_VERIFICATION_TOKEN, domain: env.BENCH_FAKE_URL };
  const adapters = [createFeishuAdapter(config, logger, process.env.BENCH_UNTHROTTLED ? { sendLimits: {} } : {})];
  const running = await serve(settings, ds, logger, { signals: false, adapters });
  return { port: running.port, stop: () => running.close() };
}

/** BENCH_PROFILE=dir: a CPU profile of the load alone (start-up and drain left out); returns the stop. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
  };
}

/**
 * The child's main: starts `target`, samples its RSS every 20 ms, tells the parent its port,
 * answers 'peak' with the highest RSS seen and stops on 'stop'.
 */
export async function runTarget(target: Target): Promise<void> {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  sample();
  setInterval(sample, 20).unref();
  const env = process.env as unknown as TargetEnv;
  const started = target === 'koa' ? await bareKoa() : target === 'sdk' ? await sdkAdaptKoa(env) : await fullPipeline(env);
  const send = (message: object) => process.send?.(message);
  const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
  process.on('message', (m: { type: string }) => {
    if (m.type === 'peak') void profile?.(path.join(process.env.BENCH_PROFILE as string, `${target}.cpuprofile`));
    if (m.type === 'peak') send({ type: 'peak', peak });
    if (m.type === 'cpu') send({ type: 'cpu', ms: (process.cpuUsage().user + process.cpuUsage().system) / 1000, statements });
    if (m.type === 'cpu' && sqlKinds.size) {
      // BENCH_STATEMENTS=1: the statements sent so far by kind (the first 90 characters), most frequent first.
      for (const [kind, n] of [...sqlKinds].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(7)}  ${kind}`);
      sqlKinds.clear();
    }
    if (m.type === 'stop') void started.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', port: started.port });
}

if (require.main === module) {
  const i = process.argv.indexOf('--target');
  void runTarget(process.argv[i + 1] as Target);
}
