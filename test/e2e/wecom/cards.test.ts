import { createLogger } from '../../../src/core/logger';
import { MeetingCheckin, OutboxMessage } from '../../../src/db/entities';
import { runJob } from '../../../src/jobs/run-job';
import { SENDING_JOBS } from '../../../src/jobs/sending-jobs';
import { jobDeps } from '../../../src/main';
import { cardText } from '../../fakes/wecom-server';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

const SURNAMES = '张王李赵刘陈杨黄';
const GIVEN = ['伟', '娜', '强', '敏', '杰'];

/** Template cards within WeCom's documented fields and lengths, against the strict fake (docs/platforms/wecom.md §3.4). */
for (const kind of dbKinds()) {
  describe(`WeCom template cards within the documented lengths [${kind}]`, () => {
    let rig: WecomRig;
    const agents = Array.from({ length: 40 }, (_, i) => ({ name: `${SURNAMES[i % 8]}${GIVEN[Math.floor(i / 8)]}${'一二三四五'[i % 5]}`, role: 'agent' as const, userid: `agent${String(i).padStart(2, '0')}` }));
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [{ name: '王强', role: 'supervisor', userid: 'wangqiang' }, ...agents]);
    });
    afterAll(() => rig?.close());

    test('a 40-member meeting reminder keeps its 签到 button and line; what does not fit follows as text, nothing lost', async () => {
      rig.clock.set(sh('2026-12-03 17:00:00'));
      const deps = jobDeps(serviceContext(rig.bot.ds), ['wecom'], rig.clock, createLogger({ level: 'silent' }));
      await runJob(deps, SENDING_JOBS.find((j) => j.name === 'meeting-reminder')!, '2026-12-03');
      rig.bot.running.bot.outbox.wake();
      await rig.drained();
      expect(await rig.bot.ds.getRepository(OutboxMessage).countBy({ status: 'failed' })).toBe(0);
      expect(rig.fake.calls('message/send', true).filter((r) => r.errcode !== 0)).toEqual([]);
      for (const userid of ['wangqiang', 'agent00', 'agent39']) {
        const [card] = rig.fake.cardsTo(userid);
        expect(card.current.button_list).toEqual([{ text: '签到', style: 1, key: 'meeting.checkin' }]);
        expect(card.current.sub_title_text).toMatch(/请在 17:05 前签到/);
        expect(card.current.sub_title_text).toContain('「签到」');
        const texts = rig.fake.textsTo(userid);
        expect(texts).toHaveLength(2);
        const overflow = texts[1];
        expect(overflow).toMatch(/^【.* 例会提醒】（续）\n/);
        const everything = `${cardText(card.current)}\n${overflow}`;
        const missing = /未交日报：(.*)/.exec(everything)![1].split('、');
        expect(missing.sort()).toEqual(agents.map((a) => a.name).sort());
        for (const a of agents) expect(everything).toMatch(new RegExp(`${a.name}(：|\\n?)有效电话 0`));
      }
      // The card still works: 签到 by its button.
      const [card] = rig.fake.cardsTo('agent05');
      expect((await rig.click(agents[5].name, card.taskId, 'meeting.checkin', '2026-12-03 17:02:00')).status).toBe(200);
      await rig.fake.waitFor(() => rig.fake.textsTo('agent05').some((t) => t.includes('签到')) && rig.fake.textsTo('agent05').length === 3, 'the 签到 reply');
      expect(await rig.bot.ds.getRepository(MeetingCheckin).countBy({ employeeId: rig.people[agents[5].name].employee.id })).toBe(1);
    });

    test('the Friday ranking goes as the card and then its chart: a PNG uploaded as type=image, sent as an image message', async () => {
      rig.clock.set(sh('2026-12-04 18:30:00'));
      const deps = jobDeps(serviceContext(rig.bot.ds), ['wecom'], rig.clock, createLogger({ level: 'silent' }));
      await runJob(deps, SENDING_JOBS.find((j) => j.name === 'weekly-ranking')!, '2026-11-30');
      rig.bot.running.bot.outbox.wake();
      await rig.drained();
      expect(await rig.bot.ds.getRepository(OutboxMessage).countBy({ status: 'failed' })).toBe(0);
      const uploads = rig.fake.calls('media/upload').filter((r) => r.query.type === 'image');
      expect(uploads).toHaveLength(1);
      const png = rig.fake.uploads.get(uploads[0].reply.media_id)!.content;
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.length).toBeLessThanOrEqual(2 * 1024 * 1024);
      for (const userid of ['wangqiang', 'agent00', 'agent39']) {
        const mine = rig.fake.messagesTo(userid).map((r) => r.body);
        const card = mine.findIndex((b) => b.msgtype === 'markdown' && b.markdown.content.includes('周排名'));
        expect(card).toBeGreaterThanOrEqual(0);
        // The card (in markdown pieces: 40 lines), then the picture.
        expect(mine.slice(card, -1).every((b) => b.msgtype === 'markdown')).toBe(true);
        expect(mine[mine.length - 1]).toMatchObject({ msgtype: 'image', image: { media_id: uploads[0].reply.media_id } });
      }
    });
  });
}
