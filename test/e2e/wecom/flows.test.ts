import { Attachment, LeaveRequest } from '../../../src/db/entities';
import { payloads, SAMPLE_SECRETS, verifyCallbackUrl } from '../../fakes/wecom-server';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { dbKinds } from '../../helpers/test-db';

/** The flows of docs/commands.md over real HTTP: WeCom callbacks in, server API calls out. */
for (const kind of dbKinds()) {
  describe(`WeCom end to end: the daily flows [${kind}]`, () => {
    let rig: WecomRig;
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [
        { name: '王强', role: 'supervisor', userid: 'wangqiang' },
        { name: '张伟', role: 'agent', userid: 'zhangwei' },
        { name: '李娜', role: 'agent', userid: 'lina' },
        { name: '刘洋', role: 'agent', userid: 'liuyang' },
      ]);
    });
    afterAll(() => rig?.close());

    test('URL verification answers the decrypted echostr as plain text, byte for byte, within 1 s', async () => {
      const check = await verifyCallbackUrl(rig.bot.url, SAMPLE_SECRETS, 'echo-4711');
      expect(check).toMatchObject({ status: 200, accepted: true, contentType: expect.stringMatching(/^text\/plain/) });
      expect((await verifyCallbackUrl(rig.bot.url, SAMPLE_SECRETS, 'echo-4711', { signature: 'f'.repeat(40) })).status).toBe(401);
      expect((await verifyCallbackUrl(rig.bot.url, SAMPLE_SECRETS, 'echo-4711', { receiveId: 'wwOTHERCORP000000' })).status).toBe(401);
    });

    test('an echostr whose "+" arrives unencoded (read as a space) still verifies (docs/platforms/wecom.md §1.7 C)', async () => {
      const echostr = 'scEag1243Fmy/fYz4Ux8D+jnasUCaE84n9iZN9FPFQ8jXFyWiy90K6OzK54lRarH4ubl/cCpeI3qWsInM0am+A==';
      const res = await fetch(`${rig.bot.url}/webhooks/wecom?msg_signature=273ed9683344977639bbde600dcf14b49b7d0839&timestamp=1700000000&nonce=67890&echostr=${echostr}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('echo-4711');
    });

    test('打卡: an empty 200 at once, then the reply by message/send, judged at CreateTime', async () => {
      const delivery = await rig.text('张伟', '打卡', '2026-12-03 09:05:30');
      expect(delivery).toMatchObject({ status: 200, body: '', attempts: 1 });
      expect(delivery.ms).toBeLessThan(1000);
      const [reply] = await rig.inbox('张伟', 1);
      expect(reply).toMatch(/^上班打卡成功：09:05\n迟到 5 分钟：−2 分，罚款 10 元（H-11，记录 P\d+）$/);
      expect(rig.fake.messagesTo('zhangwei')[0].body).toMatchObject({ touser: 'zhangwei', agentid: 1000002, msgtype: 'text' });
    });

    test('a punch delivered late is judged at the time WeCom stamped, not when it arrived', async () => {
      rig.clock.set(new Date('2026-12-03T01:40:00Z'));
      await rig.text('刘洋', '打卡', '2026-12-03 08:58:00');
      expect(await rig.inbox('刘洋', 1)).toEqual(['上班打卡成功：08:58']);
    });

    test('客户 and 日报: records get C ids and the report counts the valid calls', async () => {
      await rig.text('李娜', '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', '2026-12-03 10:00:00');
      const [records] = await rig.inbox('李娜', 1);
      const id = /C(\d+)/.exec(records)?.[1];
      expect(id).toBeDefined();
      await rig.text('李娜', '日报 通话 120', '2026-12-03 17:30:00');
      const texts = await rig.inbox('李娜', 2);
      expect(texts[1]).toBe(`已提交12月3日日报：拨打 120 个。\n今天有效电话（信息完整的客户记录，H-3）：1 个。\nA/B 类客户：C${id} 华为技术（A 类，待业务员确认）`);
    });

    test('请假 → template card to the supervisor → 同意 clicked → card greyed for everyone, requester told', async () => {
      await rig.text('张伟', '请假 事假 12月4日 全天 家里有事', '2026-12-03 10:00:00');
      const [filed] = await rig.inbox('张伟', 2).then((t) => t.slice(1));
      const leaveId = /L(\d+)/.exec(filed)![1];
      const card = await rig.fake.waitFor(() => rig.fake.cardsTo('wangqiang')[0], 'the approval card');
      expect(card.current).toMatchObject({ card_type: 'button_interaction', main_title: { title: `请假审批 L${leaveId}` } });
      const approve = card.current.button_list.find((b: any) => b.text === '同意');
      expect(approve.key).toBe(`leave.approve?id=${leaveId}`);

      const click = await rig.click('王强', card.taskId, approve.key, '2026-12-03 10:05:00');
      expect(click).toMatchObject({ status: 200, body: '' });
      const update = await rig.fake.waitFor(() => rig.fake.calls('message/update_template_card')[0], 'update_template_card');
      expect(update.body.response_code).toMatch(new RegExp(`^RC_${card.taskId}_`));
      // update_template_card's card has no task_id (94888): the strict fake takes it, no fallback message.
      expect(update.body.template_card).not.toHaveProperty('task_id');
      expect(card.current.replace_text).toBe('已处理');
      expect(card.current.sub_title_text).toContain('已由王强于 12月3日 10:05 批准');
      expect(rig.fake.cardsTo('wangqiang').filter((c) => c.taskId !== card.taskId && c.current.main_title.title === card.current.main_title.title)).toEqual([]);
      const told = await rig.inbox('张伟', 3);
      expect(told[2]).toBe(`你的请假 L${leaveId}（事假 12月4日 全天）已批准，审批人：王强。`);
      expect(await rig.bot.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(leaveId) })).toMatchObject({ status: 'approved' });
    });

    test('驳回 needs a reason a card cannot take: the click asks for the text command, which then greys the card', async () => {
      await rig.text('刘洋', '请假 事假 12月4日 下午 看病', '2026-12-03 11:00:00');
      const card = await rig.fake.waitFor(() => rig.fake.cardsTo('wangqiang').find((c) => c.current.horizontal_content_list[0].value.startsWith('刘洋')), 'the card');
      const reject = card.current.button_list.find((b: any) => b.text === '驳回');
      const before = rig.fake.textsTo('wangqiang').length;
      await rig.click('王强', card.taskId, reject.key, '2026-12-03 11:05:00');
      const [asked] = (await rig.inbox('王强', before + 1)).slice(before);
      expect(asked).toMatch(/驳回请写明原因。[\s\S]*驳回 L\d+ 当天有培训/);
      expect(card.updates).toHaveLength(0);
      const clickCode = [...rig.fake.codes].filter(([, c]) => c.taskId === card.taskId).at(-1)![0];
      const id = /L(\d+)/.exec(card.current.main_title.title)![1];
      await rig.text('王强', `驳回 L${id} 当天有培训`, '2026-12-03 11:06:00');
      await rig.fake.waitFor(() => card.updates.length === 1, 'the card update');
      expect(card.updates[0].response_code).toBe(clickCode);
      expect(card.current.replace_text).toBe('已处理');
      expect(card.current.sub_title_text).toContain('已由王强于 12月3日 11:06 驳回：当天有培训');
      expect((await rig.inbox('刘洋', 3))[2]).toBe(`你的请假 L${id}（事假 12月4日 下午）已驳回，审批人：王强，原因：当天有培训。`);
    });

    test('病假: the note sent as an image is fetched by MediaId and attached; the card shows it', async () => {
      await rig.text('李娜', '请假 病假 12月4日 全天 发烧', '2026-12-03 20:00:00');
      expect((await rig.inbox('李娜', 3))[2]).toContain('请直接发送图片');
      const card = await rig.fake.waitFor(() => rig.fake.cardsTo('wangqiang').find((c) => String(c.current.main_title.title).includes('L') && c.current.horizontal_content_list.some((f: any) => f.value.startsWith('未附'))), 'the sick-leave card');
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      rig.fake.addMedia('MEDIA_NOTE_1', jpeg, 'note.jpg', 'image/jpeg');
      expect(await rig.image('李娜', 'MEDIA_NOTE_1', '2026-12-03 20:10:00')).toMatchObject({ status: 200, body: '' });
      expect((await rig.inbox('李娜', 4))[3]).toMatch(/^已将病假条附在请假 L\d+ 上，主管现在可以审批了。$/);
      const [note] = await rig.bot.ds.getRepository(Attachment).findBy({ platformKey: 'MEDIA_NOTE_1' });
      expect(note).toMatchObject({ platform: 'wecom', fileName: 'note.jpg', mimeType: 'image/jpeg', size: jpeg.length });
      expect(Buffer.compare(note.content, jpeg)).toBe(0);
      await rig.fake.waitFor(() => card.updates.length === 1, 'the card refreshed with the note');
      expect(card.current.horizontal_content_list.find((f: any) => f.keyname === '病假条').value).toBe('已附');
      expect(card.current.button_list.map((b: any) => b.text)).toEqual(['同意', '驳回']);
    });

    test('opening the app (enter_agent) answers with the commands the member may use', async () => {
      await rig.post(payloads.enterAgent(SAMPLE_SECRETS.corpId, { from: 'wangqiang', createTime: rig.stamp('2026-12-03 21:00:00') }));
      const texts = await rig.fake.waitFor(() => rig.fake.textsTo('wangqiang').find((t) => t.includes('审批')), 'the help text');
      expect(texts).toContain('同意');
    });
  });
}
