/**
 * `npm run bench:broadcast` (issue 7, Performance): the weekly ranking and the 17:00 meeting
 * reminder for N employees in N/50 teams (N = 1,000 then 10,000; BENCH_SIZES overrides),
 * each job run with runJob as the scheduler runs it and delivered by the real outbox worker
 * through the Feishu messenger (Feishu's own send limits, 50/s per app and 5/s per chat) to the
 * fake Open API. Half of the teams have a group chat (one card each), half have none (one card
 * per member: cards with buttons are never batched). For each N and job it prints the time from
 * the job's start to the last message the fake accepted, the API calls by kind, the most message
 * calls the fake saw in any 1-second window (whole app, and to one chat or user), and the growth
 * from the smallest to the largest N. Figures are printed, never asserted.
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/broadcast_bench) names a database that
 * each size drops and recreates.
 */
import 'reflect-metadata';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFeishuAdapter } from '../../bots/feishu';
import { FEISHU_SEND_LIMITS } from '../../bots/feishu/feishu-messenger';
import { ManualClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import { OutboxMessage } from '../../src/db/entities';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { createBot, jobDeps, loadSettings, serviceContext } from '../../src/main';
import { FakeFeishuServer } from '../fakes/feishu-server/fake-feishu-server';
import type { FakeCall } from '../fakes/feishu-server/fake-feishu-state';
import { freshBenchDatabase } from './feishu-bench-db';
import { seedCompany, type SeededCompany } from './broadcast-bench-db';

const APP = { appId: 'cli_benchbroadcast1', appSecret: 'bench-secret', encryptKey: 'bench-encrypt-key', verificationToken: 'bench-verification-token', botOpenId: 'ou_bench_bot' };
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
/** Friday 2026-12-04 17:00 Shanghai: the reminder's day; the ranking is the week of Monday 11-30. */
const NOW = new Date('2026-12-04T09:00:00Z');
const JOBS = [
  { name: 'weekly-ranking', slot: '2026-11-30' },
  { name: 'meeting-reminder', slot: '2026-12-04' },
] as const;
/** Calls that deliver a message (the token call has its own limit). */
const MESSAGE_ROUTES = new Set(['send', 'reply', 'batch', 'patch']);

interface JobFigures {
  job: string;
  outcome: string;
  rows: number;
  /** Job start to the job's notices in the outbox. */
  enqueueMs: number;
  /** Job start to the last message the fake accepted. */
  lastAcceptedMs: number;
  calls: Record<string, number>;
  messages: number;
  maxPerSecond: number;
  maxPerTargetPerSecond: number;
  maxPerTargetTarget: string;
  sent: number;
  failed: number;
  pending: number;
}

interface SizeFigures {
  size: number;
  company: SeededCompany;
  seedMs: number;
  jobs: JobFigures[];
}

/** The most timestamps (ms, any order) falling in one window of `span` ms. */
function maxInWindow(stamps: number[], span = 1000): number {
  const t = [...stamps].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < t.length; hi++) {
    while (t[hi] - t[lo] >= span) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Where a recorded message call went: the receive_id, the batch, or the patched message. */
function targetOf(c: FakeCall): string {
  if (c.route === 'send') return String(c.body?.receive_id);
  if (c.route === 'batch') return 'batch';
  return c.path;
}

async function runSize(size: number, url: string): Promise<SizeFigures> {
  const seedStart = performance.now();
  const ds = await freshBenchDatabase(url);
  const company = await seedCompany(ds, size);
  const seedMs = performance.now() - seedStart;
  const fake = await FakeFeishuServer.start(APP);
  // The fake records calls without a time: stamp each as it is recorded (just before it answers).
  const stamps: number[] = [];
  const calls = fake.state.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items: FakeCall[]) => {
    for (let i = 0; i < items.length; i++) stamps.push(performance.now());
    return push(...items);
  };
  const settings = loadSettings({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS: 'off', DATABASE_URL: url, POLICY_FILE: path.join(process.cwd(), 'config/policy.yaml'),
    FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_ENCRYPT_KEY: APP.encryptKey, FEISHU_VERIFICATION_TOKEN: APP.verificationToken, FEISHU_DOMAIN: fake.url,
  });
  const logger = createLogger({ level: 'silent' });
  const clock = new ManualClock(NOW);
  const ctx = serviceContext(settings, ds, logger);
  // Feishu's own limits (the default): the outbox's RateLimiter keeps to them.
  const adapter = createFeishuAdapter({ appId: APP.appId, appSecret: APP.appSecret, encryptKey: APP.encryptKey, verificationToken: APP.verificationToken, domain: fake.url }, logger);
  const bot = createBot(ctx, [adapter.messenger], clock, logger);
  const deps = jobDeps(ctx, ['feishu'], clock, logger);
  const outbox = ds.getRepository(OutboxMessage);
  const jobs: JobFigures[] = [];
  for (const { name, slot } of JOBS) {
    const firstCall = calls.length;
    const rowsBefore = await outbox.count();
    const start = performance.now();
    const result = await runJob(deps, findJob(name)!, slot, { now: clock.now() });
    const enqueueMs = performance.now() - start;
    await bot.outbox.drain();
    const mine = calls.slice(firstCall).map((c, i) => ({ c, at: stamps[firstCall + i] }));
    const accepted = mine.filter(({ c }) => MESSAGE_ROUTES.has(c.route) && c.status === 200);
    const byTarget = new Map<string, number[]>();
    for (const { c, at } of accepted) byTarget.set(targetOf(c), [...(byTarget.get(targetOf(c)) ?? []), at]);
    let maxPerTarget = 0;
    let maxTarget = '';
    for (const [target, ats] of byTarget) {
      const m = maxInWindow(ats);
      if (m > maxPerTarget) [maxPerTarget, maxTarget] = [m, target];
    }
    const callCounts: Record<string, number> = {};
    for (const { c } of mine) callCounts[c.route] = (callCounts[c.route] ?? 0) + 1;
    const rows = await outbox.find({ where: {}, select: { id: true, status: true } });
    const newRows = rows.slice(rowsBefore);
    jobs.push({
      job: name,
      outcome: result.ran ? result.outcome : result.reason,
      rows: newRows.length,
      enqueueMs,
      lastAcceptedMs: accepted.length ? Math.max(...accepted.map((a) => a.at)) - start : NaN,
      calls: callCounts,
      messages: accepted.length,
      maxPerSecond: maxInWindow(mine.filter(({ c }) => MESSAGE_ROUTES.has(c.route)).map((a) => a.at)),
      maxPerTargetPerSecond: maxPerTarget,
      maxPerTargetTarget: maxTarget,
      sent: newRows.filter((r) => r.status === 'sent').length,
      failed: newRows.filter((r) => r.status === 'failed').length,
      pending: newRows.filter((r) => r.status === 'pending').length,
    });
  }
  await bot.outbox.stop();
  await fake.close();
  await ds.destroy();
  return { size, company, seedMs, jobs };
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const sec = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const url = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/broadcast_bench';
  const limits = FEISHU_SEND_LIMITS;
  // What Feishu itself allows (docs/platforms/feishu.md §3.5): the figures are judged against these.
  const allowed = { perSecond: 50, perTargetPerSecond: 5 };
  console.log(`Broadcast benchmark: weekly ranking (week of ${JOBS[0].slot}) and meeting reminder (${JOBS[1].slot}) via runJob + the outbox worker + FeishuMessenger`);
  console.log(`to the fake Feishu Open API; teams of 50 (1 supervisor + 49 agents), half with a group chat, half without; + 1 admin; node ${process.version}`);
  console.log(`send limits the outbox keeps to: ${limits.perSecond}/s per app, ${limits.perTargetPerSecond}/s per target (Feishu allows ${allowed.perSecond}/s and ${allowed.perTargetPerSecond}/s); sizes: ${SIZES.join(', ')} employees\n`);
  const all: SizeFigures[] = [];
  for (const size of SIZES) {
    const f = await runSize(size, url);
    all.push(f);
    console.log(`N=${size}: ${f.company.teams} teams (${f.company.teamsWithChat} with a chat), seeded in ${sec(f.seedMs)} s`);
    for (const j of f.jobs) console.log(`  ${j.job}: ${j.outcome}; outbox rows ${j.rows} (sent ${j.sent}, failed ${j.failed}, pending ${j.pending})`);
  }
  console.log(`\n${'N'.padEnd(7)}${'job'.padEnd(18)}${pad('enqueue s', 10)}${pad('last msg s', 11)}${pad('msgs/s', 8)}${pad('calls (by kind)', 36)}${pad('max/1s app', 12)}${pad('max/1s target', 15)}  limits`);
  for (const f of all) {
    for (const j of f.jobs) {
      const kinds = Object.entries(j.calls).sort().map(([k, n]) => `${k} ${n}`).join(', ');
      const over = j.maxPerSecond > allowed.perSecond || j.maxPerTargetPerSecond > allowed.perTargetPerSecond;
      console.log(`${String(f.size).padEnd(7)}${j.job.padEnd(18)}${pad(sec(j.enqueueMs), 10)}${pad(sec(j.lastAcceptedMs), 11)}${pad(Math.round(j.messages / (j.lastAcceptedMs / 1000)), 8)}${pad(kinds, 36)}${pad(j.maxPerSecond, 12)}${pad(j.maxPerTargetPerSecond, 15)}  ${over ? 'EXCEEDED' : 'kept'}`);
    }
  }
  for (const f of all) {
    for (const j of f.jobs) {
      if (j.maxPerTargetPerSecond > (limits.perTargetPerSecond ?? Infinity)) console.log(`  N=${f.size} ${j.job}: busiest target ${j.maxPerTargetTarget} got ${j.maxPerTargetPerSecond} in 1 s`);
      if (j.maxPerSecond > allowed.perSecond) console.log(`  N=${f.size} ${j.job}: ${j.maxPerSecond} message calls in 1 s; at ${limits.perSecond}/s its ${j.messages} messages would take ≥ ${sec((j.messages / (limits.perSecond ?? 1)) * 1000)} s`);
    }
  }
  if (all.length > 1) {
    const [a, b] = [all[0], all[all.length - 1]];
    console.log(`\ngrowth ${a.size} → ${b.size} employees (×${(b.size / a.size).toFixed(0)}):`);
    for (let i = 0; i < JOBS.length; i++) {
      const [x, y] = [a.jobs[i], b.jobs[i]];
      console.log(`  ${x.job}: time to last message ×${(y.lastAcceptedMs / x.lastAcceptedMs).toFixed(2)} (${sec(x.lastAcceptedMs)} s → ${sec(y.lastAcceptedMs)} s), messages ×${(y.messages / x.messages).toFixed(2)} (${x.messages} → ${y.messages}), enqueue ×${(y.enqueueMs / x.enqueueMs).toFixed(2)}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
