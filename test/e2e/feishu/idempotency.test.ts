import { FeishuApiClient } from '../../../bots/feishu/feishu-api-client';
import { feishuUuid } from '../../../bots/feishu/feishu-idempotency';
import { FeishuMessenger } from '../../../bots/feishu/feishu-messenger';
import { createLogger } from '../../../src/core/logger';
import type { NeutralCard } from '../../../src/core/neutral-card';
import { DedupWindow } from '../../fakes/dedup-window';
import { FakeFeishuServer } from '../../fakes/feishu-server/fake-feishu-server';
import { TEST_APP } from '../../fakes/feishu-server/feishu-e2e-kit';

const logger = createLogger({ level: 'silent' });
const card: NeutralCard = { title: '请假审批 L7', tone: 'info', fields: [{ label: '申请人', value: '张伟' }] };

/** Feishu's own duplicate protection (docs/platforms/feishu.md §3.2): the outbox key goes out as `uuid`, and the fake keeps Feishu's rule. */
describe('Feishu sends carry the outbox key as uuid', () => {
  let fake: FakeFeishuServer;
  let api: FeishuApiClient;
  let messenger: FeishuMessenger;
  beforeEach(async () => {
    fake = await FakeFeishuServer.start(TEST_APP);
    api = new FeishuApiClient(TEST_APP.appId, TEST_APP.appSecret, fake.url, logger);
    messenger = new FeishuMessenger(api, logger, 500, {});
  });
  afterEach(() => fake.close());

  const sendBodies = () => fake.state.calls.filter((c) => c.route === 'send').map((c) => c.body);

  test('a send whose answer was lost, sent again under the same key, is delivered once', async () => {
    fake.hold('send');
    const lost = messenger.send({ kind: 'user', externalId: 'ou_zhang' }, { kind: 'text', text: '上班打卡成功：09:02' }, { idempotencyKey: 'ob7-mx9ot6ty' });
    await fake.waitFor(() => fake.heldCount === 1, 2000, 'the held send');
    await expect(lost).rejects.toMatchObject({ retryable: true });
    // Feishu got the request after all: it delivers it, but the bot never heard back.
    fake.release();
    await fake.waitFor(() => fake.state.messages.length === 1, 2000, 'the late delivery');
    const again = await messenger.send({ kind: 'user', externalId: 'ou_zhang' }, { kind: 'text', text: '上班打卡成功：09:02' }, { idempotencyKey: 'ob7-mx9ot6ty' });
    expect(fake.state.messages).toHaveLength(1);
    expect(again.messageId).toBe(fake.state.messages[0].messageId);
    expect(fake.state.uuids.dropped).toBe(1);
    expect(sendBodies().map((b) => b.uuid)).toEqual(['ob7-mx9ot6ty', 'ob7-mx9ot6ty']);
  });

  test('another row saying the same is another message; without a key no uuid is sent', async () => {
    const to = { kind: 'chat' as const, chatId: 'oc_team' };
    await messenger.send(to, { kind: 'text', text: '帮助' }, { idempotencyKey: 'ob1-a' });
    await messenger.send(to, { kind: 'text', text: '帮助' }, { idempotencyKey: 'ob2-a' });
    await messenger.send(to, { kind: 'text', text: '帮助' });
    expect(fake.textsTo('oc_team')).toEqual(['帮助', '帮助', '帮助']);
    expect(sendBodies().map((b) => b.uuid)).toEqual(['ob1-a', 'ob2-a', undefined]);
  });

  test('a card to several users: one uuid per user, so a retry of the row delivers nothing twice', async () => {
    const to = { kind: 'users' as const, externalIds: ['ou_a', 'ou_b', 'ou_c'] };
    await messenger.send(to, { kind: 'card', card }, { idempotencyKey: 'ob9-x' });
    await messenger.send(to, { kind: 'card', card }, { idempotencyKey: 'ob9-x' });
    expect(fake.state.messages.map((m) => m.receiveId)).toEqual(['ou_a', 'ou_b', 'ou_c']);
    expect(sendBodies().map((b) => b.uuid)).toEqual(['ob9-x-0', 'ob9-x-1', 'ob9-x-2', 'ob9-x-0', 'ob9-x-1', 'ob9-x-2']);
  });

  test('a message over the size limits goes in parts, one uuid each: a retry of the row delivers no part twice', async () => {
    // About 200 KB: over the 150 KB of one text message (docs/platforms/feishu.md §3.2).
    const big = Array.from({ length: 4000 }, (_, i) => `第${i + 1}名 坐席${i + 1}（一组）有效通话 ${100 + i} 个`).join('\n');
    const to = { kind: 'user' as const, externalId: 'ou_admin' };
    await messenger.send(to, { kind: 'text', text: big }, { idempotencyKey: 'ob4-y' });
    const parts = fake.state.messages.length;
    expect(parts).toBeGreaterThan(1);
    await messenger.send(to, { kind: 'text', text: big }, { idempotencyKey: 'ob4-y' });
    expect(fake.state.messages).toHaveLength(parts);
    expect(sendBodies().map((b) => b.uuid).slice(0, parts)).toEqual(Array.from({ length: parts }, (_, i) => `ob4-y-${i}`));
    expect(fake.state.uuids.dropped).toBe(parts);
  });

  test('the fake refuses a uuid over 50 characters, as Feishu does; a long key is hashed to fit', async () => {
    const raw = (uuid: string) => api.call({ method: 'POST', url: '/open-apis/im/v1/messages', params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_a', msg_type: 'text', content: '{"text":"x"}', uuid } }, 2000);
    await expect(raw('u'.repeat(51))).rejects.toMatchObject({ code: 99992402 });
    await expect(raw('u'.repeat(50))).resolves.toMatchObject({ code: 0 });
    const long = 'k'.repeat(60);
    expect(feishuUuid(long)).toHaveLength(50);
    expect(feishuUuid(long)).toBe(feishuUuid(long));
    expect(feishuUuid(long, 1)).not.toBe(feishuUuid(long, 2));
    expect(feishuUuid(undefined)).toBeUndefined();
  });
});

describe('the fakes\' dedup window', () => {
  test('a key repeated within the window gets the first answer and is counted; after it, it is new', () => {
    let now = 0;
    const window = new DedupWindow<string>(() => now);
    expect(window.repeat('k', 1000)).toBeUndefined();
    window.remember('k', 'first');
    now = 999;
    expect(window.repeat('k', 1000)).toBe('first');
    now = 1000;
    expect(window.repeat('k', 1000)).toBeUndefined();
    expect(window.dropped).toBe(1);
  });
});
