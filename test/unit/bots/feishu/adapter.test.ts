import { createFeishuAdapter } from '../../../../bots/feishu';
import { renderCard } from '../../../../bots/feishu/feishu-card-renderer';
import { deliveryError } from '../../../../bots/feishu/feishu-delivery-errors';
import { FeishuApiError } from '../../../../bots/feishu/feishu-api-client';
import { feishuTimeUnit, parseFeishuTime } from '../../../../bots/feishu/feishu-time';
import { textContent } from '../../../../bots/feishu/feishu-reply-renderer';
import { createLogger } from '../../../../src/core/logger';
import { DeliveryError } from '../../../../src/core/messenger';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { leaveApprovalCard, leaveFormCard } from '../../../../src/commands/leave-cards';
import { FakeFeishuServer } from '../../../fakes/feishu-server/fake-feishu-server';
import { FAILURES } from '../../../fakes/feishu-server/fake-feishu-state';
import { TEST_APP } from '../../../fakes/feishu-server/feishu-e2e-kit';

describe('feishu time: header.create_time normalised by magnitude, one test per shape', () => {
  const instant = new Date('2026-12-03T01:05:30.123Z');
  test('seconds (X-Lark-Request-Timestamp, 10 digits)', () => {
    expect(feishuTimeUnit(1796259930)).toBe('s');
    expect(parseFeishuTime('1796259930')).toEqual(new Date('2026-12-03T01:05:30.000Z'));
  });
  test('milliseconds (message events, 13 digits)', () => {
    expect(feishuTimeUnit(instant.getTime())).toBe('ms');
    expect(parseFeishuTime(String(instant.getTime()))).toEqual(instant);
  });
  test('microseconds (card callbacks, 16 digits)', () => {
    expect(feishuTimeUnit(instant.getTime() * 1000 + 456)).toBe('us');
    expect(parseFeishuTime(`${instant.getTime()}456`)).toEqual(instant);
  });
  test('anything else is refused', () => {
    for (const bad of ['', '0', '-1', '12.5', 'abc', '123456789012345678']) expect(parseFeishuTime(bad)).toBeNull();
  });
});

describe('feishu rendering: NeutralCard → card JSON 2.0, text', () => {
  const card: NeutralCard = leaveApprovalCard(
    { id: 42, kind: 'personal', startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'pm', reason: '<at user_id="all"></at>', status: 'pending', attachmentId: null, requestedAt: new Date('2026-12-03T02:00:00Z') } as any,
    { requester: { id: 7, no: 'E007', name: '张伟' } as any, monthScore: 100, approvedDaysThisMonth: 0, timeZone: 'Asia/Shanghai', today: '2026-12-03' },
  );

  test('a shared 2.0 card: buttons carry the action id and the entity id only; a button with inputs is a form of its own', () => {
    const json: any = renderCard(card);
    expect(json).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: { title: { tag: 'plain_text', content: '请假审批 L42' }, template: 'blue' } });
    const approve = json.body.elements.find((e: any) => e.tag === 'button');
    expect(approve).toEqual({ tag: 'button', text: { tag: 'plain_text', content: '同意' }, type: 'primary', behaviors: [{ type: 'callback', value: { id: '42', action: 'leave.approve' } }] });
    const reject = json.body.elements.find((e: any) => e.tag === 'form');
    expect(reject.elements.map((e: any) => [e.tag, e.name, e.input_type, e.form_action_type])).toEqual([
      ['input', 'reason', 'multiline_text', undefined],
      ['button', 'submit_leave_reject', undefined, 'submit'],
    ]);
    expect(reject.elements[1].behaviors[0].value).toEqual({ id: '42', action: 'leave.reject' });
    expect(JSON.stringify(json)).not.toMatch(/lark_md|markdown/);
  });

  test('forms: select, date picker and inputs with unique names; a footer on a settled card', () => {
    const json: any = renderCard(leaveFormCard());
    const form = json.body.elements.find((e: any) => e.tag === 'form');
    const interactive = form.elements.filter((e: any) => e.tag !== 'div');
    expect(interactive.map((e: any) => [e.tag, e.name])).toEqual([
      ['select_static', 'kind'], ['date_picker', 'start'], ['select_static', 'startHalf'], ['date_picker', 'end'], ['select_static', 'endHalf'], ['input', 'reason'], ['button', 'submit_leave_submit'],
    ]);
    expect(interactive[0]).toMatchObject({ required: true, initial_option: '事假', options: [{ text: { tag: 'plain_text', content: '事假' }, value: '事假' }, expect.anything()] });
    const settled: any = renderCard({ title: 't', tone: 'success', fields: [], footer: '已由王强于 12月3日 10:05 批准' });
    expect(settled.header.template).toBe('green');
    expect(settled.body.elements.slice(-2)).toEqual([{ tag: 'hr' }, { tag: 'div', text: { tag: 'plain_text', content: '已由王强于 12月3日 10:05 批准', text_size: 'notation', text_color: 'grey' } }]);
  });

  test('text: user input cannot @ anyone; mentions are rendered as <at> tags', () => {
    expect(JSON.parse(textContent('原因：<at user_id="all"></at>')).text).toBe('原因：<\u200bat user_id="all"></\u200bat>');
    expect(JSON.parse(textContent('请交日报', [{ externalId: 'ou_1', name: '张伟' }])).text).toBe('<at user_id="ou_1">张伟</at> 请交日报');
  });
});

describe('feishu sending errors are classified for the outbox', () => {
  const classify = (e: FeishuApiError) => deliveryError(e, 'send');
  test.each([
    ['HTTP 429 with its reset header → retry after it', new FeishuApiError('x', 99991400, 429, 7), { retryable: true, retryAfterMs: 7000 }],
    ['230020 per-chat 5 QPS → retry in a second', new FeishuApiError('x', 230020, 400), { retryable: true, retryAfterMs: 1000 }],
    ['230013 invalid receiver → give up', new FeishuApiError('x', 230013, 400), { retryable: false }],
    ['230034 bad receive_id → give up', new FeishuApiError('x', 230034, 400), { retryable: false }],
    ['HTTP 500 → retry with backoff', new FeishuApiError('x', undefined, 500), { retryable: true, retryAfterMs: undefined }],
    ['no answer (timeout) → retry', new FeishuApiError('x', undefined, undefined, undefined, 'timeout'), { retryable: true }],
    ['10014 wrong app secret → give up', new FeishuApiError('x', 10014, 200), { retryable: false }],
  ])('%s', (_case, error, expected) => {
    const d = classify(error);
    expect(d).toBeInstanceOf(DeliveryError);
    expect(d).toMatchObject(expected);
  });
});

describe('feishu messenger against the fake Open API (real SDK Client)', () => {
  let fake: FakeFeishuServer;
  beforeAll(async () => {
    fake = await FakeFeishuServer.start(TEST_APP);
  });
  afterAll(() => fake.close());
  const messenger = () => createFeishuAdapter({ ...TEST_APP, domain: `${fake.url}/` }, createLogger({ level: 'silent' }), { sendTimeoutMs: 2000 }).messenger;

  test('a text to many users is one batch send per 200 ids; a card to many users goes one by one', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `ou_batch_${i}`);
    const m = messenger();
    const sent = await m.send({ kind: 'users', externalIds: ids }, { kind: 'text', text: '17:00 例会' });
    expect(sent.messageId).toMatch(/^bm-/);
    expect(fake.state.batches.map((b) => [b.openIds.length, b.content])).toEqual([[200, { text: '17:00 例会' }], [50, { text: '17:00 例会' }]]);
    const before = fake.state.messages.length;
    await m.send({ kind: 'users', externalIds: ids.slice(0, 3) }, { kind: 'card', card: { title: '例会', fields: [] } });
    expect(fake.state.messages.slice(before).map((x) => [x.receiveId, x.msgType])).toEqual([['ou_batch_0', 'interactive'], ['ou_batch_1', 'interactive'], ['ou_batch_2', 'interactive']]);
    await expect(m.update(sent.messageId!, { title: 'x', fields: [] })).rejects.toMatchObject({ retryable: false });
  });

  test('a card to many users retried after a partial failure reaches nobody twice', async () => {
    const m = messenger();
    const before = fake.state.messages.length;
    const card = { kind: 'card' as const, card: { title: '日报', fields: [] } };
    fake.failNext('send', FAILURES.perChatLimit());
    fake.state.failures.unshift({ route: 'send', failure: { status: 200, body: { code: 0, msg: 'success', data: { message_id: 'om_first' } } } });
    await expect(m.send({ kind: 'users', externalIds: ['ou_a', 'ou_b'] }, card)).rejects.toMatchObject({ retryable: true, retryAfterMs: 1000 });
    await m.send({ kind: 'users', externalIds: ['ou_a', 'ou_b'] }, card);
    expect(fake.state.calls.filter((c) => c.route === 'send').slice(-3).map((c) => c.body.receive_id)).toEqual(['ou_a', 'ou_b', 'ou_b']);
    expect(fake.state.messages.slice(before).map((x) => x.receiveId)).toEqual(['ou_b']);
  });
});
