import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { Employee, OutboxMessage, ProcessedEvent, Punch } from '../../../src/db/entities';
import { morningRush } from '../../bench/bench-morning';
import { benchOpenId, seedAgents } from '../../bench/feishu-bench-db';
import { FakeFeishuServer } from '../../fakes/feishu-server/fake-feishu-server';
import { TEST_APP } from '../../fakes/feishu-server/feishu-e2e-kit';
import { FeishuPushBuilder } from '../../fakes/feishu-server/feishu-push-builder';
import { startBotProcess, type BotProcess } from '../../helpers/bot-process';
import { send } from '../../helpers/http-client';
import { dbKinds, dropWorkerDatabase, workerMysqlUrl } from '../../helpers/test-db';

/** Agents, one clock-in each: one event, one punch and one reply per agent. */
const AGENTS = 120;
/** A new event every this many ms, not waiting for the answers. */
const PACE_MS = 15;
/** Replies Feishu must have accepted before the kill. */
const SENT_BEFORE_KILL = 15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * kill -9 under load, on MySQL. The bot runs as a process of its own (`bot serve` from the
 * sources) against the fake Open API; clock-ins stream in as Feishu pushes them. Once replies
 * flow, the fake holds the next send unanswered and the process is killed with it in flight;
 * the fake then delivers it anyway (Feishu had the request, the bot never heard back). A new
 * process starts on the same database, Feishu redelivers every event that got no 200, and
 * when the outbox is empty everything is counted: each event stored once, each reply
 * delivered once, and no send repeated but the one in flight (whose uuid Feishu drops).
 */
(dbKinds().includes('mysql') ? describe : describe.skip)('kill -9 with replies in flight [mysql]', () => {
  let ds: DataSource;
  let url: string;
  let fake: FakeFeishuServer;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    url = await workerMysqlUrl();
    ds = await createDataSource(url).initialize();
    await ds.dropDatabase();
    await ds.runMigrations();
    await seedAgents(ds, AGENTS);
    fake = await FakeFeishuServer.start(TEST_APP);
  });
  afterAll(async () => {
    for (const bot of bots) await bot.kill();
    await fake?.close();
    await ds?.destroy();
    await dropWorkerDatabase();
  });

  const start = async () => {
    const bot = await startBotProcess({
      DATABASE_URL: url,
      FEISHU_APP_ID: TEST_APP.appId,
      FEISHU_APP_SECRET: TEST_APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: TEST_APP.verificationToken,
      FEISHU_ENCRYPT_KEY: TEST_APP.encryptKey,
      FEISHU_DOMAIN: fake.url,
    });
    bots.push(bot);
    return bot;
  };

  test('every acknowledged event is stored once and every reply delivered once', async () => {
    const pushes = new FeishuPushBuilder(TEST_APP);
    const stamp = morningRush();
    const events = Array.from({ length: AGENTS }, (_, i) => pushes.text({ openId: benchOpenId(i) }, '打卡', { at: stamp(i) }));
    /** Feishu's side: an event is done once it got a 200; anything else it delivers again later. */
    const acked = new Set<number>();
    const post = async (port: number, i: number) => {
      const push = pushes.push(events[i]);
      const reply = await send(port, { method: 'POST', path: '/webhooks/feishu', headers: push.headers, body: push.body }).catch(() => undefined);
      if (reply?.status === 200) acked.add(i);
    };

    const first = await start();
    let killed = false;
    const stream = async (from: number, to: number) => {
      const inFlight: Array<Promise<void>> = [];
      for (let i = from; i < to && !killed; i++) {
        inFlight.push(post(first.port, i));
        await sleep(PACE_MS);
      }
      await Promise.all(inFlight);
    };
    // The first third, then the rest while replies flow: the kill comes in the middle of it.
    await stream(0, AGENTS / 3);
    await fake.waitFor(() => fake.state.messages.length >= SENT_BEFORE_KILL, 20_000, `${SENT_BEFORE_KILL} replies`);
    const rest = stream(AGENTS / 3, AGENTS);
    fake.hold('send');
    await fake.waitFor(() => fake.heldCount === 1, 5000, 'a send in flight');
    killed = true;
    await first.kill();
    fake.release();
    await rest;
    const ackedBeforeKill = acked.size;
    expect(ackedBeforeKill).toBeGreaterThanOrEqual(SENT_BEFORE_KILL);
    // The stream was cut: some events never got their 200.
    expect(ackedBeforeKill).toBeLessThan(AGENTS);

    const restarted = Date.now();
    const second = await start();
    const missing = events.map((_, i) => i).filter((i) => !acked.has(i));
    for (let i = 0; i < missing.length; i += 8) await Promise.all(missing.slice(i, i + 8).map((k) => post(second.port, k)));
    expect(acked.size).toBe(AGENTS);
    const outbox = ds.getRepository(OutboxMessage);
    await fake.waitFor(async () => (await outbox.count()) === AGENTS && (await outbox.countBy({ status: 'pending' })) === 0, 40_000, 'an empty outbox');
    // The dead replica's lease (15 s) and claims held the rest back, not longer.
    expect(Date.now() - restarted).toBeLessThan(30_000);

    expect(await ds.getRepository(ProcessedEvent).countBy({ platform: 'feishu' })).toBe(AGENTS);
    const punches = await ds.getRepository(Punch).find();
    expect(punches).toHaveLength(AGENTS);
    expect(new Set(punches.map((p) => p.employeeId)).size).toBe(AGENTS);
    expect(await ds.getRepository(Employee).countBy({ role: 'agent' })).toBe(AGENTS);
    expect(await outbox.countBy({ status: 'sent' })).toBe(AGENTS);

    const delivered = fake.state.messages.map((m) => m.receiveId);
    expect(delivered).toHaveLength(AGENTS);
    expect(new Set(delivered).size).toBe(AGENTS);
    // Every send carried a uuid; only the send in flight at the kill went out twice, and Feishu dropped it.
    const uuids = fake.state.calls.filter((c) => c.route === 'send').map((c) => c.body?.uuid as string | undefined);
    expect(uuids.every(Boolean)).toBe(true);
    expect(uuids.length - new Set(uuids).size).toBe(1);
    expect(fake.state.uuids.dropped).toBe(1);
  }, 60_000);
});
