import { dbKinds } from '../../helpers/test-db';
import { plain, startWebChat, type WebChatRig } from './web-chat-kit';

const isMessage = (pattern: RegExp, chat?: 'direct' | 'group') => (e: any) =>
  (e.type === 'message' || e.type === 'update') && (!chat || e.item.chat === chat) && pattern.test(plain(e));

for (const kind of dbKinds()) {
  describe(`web chat over HTTP: the demo organisation through the real dispatcher, outbox and jobs [${kind}]`, () => {
    let rig: WebChatRig;
    beforeAll(async () => {
      rig = await startWebChat(kind);
    });
    afterAll(() => rig.close());

    test('the page and its script are served; the people are the demo organisation, agents first', async () => {
      const page = await fetch(`${rig.url}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<script src="\/web-chat.js"/);
      const script = await fetch(`${rig.url}/web-chat.js`);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(await script.text()).toMatch(/\/api\/web\/events/);
      const { status, json } = await rig.api('/api/web/people');
      expect(status).toBe(200);
      expect(json.people.map((p: any) => `${p.account} ${p.name} ${p.role}`)).toEqual([
        'E002 张伟 agent', 'E003 李娜 agent', 'E004 刘洋 agent', 'E001 王强 supervisor', 'E005 陈静 salesperson', 'E900 赵敏 admin',
      ]);
      expect(json.people[0]).toMatchObject({ team: '一组', groupChatId: expect.stringMatching(/^team-\d+$/) });
      expect(json.people[5].groupChatId).toBeUndefined();
      expect(json.clock.label).toBe('2026-12-03 周四 08:00（工作日）');
    });

    test('an agent moves to the next workday 09:10, clocks in and is told the lateness, live', async () => {
      const agent = await rig.listen('E002');
      const moved = await rig.api('/api/web/clock', { action: 'next-workday' });
      expect(moved.json.clock.label).toBe('2026-12-04 周五 09:10（工作日）');
      // The clock log is Chinese, one line per job that did something: Thursday's close, and
      // Friday 09:00's welcome of the six demo staff, who start that day. The half-hourly approval
      // reminders with nothing pending, and the 17:00 reminder and 18:10 nudge with nobody
      // employed yet, are left out.
      expect(moved.json.ran).toEqual(['日结：2026-12-03 判定 0 人，0 起考勤问题，新增 0 条积分记录，冲销 0 条', '新人欢迎：2026-12-04 向 6 位新同事发送欢迎和帮助']);
      const said = await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '打卡' });
      expect(said.json).toEqual({ status: 'handled' });
      await agent.waitFor((e) => e.type === 'message' && e.item.from.kind === 'person' && /打卡/.test(plain(e)));
      const reply = await agent.waitFor(isMessage(/迟到/, 'direct'));
      expect(plain(reply)).toMatch(/09:10/);
      expect(reply.item.from).toEqual({ kind: 'bot' });
      const history = await rig.api('/api/web/history?as=E002');
      expect(history.json.map((i: any) => i.id)).toEqual(expect.arrayContaining([reply.item.id]));
    });

    test('leave: the supervisor clicks 同意 on the card; the card is updated and the agent is told', async () => {
      const agent = await rig.listen('E002');
      const boss = await rig.listen('E001');
      await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '请假 事假 12月7日 全天 家里有事' });
      const card = await boss.waitFor(isMessage(/请假审批 L\d+/, 'direct'));
      expect(card.item.html).toMatch(/data-button="0"[^>]*>同意</);
      const clicked = await rig.api('/api/web/actions', { as: 'E001', messageId: card.item.id, button: 0, form: {} });
      expect(clicked.json).toMatchObject({ status: 'handled', toast: { kind: 'success', text: expect.stringMatching(/已批准 L\d+/) } });
      const updated = await boss.waitFor((e) => e.type === 'update' && e.item.id === card.item.id);
      expect(plain(updated)).toMatch(/已由王强于 .* 批准/);
      expect(updated.item.html).not.toMatch(/data-button/);
      await agent.waitFor(isMessage(/已批准/, 'direct'));
      const again = await rig.api('/api/web/actions', { as: 'E001', messageId: card.item.id, button: 0, form: {} });
      expect(again.json.status).toBe('gone');
    });

    test('a form card: 请假 alone opens the form, and submitting it is a card action', async () => {
      const agent = await rig.listen('E003');
      await rig.api('/api/web/messages', { as: 'E003', chat: 'direct', text: '请假' });
      const form = await agent.waitFor(isMessage(/请假申请/, 'direct'));
      expect(form.item.html).toMatch(/<form class="card-form"[\s\S]*type="date" name="start"/);
      const submitted = await rig.api('/api/web/actions', { as: 'E003', messageId: form.item.id, button: 'submit', form: { kind: '事假', start: '2026-12-08', startHalf: '全天', reason: '搬家' } });
      expect(submitted.json.status).toBe('handled');
      await agent.waitFor(isMessage(/L\d+/, 'direct'));
    });

    test('17:00: the clock runs the real reminder into the team group; 签到 on it is a click from the group', async () => {
      const agent = await rig.listen('E004');
      const moved = await rig.api('/api/web/clock', { action: 'meeting' });
      expect(moved.json.clock.label).toBe('2026-12-04 周五 17:00（工作日）');
      expect(moved.json.ran).toContain('例会提醒：2026-12-04 发出 1 条例会提醒');
      expect(moved.json.ran.join('\n')).not.toMatch(/[a-z]{3,}/);
      const reminder = await agent.waitFor(isMessage(/例会提醒/, 'group'));
      const clicked = await rig.api('/api/web/actions', { as: 'E004', messageId: reminder.item.id, button: 0, form: {} });
      expect(clicked.json).toMatchObject({ status: 'handled', toast: { text: expect.stringMatching(/签到/) } });
      await agent.waitFor(isMessage(/例会签到成功/, 'group'));
      const ranking = await rig.api('/api/web/history?as=E004');
      expect(ranking.json.some((i: any) => i.chat === 'group' && /排名/.test(i.html))).toBe(true);
    });

    test('close today judges the day; close month closes it and sends the pay slips', async () => {
      const agent = await rig.listen('E002');
      const day = await rig.api('/api/web/clock', { action: 'close-day' });
      expect(day.json.clock.label).toBe('2026-12-04 周五 23:55（工作日）');
      expect(day.json.ran.join('\n')).toMatch(/日结：2026-12-04 判定 [1-9]\d* 人/);
      // Issue 16: the day digest follows the close.
      expect(day.json.ran.join('\n')).toMatch(/考勤通知：2026-12-04 /);
      const month = await rig.api('/api/web/clock', { action: 'close-month' });
      expect(month.json.clock.label).toMatch(/^2027-01-01 .* 02:00/);
      expect(month.json.ran.join('\n')).toMatch(/月结：2026年12月：6 张工资条/);
      await agent.waitFor(isMessage(/工资/, 'direct'));
      const clockEvent = await agent.waitFor((e) => e.type === 'clock' && /2027-01-01/.test(e.clock.label));
      expect(clockEvent.ran.length).toBeGreaterThan(0);
    });

    test('bad requests are refused with a reason', async () => {
      expect((await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '' })).status).toBe(400);
      expect((await rig.api('/api/web/messages', { as: 'NOPE', chat: 'direct', text: '帮助' })).status).toBe(404);
      expect((await rig.api('/api/web/messages', { as: 'E900', chat: 'group', text: '帮助' })).status).toBe(400);
      expect((await rig.api('/api/web/actions', { as: 'E003', messageId: 'nope', button: 0 })).status).toBe(404);
      expect((await rig.api('/api/web/clock', { action: 'tomorrow' })).status).toBe(400);
      expect((await rig.api('/api/web/history')).status).toBe(400);
    });

    test('issue 13: a 30,000-character reason typed in the web chat gets the Chinese limit refusal, not an HTTP error', async () => {
      const boss = await rig.listen('E001');
      const said = await rig.api('/api/web/messages', { as: 'E001', chat: 'direct', text: `扣分 张伟 3 ${'很'.repeat(30000)}` });
      expect(said).toMatchObject({ status: 200, json: { status: 'user-error' } });
      await boss.waitFor(isMessage(/扣分原因最多 200 个字，你写了 30000 个字/, 'direct'));
    });
  });
}

describe('web chat access', () => {
  const TOKEN = 'demo-token-0123456789';
  let rig: WebChatRig;
  afterEach(() => rig?.close());

  test('with WEB_CHAT_TOKEN every API call and the event stream need it (401 without); the page does not', async () => {
    rig = await startWebChat('sqlite', { WEB_CHAT_TOKEN: TOKEN });
    expect((await fetch(`${rig.url}/`)).status).toBe(200);
    expect((await rig.api('/api/web/people')).status).toBe(401);
    expect((await rig.api('/api/web/people', undefined, 'wrong-token-0123456789')).status).toBe(401);
    expect((await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '帮助' })).status).toBe(401);
    expect((await rig.listen('E002')).status).toBe(401);
    expect((await rig.api('/api/web/people', undefined, TOKEN)).status).toBe(200);
    const stream = await rig.listen('E002', TOKEN);
    expect(stream.status).toBe(200);
    expect((await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '帮助' }, TOKEN)).json.status).toBe('handled');
    await stream.waitFor(isMessage(/打卡/, 'direct'));
  });

  test('the demo clock is off unless its clock can be moved (a real clock here): 404 and no clock on the page', async () => {
    rig = await startWebChat('sqlite', {}, { clock: { now: () => new Date() } });
    expect((await rig.api('/api/web/people')).json.clock).toBeNull();
    expect((await rig.api('/api/web/clock', { action: 'meeting' })).status).toBe(404);
  });
});
