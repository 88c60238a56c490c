import { WecomApiClient } from '../../../../bots/wecom/api-client';
import { toDeliveryError } from '../../../../bots/wecom/api-errors';
import { createLogger } from '../../../../src/core/logger';
import { DeliveryError } from '../../../../src/core/messenger';
import { captureLines } from '../../../helpers/http-client';
import { FakeWecomServer, SAMPLE_APP, SAMPLE_SECRETS, startFakeWecom } from '../../../fakes/wecom-server';

describe('WeCom API client against the fake server (docs/platforms/wecom.md §3.1, §3.6)', () => {
  let fake: FakeWecomServer;
  let log: ReturnType<typeof captureLines>;
  let client: WecomApiClient;
  const send = (touser = 'zhangwei') => client.post('message/send', { touser, agentid: SAMPLE_APP.agentId, msgtype: 'text', text: { content: '你好' } });
  const failure = async (p: Promise<unknown>): Promise<DeliveryError> => {
    try {
      await p;
    } catch (e) {
      return toDeliveryError(e, createLogger({ level: 'silent' }));
    }
    throw new Error('expected a failure');
  };

  beforeEach(async () => {
    fake = await startFakeWecom(['zhangwei']);
    log = captureLines();
    client = new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: fake.url }, createLogger({ destination: log.stream }));
  });
  afterEach(() => fake.close());

  test('concurrent callers share one gettoken; later calls use the cached token', async () => {
    await Promise.all(Array.from({ length: 20 }, () => send()));
    await send();
    expect(fake.calls('gettoken')).toHaveLength(1);
    expect(new Set(fake.calls('message/send').map((r) => r.query.access_token))).toEqual(new Set(['tok-1']));
  });

  test.each([
    ['expired (42001)', (f: FakeWecomServer) => f.expireTokens(), 42001],
    ['revoked (40014)', (f: FakeWecomServer) => f.revokeTokens(), 40014],
  ])('a token %s mid-flow is refetched once and the call retried once', async (_case, spoil, errcode) => {
    await send();
    spoil(fake);
    await Promise.all([send(), send(), send()]);
    expect(fake.calls('gettoken')).toHaveLength(2);
    expect(fake.calls('message/send', true).filter((r) => r.errcode === errcode).length).toBeGreaterThanOrEqual(1);
    expect(fake.calls('message/send')).toHaveLength(4);
  });

  test('a token refused twice in a row is not retried a third time; the outbox will retry', async () => {
    await send();
    fake.failNext('message/send', 42001, 2);
    const e = await failure(send());
    expect(e.retryable).toBe(true);
    expect(fake.calls('message/send', true)).toHaveLength(3);
  });

  test('45009 is retryable after 60 s; 45033 shortly; -1 with backoff', async () => {
    fake.failNext('message/send', 45009);
    expect(await failure(send())).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    fake.failNext('message/send', 45033);
    expect(await failure(send())).toMatchObject({ retryable: true, retryAfterMs: 3000 });
    fake.failNext('message/send', -1);
    expect(await failure(send())).toMatchObject({ retryable: true, retryAfterMs: undefined });
    await send();
  });

  test('60020 (IP not trusted) is logged with the fix and retried after a minute', async () => {
    fake.failNext('message/send', 60020);
    const e = toDeliveryError(await send().catch((x: unknown) => x), createLogger({ destination: log.stream }));
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    expect(log.lines().find((l) => l.errcode === 60020)).toMatchObject({ level: 'error', fix: expect.stringContaining('企业可信IP') });
  });

  test('an invalid user (81013) and a wrong secret (40001) are not retried; the secret is never logged', async () => {
    expect((await failure(send('nobody'))).retryable).toBe(false);
    const wrong = new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: 'not-the-secret', apiBase: fake.url }, createLogger({ destination: log.stream }));
    const e = toDeliveryError(await wrong.post('message/send', {}).catch((x: unknown) => x), createLogger({ destination: log.stream }));
    expect(e.retryable).toBe(false);
    expect(log.raw()).toContain('WECOM_SECRET is wrong');
    expect(log.raw()).not.toContain('not-the-secret');
  });

  test('media/get: the bytes with name and type; an unknown id is 40007; a hanging call times out', async () => {
    fake.addMedia('MEDIA_OK', Buffer.from([0xff, 0xd8, 0xff, 0x00]), 'note.jpg', 'image/jpeg');
    expect(await client.media('MEDIA_OK')).toEqual({ content: Buffer.from([0xff, 0xd8, 0xff, 0x00]), fileName: 'note.jpg', mimeType: 'image/jpeg' });
    expect((await failure(client.media('MEDIA_GONE'))).message).toContain('40007');
    fake.hangNext('media/get');
    const started = Date.now();
    const e = await failure(client.media('MEDIA_OK', 300));
    expect(e).toMatchObject({ retryable: true, message: expect.stringContaining('no answer within 300 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an unreachable server is a retryable transport failure', async () => {
    const gone = new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: 'http://127.0.0.1:9' }, createLogger({ level: 'silent' }));
    expect((await failure(gone.post('message/send', {}))).retryable).toBe(true);
  });
});
