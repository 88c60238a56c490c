/**
 * COMMANDS "Automatic messages of the second wave": a 下班打卡 before the end of work says at
 * once what it will count as (H-11: 早退 N 分钟, points, fine, the tier past 30 minutes, a whole
 * day before 11:30) and that a later clock-out the same day replaces it; after the day's close
 * the day digest reaches the person as one message.
 */
import { cardOf, ChatHarness, texts } from '../helpers/chat-harness';
import { ManualClock } from '../../src/core/clock';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { makeTeam, serviceContext, sh, testJobDeps } from '../helpers/service-context';
import { clearAllTables, describeEachDb } from '../helpers/test-db';

const REPLACE = '今天再次下班打卡会替换这次，以最后一次为准。';

describeEachDb('chat: early 下班打卡 and the day digest', (db) => {
  beforeEach(() => clearAllTables(db()));

  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    return { chat, p: people };
  };

  test('H-11 下班打卡 25 minutes early: 早退 25 分钟, −2 points, 10 yuan, and a later clock-out replaces it (then nothing is early)', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '上班打卡', { at: '2026-12-03 08:58:00' });
    expect(texts((await chat.say(p['张伟'], '下班打卡', { at: '2026-12-03 17:35:10' })).replies)).toEqual([
      `下班打卡成功：17:35\n早退 25 分钟：−2 分，罚款 10 元（H-11，下班后结算）。\n${REPLACE}`,
    ]);
    expect(texts((await chat.say(p['张伟'], '下班打卡', { at: '2026-12-03 18:02:00' })).replies)).toEqual(['下班打卡成功：18:02\n已替换之前 17:35 的下班打卡，以最后一次为准。']);
  });

  test('H-11 edges: more than 30 minutes early is a half day absent; a last clock-out before 11:30 is a whole day', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '上班打卡', { at: '2026-12-03 09:00:00' });
    expect(texts((await chat.say(p['张伟'], '下班打卡', { at: '2026-12-03 17:29:00' })).replies)).toEqual([
      `下班打卡成功：17:29\n早退 31 分钟，超过 30 分钟按半天旷工：−5 分，罚款 68.97 元（H-11，下班后结算）。\n${REPLACE}`,
    ]);
    await chat.say(p['王强'], '上班打卡', { at: '2026-12-04 08:50:00' });
    expect(texts((await chat.say(p['王强'], '下班打卡', { at: '2026-12-04 11:29:00' })).replies)).toEqual([
      `下班打卡成功：11:29\n早退 391 分钟，按旷工一天：−10 分，罚款 137.93 元（H-11，下班后结算）。\n${REPLACE}`,
    ]);
  });

  test('H-14 with approved afternoon leave the day ends at 12:00: a clock-out at 12:05 is not early; 打卡 at 18:00 is not early either', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '请假 事假 12月4日 下午 看病', { at: '2026-12-03 10:00:00' });
    const [card] = (await chat.say(p['王强'], '审批', { at: '2026-12-03 10:05:00' })).replies;
    await chat.click(p['王强'], cardOf(card).buttons?.[0] as never, {}, { at: '2026-12-03 10:06:00' });
    await chat.say(p['张伟'], '打卡', { at: '2026-12-04 08:59:00' });
    expect(texts((await chat.say(p['张伟'], '下班打卡', { at: '2026-12-04 12:05:00' })).replies)).toEqual(['下班打卡成功：12:05']);
    await chat.say(p['王强'], '打卡', { at: '2026-12-04 08:59:00' });
    expect(texts((await chat.say(p['王强'], '打卡', { at: '2026-12-04 18:00:00' })).replies)).toEqual(['下班打卡成功：18:00']);
  });

  test('after the close: one digest message in the person\'s chat with the 申诉 and 补卡 commands; nothing for a clean day', async () => {
    const { chat, p } = await setup();
    await chat.say(p['张伟'], '打卡', { at: '2026-12-03 09:05:00' });
    await chat.say(p['王强'], '打卡', { at: '2026-12-03 08:55:00' });
    await chat.say(p['王强'], '签到', { at: '2026-12-03 17:00:00' });
    await chat.say(p['王强'], '打卡', { at: '2026-12-03 18:00:00' });
    const ctx = serviceContext(db());
    for (const [job, at] of [['close-day', '2026-12-03 23:50:00'], ['day-digest', '2026-12-03 23:55:00']] as const) {
      await runJob(testJobDeps(ctx, new ManualClock(sh(at))), findJob(job) as never, '2026-12-03', { now: sh(at) });
    }
    const before = chat.messenger.sent.length;
    chat.clock.set(sh('2026-12-03 23:56:00'));
    await chat.bot.outbox.drain();
    await chat.bot.outbox.stop();
    const sent = chat.messenger.sent.slice(before);
    const mine = sent.filter((m) => m.target.kind === 'user' && m.target.externalId === chat.account(p['张伟']));
    expect(mine).toHaveLength(1);
    const card = cardOf(mine[0]);
    // Late 5 minutes (entered at the clock-in), no clock-out, no meeting check-in, no 日报 (H-11, H-12).
    expect(card.fields.map((f) => f.label.replace(/^P\d+ /, ''))).toEqual(['迟到（H-11）', '缺下班打卡（H-11）', '例会缺席（H-12）']);
    expect(card.buttons?.map((b) => b.command)).toEqual([
      expect.stringMatching(/^申诉 P\d+ 原因$/), expect.stringMatching(/^申诉 P\d+ 原因$/), expect.stringMatching(/^申诉 P\d+ 原因$/),
      '补卡 12月3日 上班 09:00 原因', '补卡 12月3日 下班 18:00 原因',
    ]);
    // The supervisor's day was clean: only the team summary reaches them, no digest of their own.
    const sup = sent.filter((m) => m.target.kind === 'user' && m.target.externalId === chat.account(p['王强']));
    expect(sup.map((m) => cardOf(m).title)).toEqual([expect.stringMatching(/ 12月3日 考勤汇总$/)]);
  });
});
