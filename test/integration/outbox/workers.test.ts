import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { systemClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { DeliveryError, type OutboundBody, type OutboundTarget } from '../../../src/core/messenger';
import { createDataSource } from '../../../src/db/data-source';
import { OutboxMessage } from '../../../src/db/entities';
import { createBot } from '../../../src/main';
import { outboxMetrics } from '../../../src/outbox/outbox-metrics';
import { OutboxWorker } from '../../../src/outbox/outbox-worker';
import { OutboxWriter } from '../../../src/outbox/outbox-writer';
import { MemoryMessenger } from '../../helpers/memory-messenger';
import { makeTeam, serviceContext } from '../../helpers/service-context';
import { describeEachDb, workerMysqlUrl } from '../../helpers/test-db';

const silent = createLogger({ level: 'silent' });

/** A platform that fails every other call with a retryable error. */
class FlakyMessenger extends MemoryMessenger {
  calls = 0;
  override async send(target: OutboundTarget, body: OutboundBody) {
    this.calls += 1;
    if (this.calls % 2 === 0) throw new DeliveryError('503 from the platform', true);
    return super.send(target, body);
  }
}

describeEachDb('outbox: two workers against a flaky platform', (db, kind) => {
  test('every message is delivered exactly once', async () => {
    const { people } = await makeTeam(db(), Array.from({ length: 20 }, (_, i) => ({ name: `员工${i}`, role: 'agent' as const })));
    await db().getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
    const writer = new OutboxWriter(db(), silent);
    const notices = Object.values(people).flatMap((p) => [1, 2].map((n) => ({ intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: p.id }, body: { kind: 'text' as const, text: `${p.name} 第${n}条` } }, dedupKey: `test:${p.id}:${n}` })));
    expect(await writer.enqueueNotices(['web'], notices, new Date())).toBe(40);
    expect(await writer.enqueueNotices(['web'], notices, new Date())).toBe(0);
    const platform = new FlakyMessenger('web');
    const dsB: DataSource = kind === 'mysql' ? await createDataSource(await workerMysqlUrl()).initialize() : db();
    const opts = { baseBackoffMs: 1, maxBackoffMs: 5, batchSize: 7 };
    const a = new OutboxWorker(db(), new Map([['web', platform]]), systemClock, silent, opts);
    const b = new OutboxWorker(dsB, new Map([['web', platform]]), systemClock, silent, opts);
    for (let round = 0; round < 200; round++) {
      await Promise.all([a.runOnce(), b.runOnce()]);
      if ((await db().getRepository(OutboxMessage).countBy({ status: 'pending' })) === 0) break;
      await new Promise((r) => setTimeout(r, 6));
    }
    const texts = platform.sent.map((m) => MemoryMessenger.text(m));
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
    expect(await db().getRepository(OutboxMessage).countBy({ status: 'sent' })).toBe(40);
    expect(platform.calls).toBeGreaterThan(40);
    await a.stop();
    await b.stop();
    if (dsB !== db()) await dsB.destroy();
  });

  test('a message given up is marked failed, counted, and the admins are alerted', async () => {
    const { people } = await makeTeam(db(), [{ name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    await db().getRepository('platform_identities').save(Object.values(people).map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
    const platform = new MemoryMessenger('web');
    const registry = new Registry();
    const bot = createBot({ ...serviceContext(db()), logger: silent }, [platform], systemClock, silent, outboxMetrics(registry, db(), () => new Date()));
    await bot.writer.enqueueNotices(['web'], [{ intent: { kind: 'send', to: { kind: 'employee', employeeId: people['张伟'].id }, body: { kind: 'text', text: '通知' } }, dedupKey: 'x:1' }], new Date());
    platform.failures.push(new DeliveryError('invalid receiver', false));
    await bot.outbox.drain();
    // The alert is written by the give-up handler; wait (bounded) until it is in the outbox.
    for (let i = 0; i < 100 && !(await db().getRepository(OutboxMessage).countBy({ dedupKey: `outbox-failed:${(await db().getRepository(OutboxMessage).findOneByOrFail({ dedupKey: 'x:1' })).id}:${people['赵敏'].id}` })); i++) {
      await new Promise((r) => setImmediate(r));
    }
    await bot.outbox.drain();
    expect(await db().getRepository(OutboxMessage).findOneByOrFail({ dedupKey: 'x:1' })).toMatchObject({ status: 'failed', lastError: 'invalid receiver' });
    expect(platform.to(`u-${people['赵敏'].no}`).map(MemoryMessenger.text)).toEqual([expect.stringContaining('消息发送失败')]);
    expect(await registry.getSingleMetricAsString('outbox_failed_total')).toMatch(/outbox_failed_total\{platform="web"\} 1/);
    await bot.outbox.stop();
  });

  test('one worker at a time sends for a platform; when it stops another takes over at once', async () => {
    const { people } = await makeTeam(db(), [{ name: '张伟', role: 'agent' }]);
    await db().getRepository('platform_identities').save({ platform: 'web', externalId: `u-${people['张伟'].no}`, employeeId: people['张伟'].id, createdAt: new Date(0), updatedAt: new Date(0) });
    const writer = new OutboxWriter(db(), silent);
    const platformA = new MemoryMessenger('web');
    const platformB = new MemoryMessenger('web');
    const a = new OutboxWorker(db(), new Map([['web', platformA]]), systemClock, silent);
    const b = new OutboxWorker(db(), new Map([['web', platformB]]), systemClock, silent);
    const send = (n: number) => writer.enqueueNotices(['web'], [{ intent: { kind: 'send', to: { kind: 'employee', employeeId: people['张伟'].id }, body: { kind: 'text', text: `第${n}条` } }, dedupKey: `lease:${n}` }], new Date());
    await send(1);
    expect(await a.runOnce()).toBe(1);
    await send(2);
    expect(await b.runOnce()).toBe(0);
    await a.stop();
    expect(await b.runOnce()).toBe(1);
    expect([platformA.sent.length, platformB.sent.length]).toEqual([1, 1]);
    await b.stop();
  });
});
