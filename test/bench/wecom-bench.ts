/**
 * `npm run bench:wecom`: encrypted, signed 打卡 callbacks from 1,000 employees against the whole
 * bot on the local MariaDB (its own database, bot_bench_wecom), and against a bare Koa route in
 * the same run. Prints events/s, p50/p99, peak RSS and the bot/bare ratios, then checks that
 * nothing was lost or duplicated: every accepted callback claimed once and answered once.
 * Figures are printed, never asserted. BENCH_SECONDS (5), BENCH_CONNECTIONS (16),
 * WECOM_BENCH_MYSQL_URL (mysql://root@127.0.0.1:3306/bot_bench_wecom) tune it.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { payloads, signedCallback, SAMPLE_SECRETS, startFakeWecom, wecomEnv } from '../fakes/wecom-server';
import { BENCH_DB_URL, benchCounts, dropBenchDatabase, prepareBenchDatabase } from './wecom-bench-db';
import type { TargetReport } from './wecom-bench-target';
import { morningRush } from './bench-morning';

/** The part of autocannon's programmatic API used here (it ships no types). */
type Autocannon = (o: Record<string, unknown>) => Promise<{ requests: { sent: number }; latency: { p50: number; p99: number }; '2xx': number; non2xx: number; errors: number; timeouts: number; duration: number }>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const EMPLOYEES = 1000;

/** One target's figures. */
interface Figures {
  name: string;
  eventsPerSec: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  drainMs: number;
  failures: number;
}

/** Callbacks as WeCom sends them: employee i % 1000 sends 打卡 with a fresh MsgId; 2xx answers are noted. */
class CallbackSource {
  seq = 0;
  readonly userOf = new Map<string, string>();
  readonly accepted = new Set<string>();
  private readonly stampOf = morningRush();
  constructor(private readonly userids: string[]) {}

  request() {
    return {
      method: 'POST',
      setupRequest: (req: Record<string, unknown>, ctx: { msgId?: string }) => {
        const i = this.seq++;
        const msgId = String(7_300_000_000_000_000_000n + BigInt(i));
        const agent = i % this.userids.length;
        const from = this.userids[agent];
        this.userOf.set(msgId, from);
        ctx.msgId = msgId;
        const cb = signedCallback(SAMPLE_SECRETS, payloads.text(SAMPLE_SECRETS.corpId, { from, createTime: Math.floor(this.stampOf(agent).getTime() / 1000), content: '打卡', msgId }));
        return { ...req, path: cb.path, body: cb.body, headers: { 'content-type': 'text/xml' } };
      },
      onResponse: (status: number, _body: string, ctx: { msgId?: string }) => {
        if (status === 200 && ctx.msgId) this.accepted.add(ctx.msgId);
      },
    };
  }
}

/** Forks a target, warms it up for a second, measures it for SECONDS, stops it and reads its peak RSS. */
async function measure(name: string, mode: 'bot' | 'adapter' | 'bare', env: NodeJS.ProcessEnv, source: CallbackSource): Promise<Figures> {
  const child = fork(path.join(__dirname, 'wecom-bench-target.js'), [mode], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<TargetReport>((resolve, reject) => {
    child.once('message', (m) => resolve(m as TargetReport));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  const { port } = (await next()) as { port: number };
  const url = `http://127.0.0.1:${port}/webhooks/wecom`;
  await autocannon({ url, connections: 8, duration: 1, requests: [source.request()] });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [source.request()] });
  const stopped = next();
  child.send('stop');
  const { peakRssBytes, drainMs } = (await stopped) as { peakRssBytes: number; drainMs: number };
  return { name, eventsPerSec: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, peakRssMb: peakRssBytes / 2 ** 20, drainMs, failures: r.non2xx + r.errors + r.timeouts };
}

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(9);

async function main(): Promise<void> {
  const userids = await prepareBenchDatabase(BENCH_DB_URL, EMPLOYEES);
  const fake = await startFakeWecom(userids);
  const env = { ...process.env, ...wecomEnv(fake), DATABASE_URL: BENCH_DB_URL };
  try {
    const bare = await measure('bare Koa route', 'bare', env, new CallbackSource(userids));
    const adapter = await measure('WeCom adapter', 'adapter', env, new CallbackSource(userids));
    const source = new CallbackSource(userids);
    const bot = await measure('whole bot', 'bot', env, source);
    const { claimed, outbox } = await benchCounts(BENCH_DB_URL);
    const replies = fake.calls('message/send');
    const repliesTo = new Map<string, number>();
    for (const r of replies) repliesTo.set(r.body.touser, (repliesTo.get(r.body.touser) ?? 0) + 1);
    const claimedBy = new Map<string, number>();
    for (const id of claimed) claimedBy.set(source.userOf.get(id) ?? '?', (claimedBy.get(source.userOf.get(id) ?? '?') ?? 0) + 1);
    const claimedSet = new Set(claimed);
    const lost = [...source.accepted].filter((id) => !claimedSet.has(id)).length;
    const duplicated = [...repliesTo].filter(([u, n]) => n > (claimedBy.get(u) ?? 0)).length;
    const unanswered = [...claimedBy].filter(([u, n]) => n > (repliesTo.get(u) ?? 0)).length;

    console.log(`\nWeCom webhook benchmark: ${EMPLOYEES} employees, MariaDB ${BENCH_DB_URL.replace(/\/\/[^@]*@/, '//')}, ${SECONDS} s per target after 1 s warm-up, ${CONNECTIONS} connections`);
    console.log(`${'target'.padEnd(16)}${'events/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'peak RSS MB'.padStart(13)}${'failed'.padStart(9)}`);
    for (const f of [bare, adapter, bot]) console.log(`${f.name.padEnd(16)}${fmt(f.eventsPerSec)}${fmt(f.p50, 1)}${fmt(f.p99, 1)}${fmt(f.peakRssMb, 1).padStart(13)}${fmt(f.failures)}`);
    for (const f of [adapter, bot]) console.log(`${`${f.name.split(' ')[0]} / bare`.padEnd(16)}${fmt(f.eventsPerSec / bare.eventsPerSec, 2)}${fmt(f.p50 / Math.max(bare.p50, 1), 1)}${fmt(f.p99 / Math.max(bare.p99, 1), 1)}${fmt(f.peakRssMb / bare.peakRssMb, 2).padStart(13)}`);
    console.log('(latency ratios take the bare route\'s figure as at least 1 ms: autocannon reports whole milliseconds)');
    console.log(`\nchecks: ${source.accepted.size} callbacks accepted, ${claimed.length} claimed (${claimed.length - source.accepted.size + lost} more were in flight when the client stopped), ${replies.length} replies sent`);
    console.log(`        lost ${lost}, replied twice ${duplicated}, unanswered ${unanswered}; outbox ${JSON.stringify(outbox)}; draining the outbox after the run took ${(bot.drainMs / 1000).toFixed(1)} s`);
    console.log(`targets (issue 6): ≥ 1,000 events/s ${bot.eventsPerSec >= 1000 ? 'met' : 'NOT met'}; p99 ≤ 50 ms ${bot.p99 <= 50 ? 'met' : 'NOT met'}; RSS ≤ 200 MB ${bot.peakRssMb <= 200 ? 'met' : 'NOT met'}; nothing lost or duplicated ${lost + duplicated + unanswered === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await fake.close();
    if (!process.env.BENCH_KEEP_DB) await dropBenchDatabase(BENCH_DB_URL);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
