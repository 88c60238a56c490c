import { WecomApiClient } from '../../../../bots/wecom/api-client';
import { ResponseCodeStore } from '../../../../bots/wecom/response-code-store';
import { RobotLimiter, WecomMessenger } from '../../../../bots/wecom/wecom-messenger';
import { EchartsRenderer } from '../../../../src/charts';
import type { ChartRenderer } from '../../../../src/core/chart';
import { createLogger } from '../../../../src/core/logger';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { FakeWecomServer, SAMPLE_APP, SAMPLE_SECRETS, startFakeWecom } from '../../../fakes/wecom-server';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ranking: NeutralCard = {
  title: '一组周排名：12月1日—12月7日',
  fields: [{ label: '1. 张伟', value: '有效电话 12' }, { label: '2. 李娜', value: '有效电话 9' }],
  chart: { title: '一组本周 A/B 客户', kind: 'bar', unit: 'A/B 客户', categories: ['张伟', '李娜'], series: [{ name: 'A/B 客户', values: [3, 1] }] },
};

describe('WeCom: a card’s chart goes after it as an image (docs/platforms/wecom.md §3.7b)', () => {
  let fake: FakeWecomServer;
  const logger = createLogger({ level: 'silent' });
  const messenger = (charts?: ChartRenderer) =>
    new WecomMessenger(new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: fake.url }, logger), SAMPLE_APP.agentId, new ResponseCodeStore(), logger, new RobotLimiter(), charts);

  beforeEach(async () => {
    fake = await startFakeWecom(['zhangwei', 'lina']);
  });
  afterEach(() => fake.close());

  test('to members: the card, then the PNG uploaded as type=image and an image message naming it', async () => {
    await messenger(new EchartsRenderer()).send({ kind: 'users', externalIds: ['zhangwei', 'lina'] }, { kind: 'card', card: ranking }, { idempotencyKey: 'k1' });
    const [upload] = fake.calls('media/upload');
    expect(upload.query.type).toBe('image');
    const media = fake.uploads.get(upload.reply.media_id)!;
    expect(media).toMatchObject({ type: 'image', mimeType: 'image/png' });
    expect(media.content.subarray(0, 8)).toEqual(PNG_MAGIC);
    const sent = fake.calls('message/send').map((r) => r.body);
    expect(sent.map((b) => b.msgtype)).toEqual(['markdown', 'image']);
    expect(sent[1]).toMatchObject({ touser: 'zhangwei|lina', image: { media_id: upload.reply.media_id } });
  });

  test('to a team’s group robot: the picture itself, base64 with its MD5', async () => {
    fake.addRobot('robot-1');
    await messenger(new EchartsRenderer()).send({ kind: 'chat', chatId: 'robot-1' }, { kind: 'card', card: ranking });
    const bodies = fake.calls('webhook/send').map((r) => r.body);
    expect(bodies.map((b) => b.msgtype)).toEqual(['markdown', 'image']);
    expect(Buffer.from(bodies[1].image.base64, 'base64').subarray(0, 8)).toEqual(PNG_MAGIC);
  });

  test('a renderer that fails leaves the card alone and the send succeeds; no renderer, no image', async () => {
    const broken: ChartRenderer = { svg: () => { throw new Error('boom'); }, png: () => { throw new Error('boom'); } };
    await expect(messenger(broken).send({ kind: 'user', externalId: 'zhangwei' }, { kind: 'card', card: ranking })).resolves.toHaveProperty('messageId');
    await messenger().send({ kind: 'user', externalId: 'lina' }, { kind: 'card', card: ranking });
    expect(fake.calls('message/send').map((r) => r.body.msgtype)).toEqual(['markdown', 'markdown']);
    expect(fake.calls('media/upload', true)).toEqual([]);
  });

  test('the fake refuses what WeCom would: an image that is no PNG or JPG, an image message naming a file upload', async () => {
    const client = new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: fake.url }, logger);
    await expect(client.uploadMedia({ name: 'x.png', mediaType: 'image/png', content: Buffer.from('not a picture at all') }, 'image')).rejects.toThrow();
    const fileId = await client.uploadMedia({ name: 'a.txt', mediaType: 'text/plain', content: Buffer.from('hello world') });
    await expect(client.post('message/send', { touser: 'zhangwei', agentid: SAMPLE_APP.agentId, msgtype: 'image', image: { media_id: fileId } })).rejects.toThrow();
  });
});
