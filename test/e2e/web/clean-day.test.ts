import { Employee, PointEntry } from '../../../src/db/entities';
import { dbKinds } from '../../helpers/test-db';
import { plain, startWebChat, type WebChatRig } from './web-chat-kit';

/** A bot's message (not the one typed) in `chat` matching `pattern`. */
const isMessage = (pattern: RegExp, chat?: 'direct' | 'group') => (e: any) =>
  (e.type === 'message' || e.type === 'update') && e.item.from.kind === 'bot' && (!chat || e.item.chat === chat) && pattern.test(plain(e));

/**
 * Issue 17: the demo clock's 08:55 and 18:05 buttons show a clean day. An agent who clocks in
 * on time, files the 日报 and the 周报, signs in at the meeting and clocks out after 18:00 has
 * no entry when the day is closed (H-1, H-2, H-11, H-12, H-13).
 */
for (const kind of dbKinds()) {
  describe(`web chat: a clean day with the demo clock [${kind}]`, () => {
    let rig: WebChatRig;
    beforeAll(async () => {
      rig = await startWebChat(kind);
    });
    afterAll(() => rig.close());

    test('08:55 打卡, 日报, 周报, 签到 at 17:00, 18:05 下班打卡: closing the day enters nothing', async () => {
      const agent = await rig.listen('E002');
      const say = (text: string) => rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text });
      const morning = await rig.api('/api/web/clock', { action: 'on-time' });
      expect(morning.json.clock.label).toBe('2026-12-04 周五 08:55（工作日）');
      await say('打卡');
      const punch = await agent.waitFor(isMessage(/上班打卡成功/, 'direct'));
      expect(plain(punch)).toMatch(/08:55/);
      expect(plain(punch)).not.toMatch(/迟到/);
      await say('日报 通话 120');
      await agent.waitFor(isMessage(/已提交.*日报/, 'direct'));
      await say('周报 本周拨打 120，A 类 0 个');
      await agent.waitFor(isMessage(/已收到本周/, 'direct'));

      await rig.api('/api/web/clock', { action: 'meeting' });
      const reminder = await agent.waitFor(isMessage(/例会提醒/, 'group'));
      await rig.api('/api/web/actions', { as: 'E002', messageId: reminder.item.id, button: 0, form: {} });
      await agent.waitFor(isMessage(/例会签到成功/, 'group'));

      const evening = await rig.api('/api/web/clock', { action: 'clock-out' });
      expect(evening.json.clock.label).toBe('2026-12-04 周五 18:05（工作日）');
      await say('下班打卡');
      const out = await agent.waitFor(isMessage(/下班打卡成功/, 'direct'));
      expect(plain(out)).toMatch(/18:05/);
      expect(plain(out)).not.toMatch(/早退/);

      const closed = await rig.api('/api/web/clock', { action: 'close-day' });
      expect(closed.json.ran.join('\n')).toMatch(/日结：2026-12-04 判定 \d+ 人/);
      const me = await rig.ds.getRepository(Employee).findOneByOrFail({ no: 'E002' });
      expect(await rig.ds.getRepository(PointEntry).findBy({ employeeId: me.id, workDate: '2026-12-04' })).toEqual([]);
      // The others, who did nothing, are judged: the close did run.
      expect(await rig.ds.getRepository(PointEntry).countBy({ workDate: '2026-12-04' })).toBeGreaterThan(0);
    });
  });
}
