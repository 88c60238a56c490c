import { Registry } from 'prom-client';
import { IsNull, Not } from 'typeorm';
import { systemClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { DeliveryError, type OutboundBody, type OutboundTarget, type SendResult } from '../../../src/core/messenger';
import type { NeutralCard } from '../../../src/core/neutral-card';
import { OutboxMessage } from '../../../src/db/entities';
import { createBot } from '../../../src/main';
import { outboxMetrics } from '../../../src/outbox/outbox-metrics';
import { OutboxWorker } from '../../../src/outbox/outbox-worker';
import { MemoryMessenger } from '../../helpers/memory-messenger';
import { makeTeam, serviceContext } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

const silent = createLogger({ level: 'silent' });
const card = (title: string): NeutralCard => ({ title, fields: [{ label: '状态', value: title }] });

/** A platform that, like Feishu's card to several users, makes one message per recipient. */
class PerRecipientMessenger extends MemoryMessenger {
  /** Message ids whose update fails, and how. */
  readonly broken = new Map<string, DeliveryError>();

  override async send(target: OutboundTarget, body: OutboundBody): Promise<SendResult> {
    if (target.kind !== 'users') return super.send(target, body);
    const ids: string[] = [];
    for (const externalId of target.externalIds) ids.push((await super.send({ kind: 'user', externalId }, body)).messageId!);
    return { messageId: ids[0], messageIds: ids };
  }

  override async update(messageId: string, c: NeutralCard): Promise<void> {
    const failure = this.broken.get(messageId);
    if (failure) throw failure;
    return super.update(messageId, c);
  }
}

describeEachDb('outbox: every copy of a card', (db) => {
  const insertSend = async (target: OutboundTarget, key: string) =>
    db().getRepository(OutboxMessage).save({
      platform: 'web', payload: { kind: 'send', target, body: { kind: 'card', card: card('待审批') } }, dedupKey: null, status: 'pending', attempts: 0,
      nextAttemptAt: new Date(0), lastError: null, claimedBy: null, claimedUntil: null, createdAt: new Date(0), sentAt: null, cardKey: key, messageId: null, messageIds: null,
    });
  const insertUpdate = async (key: string, answeredMessageId?: string, title = '已批准', due = new Date(0)) =>
    db().getRepository(OutboxMessage).save({
      platform: 'web', payload: { kind: 'update', cardKey: key, card: card(title), ...(answeredMessageId ? { answeredMessageId } : {}) }, dedupKey: null, status: 'pending', attempts: 0,
      nextAttemptAt: due, lastError: null, claimedBy: null, claimedUntil: null, createdAt: new Date(0), sentAt: null, cardKey: key, messageId: null, messageIds: null,
    });

  test('a card sent to several recipients keeps every message id, and its update reaches each copy but the one a click answered', async () => {
    const platform = new PerRecipientMessenger('web');
    const worker = new OutboxWorker(db(), new Map([['web', platform]]), systemClock, silent);
    const sent = await insertSend({ kind: 'users', externalIds: ['a', 'b', 'c'] }, 'leave:1');
    await worker.drain();
    const row = await db().getRepository(OutboxMessage).findOneByOrFail({ id: sent.id });
    expect(row.messageIds).toEqual(['web-msg-1', 'web-msg-2', 'web-msg-3']);
    expect(row.messageId).toBe('web-msg-1');
    await insertUpdate('leave:1', 'web-msg-2');
    await worker.drain();
    expect(platform.sent.map((m) => [m.messageId, m.updates, m.card?.title])).toEqual([
      ['web-msg-1', 1, '已批准'],
      ['web-msg-2', 0, '待审批'],
      ['web-msg-3', 1, '已批准'],
    ]);
    await worker.stop();
  });

  test('a copy that can never be updated does not keep the others from being updated; the row fails and says why', async () => {
    const platform = new PerRecipientMessenger('web');
    const worker = new OutboxWorker(db(), new Map([['web', platform]]), systemClock, silent);
    await insertSend({ kind: 'user', externalId: 'a' }, 'leave:2');
    await insertSend({ kind: 'user', externalId: 'b' }, 'leave:2');
    await worker.drain();
    platform.broken.set('web-msg-1', new DeliveryError('the message is older than 14 days', false));
    const update = await insertUpdate('leave:2');
    await worker.drain();
    expect(platform.sent.map((m) => m.updates)).toEqual([0, 1]);
    expect(await db().getRepository(OutboxMessage).findOneByOrFail({ id: update.id })).toMatchObject({ status: 'failed', lastError: 'the message is older than 14 days' });
    await worker.stop();
  });

  test('an update waiting for a click’s answer does not overwrite a newer one already shown', async () => {
    const platform = new PerRecipientMessenger('web');
    const worker = new OutboxWorker(db(), new Map([['web', platform]]), systemClock, silent);
    await insertSend({ kind: 'user', externalId: 'a' }, 'leave:3');
    await worker.drain();
    const waiting = await insertUpdate('leave:3', 'web-msg-0', '已批准', new Date(Date.now() + 60_000));
    await insertUpdate('leave:3', undefined, '已批准，病假条已附');
    await worker.drain();
    await db().getRepository(OutboxMessage).update({ id: waiting.id }, { nextAttemptAt: new Date(0) });
    await worker.drain();
    expect(platform.sent.map((m) => [m.updates, m.card?.title])).toEqual([[1, '已批准，病假条已附']]);
    expect(await db().getRepository(OutboxMessage).findOneByOrFail({ id: waiting.id })).toMatchObject({ status: 'sent' });
    await worker.stop();
  });

  test('an alert that cannot be delivered is logged, not alerted again (no loop while a platform is down)', async () => {
    const { people } = await makeTeam(db(), [{ name: '赵敏', role: 'admin' }]);
    await db().getRepository('platform_identities').save({ platform: 'web', externalId: `u-${people['赵敏'].no}`, employeeId: people['赵敏'].id, createdAt: new Date(0), updatedAt: new Date(0) });
    const platform = new MemoryMessenger('web');
    const bot = createBot({ ...serviceContext(db()), logger: silent }, [platform], systemClock, silent, outboxMetrics(new Registry(), db(), () => new Date()));
    for (let i = 0; i < 5; i++) platform.failures.push(new DeliveryError('the platform refuses everything', false));
    await bot.writer.enqueueNotices(['web'], [{ intent: { kind: 'send', to: { kind: 'employee', employeeId: people['赵敏'].id }, body: { kind: 'card', card: card('全公司周排名') } }, dedupKey: 'weekly-ranking:2026-11-30:admin:1' }], new Date());
    for (let i = 0; i < 20; i++) {
      await bot.outbox.drain();
      await new Promise((r) => setTimeout(r, 5));
    }
    const rows = await db().getRepository(OutboxMessage).find({ where: { dedupKey: Not(IsNull()) }, order: { id: 'ASC' } });
    // The ranking failed, its alert failed, and nothing more was written.
    expect(rows.map((r) => [r.dedupKey, r.status])).toEqual([
      ['weekly-ranking:2026-11-30:admin:1', 'failed'],
      [`outbox-failed:${rows[0].id}:${people['赵敏'].id}`, 'failed'],
    ]);
    await bot.outbox.stop();
  });
});
