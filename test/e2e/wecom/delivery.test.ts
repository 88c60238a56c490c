import { OutboxMessage } from '../../../src/db/entities';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { dbKinds } from '../../helpers/test-db';

/** Sending when WeCom pushes back: expired tokens, rate limits, spent response codes, slow media. */
for (const kind of dbKinds()) {
  describe(`WeCom end to end: delivery under failures [${kind}]`, () => {
    let rig: WecomRig;
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [
        { name: '王强', role: 'supervisor', userid: 'wangqiang' },
        { name: '张伟', role: 'agent', userid: 'zhangwei' },
        { name: '李娜', role: 'agent', userid: 'lina' },
        { name: '周杰', role: 'agent', userid: 'zhoujie' },
      ]);
    });
    afterAll(() => rig?.close());

    test('an access token that expires mid-flow is refetched once and the reply still goes out once', async () => {
      await rig.text('张伟', '打卡', '2026-12-03 08:55:00');
      await rig.inbox('张伟', 1);
      expect(rig.fake.calls('gettoken')).toHaveLength(1);
      rig.fake.expireTokens();
      await rig.text('张伟', '积分', '2026-12-03 09:30:00');
      const texts = await rig.inbox('张伟', 2);
      expect(texts[1]).toContain('100');
      expect(rig.fake.calls('gettoken')).toHaveLength(2);
      const tries = rig.fake.calls('message/send', true).filter((r) => r.body?.touser === 'zhangwei').map((r) => r.errcode);
      expect(tries).toEqual([0, 42001, 0]);
      await rig.drained();
      expect(rig.fake.textsTo('zhangwei')).toHaveLength(2);
    });

    test('45009 (rate limit) then success: the outbox waits a minute, then delivers exactly once', async () => {
      rig.fake.failNext('message/send', 45009);
      await rig.text('李娜', '打卡', '2026-12-03 09:01:00');
      const row = await waitForRow(rig, (r) => r.attempts === 1 && /45009/.test(r.lastError ?? ''));
      expect(row.nextAttemptAt.getTime() - rig.clock.now().getTime()).toBeGreaterThanOrEqual(59_000);
      expect(rig.fake.textsTo('lina')).toEqual([]);
      rig.clock.advance(61_000);
      rig.bot.running.bot.outbox.wake();
      expect(await rig.inbox('李娜', 1)).toEqual([expect.stringMatching(/^上班打卡成功：09:01\n迟到 1 分钟/)]);
      await rig.drained();
      expect(rig.fake.calls('message/send', true).filter((r) => r.body?.touser === 'lina').map((r) => r.errcode)).toEqual([45009, 0]);
    });

    test('a decision when the card\'s response code has expired: the approver gets the decided card as a new message', async () => {
      await rig.text('周杰', '请假 事假 12月4日 全天 搬家', '2026-12-03 10:00:00');
      const card = await rig.fake.waitFor(() => rig.fake.cardsTo('wangqiang').at(-1), 'the approval card');
      const id = /L(\d+)/.exec(card.current.main_title.title)![1];
      rig.fake.expireResponseCodes();
      await rig.text('王强', `同意 L${id}`, '2026-12-03 10:30:00');
      const fallback = await rig.fake.waitFor(() => rig.fake.textsTo('wangqiang').find((t) => t.includes(`请假审批 L${id}（已更新）`)), 'the fallback message');
      expect(fallback).toContain('已由王强于 12月3日 10:30 批准');
      expect(rig.fake.calls('message/update_template_card', true).map((r) => r.errcode)).toEqual([40058]);
      expect((await rig.inbox('周杰', 2))[1]).toContain('已批准');
    });

    test('a media/get that hangs gives up after 2 s: WeCom still gets its 200 in time and the user is asked to resend', async () => {
      await rig.text('张伟', '请假 病假 12月4日 全天 发烧', '2026-12-03 20:00:00');
      expect((await rig.inbox('张伟', 3))[2]).toContain('请直接发送图片');
      rig.fake.hangNext('media/get');
      const delivery = await rig.image('张伟', 'MEDIA_SLOW', '2026-12-03 20:05:00');
      expect(delivery).toMatchObject({ status: 200, attempts: 1 });
      expect(delivery.ms).toBeLessThan(5000);
      expect((await rig.inbox('张伟', 4))[3]).toContain('请稍后再发一次');
    });
  });
}

/** Polls the outbox (bounded) until a row matches. */
async function waitForRow(rig: WecomRig, match: (row: OutboxMessage) => boolean): Promise<OutboxMessage> {
  const until = Date.now() + 5000;
  for (;;) {
    const found = (await rig.bot.ds.getRepository(OutboxMessage).find()).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error('no outbox row matched within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}
