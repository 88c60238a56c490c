/**
 * `npm run bench:feishu`: the Feishu webhook under load. Encrypted, signed clock-in events
 * from 1,000 distinct agents are fired with autocannon at three servers in turn, each in its
 * own child process: a bare Koa route (the floor), the SDK's adaptKoa with a dispatcher that
 * does nothing, and the whole bot on MariaDB answering through the fake Open API. It prints
 * events/s, p50/p99 latency and peak RSS of each and their ratios, then checks that the bot
 * claimed exactly the events it accepted and sent each exactly one reply. Figures are printed,
 * never asserted. BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/feishu_bench) names a
 * database the run drops and recreates; BENCH_EVENTS (3,000) and BENCH_CONNECTIONS (16, as
 * bench:wecom) tune the load. The events are stamped in the morning rush of the latest workday
 * (bench-morning.ts), and replies leave at Feishu's send limits as deployed (BENCH_UNTHROTTLED=1
 * lifts them). BENCH_TARGETS=full runs one target; BENCH_PROFILE=dir writes a CPU profile of
 * the load; BENCH_STATEMENTS=1 lists the full pipeline's statements by kind; BENCH_NODE_ARGS
 * passes flags to the targets' node.
 */
import 'reflect-metadata';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FakeFeishuServer } from '../fakes/feishu-server/fake-feishu-server';
import { FeishuPushBuilder, type Push } from '../fakes/feishu-server/feishu-push-builder';
import { benchOpenId, drained, freshBenchDatabase, seedAgents } from './feishu-bench-db';
import { TARGETS, type Target, type TargetEnv } from './feishu-bench-targets';
import { morningRush } from './bench-morning';

/** The part of autocannon's result read here (the package ships no types). */
interface CannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number };
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult> & { on(event: 'response', listener: () => void): void };
const autocannon = createRequire(__filename)('autocannon') as Cannon;

/** A run's result and its real length: autocannon's own `duration` ends on its 1-second sampling tick. */
interface Fired {
  result: CannonResult;
  seconds: number;
}

const AGENTS = 1000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const WARMUP = Math.ceil(EVENTS / 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const APP = { appId: 'cli_benchfeishu001', appSecret: 'bench-secret', encryptKey: 'bench-encrypt-key', verificationToken: 'bench-verification-token', botOpenId: 'ou_bench_bot' };
const LABEL: Record<Target, string> = { koa: 'bare Koa route (200)', sdk: 'SDK adaptKoa, empty dispatcher', full: 'full pipeline on MariaDB' };

const stampOf = morningRush();

/** Distinct clock-in events, agent after agent, stamped in a workday's morning rush and signed as Feishu signs them. */
function pushes(builder: FeishuPushBuilder, count: number, offset: number): Push[] {
  return Array.from({ length: count }, (_, i) => {
    const agent = (offset + i) % AGENTS;
    return builder.push(builder.text({ openId: benchOpenId(agent) }, '打卡', { at: stampOf(agent) }));
  });
}

/** Fires `bodies` (each once) at `port`; the time runs from the start to the last response. */
async function fire(port: number, bodies: Push[]): Promise<Fired> {
  let next = 0;
  const started = process.hrtime.bigint();
  let last = started;
  const run = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    amount: bodies.length,
    timeout: 10,
    requests: [{ method: 'POST', path: '/webhooks/feishu', setupRequest: (req: object) => ({ ...req, ...bodies[next++ % bodies.length] }) }],
  });
  run.on('response', () => (last = process.hrtime.bigint()));
  const result = await run;
  return { result, seconds: Number(last - started) / 1e9 };
}

function ask<T>(child: ChildProcess, type: string, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string } & T) => {
      if (m.type !== reply) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    if (type) child.send({ type });
  });
}

interface Figures {
  target: Target;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  accepted: number;
  failed: number;
  /** CPU time (user + system, all threads) of the server process per measured event. */
  cpuMsPerEvent: number;
  /** The same for the local MariaDB server, when it runs on this machine. */
  dbCpuMsPerEvent?: number;
  /** Statements the server sent to the database per measured event (the outbox's sends included). */
  statementsPerEvent?: number;
}

/** What a target reports of itself: CPU time and statements sent so far. */
interface Usage {
  ms: number;
  statements: number;
}

/** CPU time so far of the local mariadbd (Linux /proc), or undefined when it is not local. */
function databaseCpuMs(): number | undefined {
  try {
    const pid = execFileSync('pidof', ['mariadbd', 'mysqld'], { encoding: 'utf8' }).trim().split(/\s+/)[0];
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs one target: a warm-up, then the measured load; agents are taken in turn from agent 0. */
async function measure(target: Target, env: TargetEnv, builder: FeishuPushBuilder): Promise<Figures> {
  const execArgv = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork(path.join(__dirname, 'feishu-bench-targets.js'), ['--target', target], { env: { ...process.env, ...env }, stdio: 'inherit', execArgv });
  const { port } = await ask<{ port: number }>(child, '', 'ready');
  const warm = (await fire(port, pushes(builder, WARMUP, 0))).result;
  const before = { ...(await ask<Usage>(child, 'cpu', 'cpu')), db: databaseCpuMs() };
  const { result: run, seconds } = await fire(port, pushes(builder, EVENTS, WARMUP));
  const after = { ...(await ask<Usage>(child, 'cpu', 'cpu')), db: databaseCpuMs() };
  const { peak } = await ask<{ peak: number }>(child, 'peak', 'peak');
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  return {
    target, eventsPerSecond: run['2xx'] / seconds, p50: run.latency.p50, p99: run.latency.p99, peakRssMb: peak / 2 ** 20,
    cpuMsPerEvent: (after.ms - before.ms) / run['2xx'],
    statementsPerEvent: target === 'full' ? (after.statements - before.statements) / run['2xx'] : undefined,
    dbCpuMsPerEvent: after.db !== undefined && before.db !== undefined ? (after.db - before.db) / run['2xx'] : undefined,
    accepted: warm['2xx'] + run['2xx'], failed: warm.non2xx + warm.errors + warm.timeouts + run.non2xx + run.errors + run.timeouts,
  };
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : 'n/a');

async function main(): Promise<void> {
  const url = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/feishu_bench';
  const ds = await freshBenchDatabase(url);
  await seedAgents(ds, AGENTS);
  const fake = await FakeFeishuServer.start(APP);
  const builder = new FeishuPushBuilder(APP);
  const env: TargetEnv = {
    BENCH_APP_ID: APP.appId, BENCH_APP_SECRET: APP.appSecret, BENCH_ENCRYPT_KEY: APP.encryptKey,
    BENCH_VERIFICATION_TOKEN: APP.verificationToken, BENCH_FAKE_URL: fake.url, BENCH_DATABASE_URL: url,
  };
  console.log(`Feishu webhook benchmark: ${EVENTS} encrypted, signed clock-in events from ${AGENTS} agents (+${WARMUP} warm-up), ${CONNECTIONS} connections, node ${process.version}`);
  const figures: Figures[] = [];
  let full: Figures | undefined;
  const only = process.env.BENCH_TARGETS?.split(',');
  for (const target of TARGETS.filter((t) => !only || only.includes(t))) {
    const f = await measure(target, env, builder);
    figures.push(f);
    if (target === 'full') full = f;
  }
  console.log(`\n${'target'.padEnd(32)}${pad('events/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('peak RSS MB', 13)}${pad('failed', 8)}${pad('CPU ms/event', 14)}${pad('DB CPU ms/event', 17)}${pad('statements/event', 18)}`);
  for (const f of figures) {
    console.log(`${LABEL[f.target].padEnd(32)}${pad(Math.round(f.eventsPerSecond), 10)}${pad(f.p50, 9)}${pad(f.p99, 9)}${pad(f.peakRssMb.toFixed(1), 13)}${pad(f.failed, 8)}${pad(f.cpuMsPerEvent.toFixed(3), 14)}${pad(f.dbCpuMsPerEvent?.toFixed(3) ?? 'n/a', 17)}${pad(f.statementsPerEvent?.toFixed(2) ?? 'n/a', 18)}`);
  }
  const koa = figures.find((f) => f.target === 'koa');
  const sdk = figures.find((f) => f.target === 'sdk');
  if (full && koa && sdk) {
    console.log(`\nratios (full pipeline / bare Koa, / SDK adaptKoa): events/s ${ratio(full.eventsPerSecond, koa.eventsPerSecond)}, ${ratio(full.eventsPerSecond, sdk.eventsPerSecond)};` +
      ` p99 ${ratio(full.p99, koa.p99)}, ${ratio(full.p99, sdk.p99)}; peak RSS ${ratio(full.peakRssMb, koa.peakRssMb)}, ${ratio(full.peakRssMb, sdk.peakRssMb)}`);
  }
  if (full) {
    await verify(ds, fake, full);
  }
  await fake.close();
  await ds.destroy();
}

/** Claimed events = accepted requests, and every accepted event got exactly one reply. */
async function verify(ds: Awaited<ReturnType<typeof freshBenchDatabase>>, fake: FakeFeishuServer, full: Figures): Promise<void> {
  const counts = await drained(ds, 120_000);
  const perAgent = new Map<string, number>();
  for (const m of fake.state.messages) perAgent.set(m.receiveId, (perAgent.get(m.receiveId) ?? 0) + 1);
  const expected = (i: number) => Math.floor(full.accepted / AGENTS) + (i < full.accepted % AGENTS ? 1 : 0);
  const wrong = Array.from({ length: AGENTS }, (_, i) => i).filter((i) => (perAgent.get(benchOpenId(i)) ?? 0) !== expected(i));
  const ok = (b: boolean) => (b ? 'OK' : 'MISMATCH');
  console.log(`\nverification: accepted ${full.accepted}, claimed ${counts.claimed} [${ok(counts.claimed === full.accepted)}];` +
    ` replies sent ${fake.state.messages.length}, outbox sent ${counts.outboxSent}, failed ${counts.outboxFailed}, pending ${counts.outboxPending};` +
    ` agents whose reply count differs from their events: ${wrong.length} [${ok(wrong.length === 0 && fake.state.messages.length === full.accepted)}]`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
