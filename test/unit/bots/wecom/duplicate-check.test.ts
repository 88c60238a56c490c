import { WecomApiClient } from '../../../../bots/wecom/api-client';
import { DUPLICATE_CHECK_SECONDS, DuplicateCheck, MAX_DUPLICATE_CHECK_SECONDS } from '../../../../bots/wecom/duplicate-check';
import { decodeRef, ResponseCodeStore } from '../../../../bots/wecom/response-code-store';
import { WecomMessenger } from '../../../../bots/wecom/wecom-messenger';
import { createLogger } from '../../../../src/core/logger';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { FakeWecomServer, SAMPLE_APP, SAMPLE_SECRETS, startFakeWecom } from '../../../fakes/wecom-server';

const approval: NeutralCard = {
  title: '请假审批 L7',
  tone: 'info',
  fields: [{ label: '申请人', value: '张伟（E002）' }],
  buttons: [
    { label: '同意', actionId: 'leave.approve', value: { id: '7' }, style: 'primary', command: '同意 L7' },
    { label: '驳回', actionId: 'leave.reject', value: { id: '7' }, style: 'danger', command: '驳回 L7 原因' },
  ],
};

describe('DuplicateCheck: which message/send calls ask for WeCom\'s duplicate check (docs/platforms/wecom.md §3.2)', () => {
  const body = { touser: 'zhangwei', agentid: 1, msgtype: 'text', text: { content: '帮助' } };
  const on = { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS };

  test('every try of one row asks; another row with the same JSON within the interval does not; after it, it asks again', () => {
    let now = 0;
    const check = new DuplicateCheck(DUPLICATE_CHECK_SECONDS, 100, () => now);
    expect(check.fields(undefined, body)).toEqual({});
    expect(check.fields('ob1-a', body)).toEqual(on);
    now = 60_000;
    expect(check.fields('ob1-a', body)).toEqual(on);
    expect(check.fields('ob2-a', body)).toEqual({ enable_duplicate_check: 0 });
    expect(check.fields('ob2-a', { ...body, touser: 'lina' })).toEqual(on);
    now = DUPLICATE_CHECK_SECONDS * 1000;
    expect(check.fields('ob3-a', body)).toEqual(on);
  });

  test('remembers at most its capacity, the oldest forgotten first; the interval is within WeCom\'s 1..14400 s', () => {
    const check = new DuplicateCheck(DUPLICATE_CHECK_SECONDS, 2, () => 0);
    const text = (n: number) => ({ ...body, text: { content: `第${n}条` } });
    check.fields('ob1-a', text(1));
    check.fields('ob2-a', text(2));
    check.fields('ob3-a', text(3));
    expect(check.fields('ob9-a', text(1))).toEqual(on);
    expect(check.fields('ob9-a', text(3))).toEqual({ enable_duplicate_check: 0 });
    expect(() => new DuplicateCheck(MAX_DUPLICATE_CHECK_SECONDS + 1)).toThrow();
    expect(() => new DuplicateCheck(0)).toThrow();
  });
});

describe('WeCom messenger: a row sent again is not delivered twice (against the fake)', () => {
  let fake: FakeWecomServer;
  let messenger: WecomMessenger;
  let client: WecomApiClient;
  beforeEach(async () => {
    fake = await startFakeWecom(['zhangwei', 'wangqiang']);
    client = new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: fake.url }, createLogger({ level: 'silent' }));
    messenger = new WecomMessenger(client, SAMPLE_APP.agentId, new ResponseCodeStore(), createLogger({ level: 'silent' }));
  });
  afterEach(() => fake.close());

  test('a text sent twice under one key reaches the user once; the second call asked for the check and was dropped', async () => {
    const to = { kind: 'user' as const, externalId: 'zhangwei' };
    await messenger.send(to, { kind: 'text', text: '上班打卡成功：09:02' }, { idempotencyKey: 'ob5-a' });
    await messenger.send(to, { kind: 'text', text: '上班打卡成功：09:02' }, { idempotencyKey: 'ob5-a' });
    expect(fake.textsTo('zhangwei')).toEqual(['上班打卡成功：09:02']);
    const calls = fake.calls('message/send');
    expect(calls.map((r) => [r.body.enable_duplicate_check, r.body.duplicate_check_interval])).toEqual([[1, 600], [1, 600]]);
    expect(calls[1].flags).toContain('duplicate');
    expect(fake.sentJson.dropped).toBe(1);
  });

  test('another row with the same words is delivered: 帮助 typed twice is answered twice', async () => {
    const to = { kind: 'user' as const, externalId: 'zhangwei' };
    await messenger.send(to, { kind: 'text', text: '帮助' }, { idempotencyKey: 'ob1-a' });
    await messenger.send(to, { kind: 'text', text: '帮助' }, { idempotencyKey: 'ob2-a' });
    expect(fake.textsTo('zhangwei')).toEqual(['帮助', '帮助']);
  });

  test('a button card sent twice under one key: the task_id comes from the key, one card is delivered', async () => {
    const to = { kind: 'user' as const, externalId: 'wangqiang' };
    const first = await messenger.send(to, { kind: 'card', card: approval }, { idempotencyKey: 'ob8-b' });
    const again = await messenger.send(to, { kind: 'card', card: approval }, { idempotencyKey: 'ob8-b' });
    expect(fake.cardsTo('wangqiang').map((c) => c.taskId)).toEqual(['bot_ob8-b']);
    expect(decodeRef(first.messageId as string)).toMatchObject({ kind: 'card', taskId: 'bot_ob8-b' });
    expect(again.messageId).toBe(first.messageId);
    expect(fake.messagesTo('wangqiang')).toHaveLength(1);
  });

  test('the fake keeps WeCom\'s rules: the interval is at most 14400 s; without one (1800 s) a repeat is dropped', async () => {
    const body = { touser: 'zhangwei', agentid: SAMPLE_APP.agentId, msgtype: 'text', text: { content: 'x' }, enable_duplicate_check: 1 };
    await expect(client.post('message/send', { ...body, duplicate_check_interval: 14_401 })).rejects.toMatchObject({ errcode: 40058 });
    await client.post('message/send', body);
    await client.post('message/send', body);
    expect(fake.textsTo('zhangwei')).toEqual(['x']);
  });
});
