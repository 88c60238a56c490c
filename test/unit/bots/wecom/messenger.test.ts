import { WecomApiClient } from '../../../../bots/wecom/api-client';
import { decodeRef, ResponseCodeStore } from '../../../../bots/wecom/response-code-store';
import { WecomMessenger } from '../../../../bots/wecom/wecom-messenger';
import { meetingReminderCard } from '../../../../src/commands/meeting-cards';
import { createLogger } from '../../../../src/core/logger';
import type { NeutralCard } from '../../../../src/core/neutral-card';
import { FakeWecomServer, SAMPLE_APP, SAMPLE_SECRETS, startFakeWecom } from '../../../fakes/wecom-server';
import { POLICY } from '../../../helpers/service-context';

const approval: NeutralCard = {
  title: '请假审批 L7',
  tone: 'info',
  fields: [{ label: '申请人', value: '张伟（E002）' }],
  buttons: [
    { label: '同意', actionId: 'leave.approve', value: { id: '7' }, style: 'primary', command: '同意 L7' },
    { label: '驳回', actionId: 'leave.reject', value: { id: '7' }, style: 'danger', command: '驳回 L7 原因' },
  ],
};
const decided: NeutralCard = { ...approval, buttons: undefined, tone: 'success', footer: '已由王强于 12月3日 10:05 批准' };

describe('WeCom messenger against the fake server (docs/platforms/wecom.md §3.2–§3.7)', () => {
  let fake: FakeWecomServer;
  let codes: ResponseCodeStore;
  let messenger: WecomMessenger;
  const users = Array.from({ length: 2500 }, (_, i) => `agent${i}`);

  beforeEach(async () => {
    fake = await startFakeWecom(['wangqiang', 'zhangwei', ...users]);
    const logger = createLogger({ level: 'silent' });
    codes = new ResponseCodeStore();
    messenger = new WecomMessenger(new WecomApiClient({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, apiBase: fake.url }, logger), SAMPLE_APP.agentId, codes, logger);
  });
  afterEach(() => fake.close());

  test('a long text reply goes out in pieces within 2048 bytes, in order', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `第${i + 1}条：华为技术 张经理 有效`).join('\n');
    await messenger.send({ kind: 'user', externalId: 'zhangwei' }, { kind: 'text', text });
    const sent = fake.textsTo('zhangwei');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.join('\n')).toBe(text);
    expect(fake.records.some((r) => r.flags.some((f) => f.startsWith('over-')))).toBe(false);
  });

  test('a broadcast to 2,500 members is three message/send calls of at most 1,000', async () => {
    await messenger.send({ kind: 'users', externalIds: users }, { kind: 'text', text: '17:00 例会' });
    expect(fake.calls('message/send').map((r) => r.body.touser.split('|').length)).toEqual([1000, 1000, 500]);
  });

  test('a team card to the group robot is markdown with the commands instead of buttons; the 21st in a minute waits', async () => {
    fake.addRobot('robot-key-1');
    const card = meetingReminderCard(POLICY, '一组', [{ name: '张伟', reportFiled: false, validCalls: 3 }]);
    for (let i = 0; i < 20; i++) expect(await messenger.send({ kind: 'chat', chatId: 'robot-key-1' }, { kind: 'card', card })).toEqual({});
    const robot = fake.calls('webhook/send');
    expect(robot).toHaveLength(20);
    expect(robot[0].body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('「签到」') } });
    await expect(messenger.send({ kind: 'chat', chatId: 'robot-key-1' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ retryable: true });
    expect(fake.calls('webhook/send', true)).toHaveLength(20);
  });

  test('an unknown robot key is 93000 and not retried', async () => {
    await expect(messenger.send({ kind: 'chat', chatId: 'removed-robot' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ retryable: false });
  });

  test('a card with buttons is a template card; its update uses the latest response code and greys the buttons', async () => {
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wangqiang' }, { kind: 'card', card: approval });
    const ref = decodeRef(messageId!);
    expect(ref).toMatchObject({ kind: 'card', users: ['wangqiang'] });
    const taskId = (ref as { taskId: string }).taskId;
    const click = fake.issueResponseCode(taskId);
    codes.remember(taskId, click);
    await messenger.update(messageId!, decided);
    // The strict fake takes the update's own schema: a template_card without task_id (94888).
    const [update] = fake.calls('message/update_template_card');
    expect(update.body).toMatchObject({ userids: ['wangqiang'], response_code: click, template_card: { replace_text: '已处理' } });
    expect(update.body.template_card).not.toHaveProperty('task_id');
    expect(fake.cards.get(taskId)!.current.sub_title_text).toContain('已由王强于 12月3日 10:05 批准');
    expect(fake.textsTo('wangqiang')).toHaveLength(1);
  });

  test('a response code is good once, for 72 hours: the fake refuses a reuse and an old one, the messenger sends anew', async () => {
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wangqiang' }, { kind: 'card', card: approval });
    const taskId = (decodeRef(messageId!) as { taskId: string }).taskId;
    const code = fake.issueResponseCode(taskId);
    const body = { userids: ['wangqiang'], agentid: SAMPLE_APP.agentId, response_code: code, button: { replace_name: '已处理' } };
    const post = async (b: object) => {
      const token = [...fake.tokens.keys()][0];
      return (await fetch(`${fake.url}/cgi-bin/message/update_template_card?access_token=${token}`, { method: 'POST', body: JSON.stringify(b) })).json();
    };
    expect(await post(body)).toMatchObject({ errcode: 0 });
    expect(await post(body)).toMatchObject({ errcode: 40058, errmsg: 'invalid response_code' });
    const old = fake.issueResponseCode(taskId);
    fake.advanceClock(72 * 60 * 60 * 1000 + 1000);
    expect(await post({ ...body, response_code: old })).toMatchObject({ errcode: 40058, errmsg: 'invalid response_code' });
    expect(await post({ ...body, response_code: fake.issueResponseCode(taskId), task_id: taskId })).toMatchObject({ errcode: 40058, errmsg: expect.stringContaining('takes no task_id') });
    codes.remember(taskId, old);
    await messenger.update(messageId!, decided);
    expect(fake.textsTo('wangqiang').at(-1)).toMatch(/请假审批 L7（已更新）[\s\S]*已由王强于 12月3日 10:05 批准/);
  });

  test('an expired response code falls back to a new message with the decision', async () => {
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wangqiang' }, { kind: 'card', card: approval });
    fake.expireResponseCodes();
    await messenger.update(messageId!, decided);
    expect(fake.calls('message/update_template_card', true)[0].errcode).toBe(40058);
    expect(fake.textsTo('wangqiang').at(-1)).toMatch(/请假审批 L7（已更新）[\s\S]*已由王强于 12月3日 10:05 批准/);
  });

  test('an update that meets 45009 keeps its response code for the retry', async () => {
    const { messageId } = await messenger.send({ kind: 'user', externalId: 'wangqiang' }, { kind: 'card', card: approval });
    fake.failNext('message/update_template_card', 45009);
    await expect(messenger.update(messageId!, decided)).rejects.toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    await messenger.update(messageId!, decided);
    expect(fake.calls('message/update_template_card')).toHaveLength(1);
  });
});
