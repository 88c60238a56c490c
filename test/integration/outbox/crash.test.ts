import type { DataSource } from 'typeorm';
import { systemClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { DeliveryError, type OutboundBody, type OutboundTarget, type SendOptions } from '../../../src/core/messenger';
import { createDataSource } from '../../../src/db/data-source';
import { OutboxMessage } from '../../../src/db/entities';
import { idempotencyKey, OutboxWorker, type OutboxWorkerOptions } from '../../../src/outbox/outbox-worker';
import { OutboxWriter } from '../../../src/outbox/outbox-writer';
import { MemoryMessenger } from '../../helpers/memory-messenger';
import { makeTeam } from '../../helpers/service-context';
import { describeEachDb, workerMysqlUrl, type DbKind } from '../../helpers/test-db';

const silent = createLogger({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Short timings, so that a dead worker's lease and claims lapse within the test. */
const FAST: OutboxWorkerOptions = { leaseMs: 300, claimMs: 300, holdMarginMs: 200, baseBackoffMs: 1, maxBackoffMs: 5 };

/**
 * The platform's side of every send: what it accepted, with the key, including a send whose
 * answer never came back: after `hangAfter` sends, the next one is accepted and never answered (the
 * process died with that request in flight).
 */
class Platform {
  readonly accepted: Array<{ key?: string; text: string }> = [];
  hangAfter = Infinity;
  delayMs = 0;

  messenger(): MemoryMessenger {
    return new PlatformMessenger(this);
  }
}

/** A replica's view of the {@link Platform}: sends through it. */
class PlatformMessenger extends MemoryMessenger {
  constructor(private readonly shared: Platform) {
    super('web');
  }

  override async send(target: OutboundTarget, body: OutboundBody, options: SendOptions = {}) {
    const p = this.shared;
    if (p.delayMs) await sleep(p.delayMs);
    p.accepted.push({ key: options.idempotencyKey, text: body.kind === 'text' ? body.text : body.kind === 'card' ? body.card.title : body.file.name });
    if (p.accepted.length === p.hangAfter + 1) return new Promise<never>(() => undefined);
    return super.send(target, body, options);
  }
}

/** `count` notices to `count` people on the web platform, one outbox row each. */
async function enqueue(ds: DataSource, count: number, tag: string): Promise<void> {
  const { people } = await makeTeam(ds, Array.from({ length: count }, (_, i) => ({ name: `${tag}${i}`, role: 'agent' as const })));
  await ds.getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
  const notices = Object.values(people).map((p) => ({ intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: p.id }, body: { kind: 'text' as const, text: `${p.name} 通知` } }, dedupKey: `${tag}:${p.id}` }));
  expect(await new OutboxWriter(ds, silent).enqueueNotices(['web'], notices, new Date())).toBe(count);
}

/** A second connection pool on the same database (MySQL), as another replica would have. */
async function secondPool(db: DataSource, kind: DbKind): Promise<DataSource> {
  return kind === 'mysql' ? createDataSource(await workerMysqlUrl()).initialize() : db;
}

async function waitUntil(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(5);
  }
}

describeEachDb('outbox: a crash repeats at most the send in flight', (db, kind) => {
  afterEach(async () => {
    await db().getRepository(OutboxMessage).clear();
    await db().query('DELETE FROM leases');
  });

  test('a worker abandoned after 4 sends of a 10-row round: the next one sends the other 6, repeating only the 5th', async () => {
    await enqueue(db(), 10, '崩');
    const platform = new Platform();
    platform.hangAfter = 4;
    const dead = new OutboxWorker(db(), new Map([['web', platform.messenger()]]), systemClock, silent, FAST);
    void dead.runOnce();
    await waitUntil(() => platform.accepted.length === 5, 'the 5th send');
    // The process is gone: its round never ends. Another replica takes over once the lease and claims lapse.
    const dsB = await secondPool(db(), kind);
    const next = new OutboxWorker(dsB, new Map([['web', platform.messenger()]]), systemClock, silent, FAST);
    try {
      const started = Date.now();
      await waitUntil(async () => (await next.runOnce()) > 0, 'the takeover', 5000);
      await next.drain();
      expect(Date.now() - started).toBeLessThan(3000);
      const keys = platform.accepted.map((a) => a.key);
      expect(keys).toHaveLength(11);
      expect(new Set(keys).size).toBe(10);
      // The one sent twice is the one in flight, under the same key: the platform can drop it.
      expect(keys.filter((k) => k === keys[4])).toHaveLength(2);
      const rows = await db().getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
      expect(rows.map((r) => r.status)).toEqual(Array(10).fill('sent'));
      expect(rows.map((r) => idempotencyKey(r)).sort()).toEqual([...new Set(keys)].sort());
    } finally {
      await next.stop();
      if (dsB !== db()) await dsB.destroy();
    }
  });

  test('a live worker keeps its lease and claims through a round longer than both: nobody else sends its rows', async () => {
    const timings: OutboxWorkerOptions = { ...FAST, leaseMs: 1000, claimMs: 1000, holdMarginMs: 800 };
    const platform = new Platform();
    platform.delayMs = 150;
    const dsB = await secondPool(db(), kind);
    const a = new OutboxWorker(db(), new Map([['web', platform.messenger()]]), systemClock, silent, timings);
    const b = new OutboxWorker(dsB, new Map([['web', platform.messenger()]]), systemClock, silent, timings);
    try {
      // A holds the platform's lease before the rows exist; its round (8 × 150 ms) outlasts the lease and the claims.
      expect(await a.runOnce()).toBe(0);
      await enqueue(db(), 8, '慢');
      const round = a.runOnce();
      let done = false;
      void round.finally(() => (done = true));
      let tookOver = 0;
      while (!done) {
        tookOver += await b.runOnce();
        await sleep(20);
      }
      expect(await round).toBe(8);
      expect(tookOver).toBe(0);
      expect(platform.accepted).toHaveLength(8);
      expect(new Set(platform.accepted.map((x) => x.key)).size).toBe(8);
    } finally {
      await a.stop();
      await b.stop();
      if (dsB !== db()) await dsB.destroy();
    }
  });

  test('every try of a row carries the same key', async () => {
    await enqueue(db(), 2, '重');
    const platform = new Platform();
    const messenger = platform.messenger();
    messenger.failures.push(new DeliveryError('timeout: the answer was lost', true, 0));
    const worker = new OutboxWorker(db(), new Map([['web', messenger]]), systemClock, silent, FAST);
    await worker.drain();
    await worker.stop();
    const rows = await db().getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 0]]);
    // The failed try of the first row and its second try (after the second row) carry one key.
    expect(platform.accepted.map((x) => x.key)).toEqual([idempotencyKey(rows[0]), idempotencyKey(rows[1]), idempotencyKey(rows[0])]);
  });
});

describe('idempotencyKey', () => {
  test('is the row id and creation instant: unique per row, within 24 characters of [0-9a-z-]', () => {
    const at = new Date('2026-12-03T01:00:00.123Z');
    expect(idempotencyKey({ id: 1, createdAt: at })).toBe(idempotencyKey({ id: 1, createdAt: new Date(at) }));
    expect(idempotencyKey({ id: 1, createdAt: at })).not.toBe(idempotencyKey({ id: 2, createdAt: at }));
    expect(idempotencyKey({ id: 1, createdAt: at })).not.toBe(idempotencyKey({ id: 1, createdAt: new Date(at.getTime() + 1) }));
    const longest = idempotencyKey({ id: 2 ** 31 - 1, createdAt: new Date('9999-12-31T23:59:59.999Z') });
    expect(longest.length).toBeLessThanOrEqual(24);
    expect(longest).toMatch(/^[0-9a-z-]+$/);
  });
});
