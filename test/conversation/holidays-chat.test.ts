import type { DataSource } from 'typeorm';
import { loadCalendar } from '../../src/config/calendar-loader';
import { AuditEntry, CalendarEntry, OutboxMessage, PointEntry } from '../../src/db/entities';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { refreshCalendar, startCalendarRefresh } from '../../src/services/calendar';
import type { ServiceContext } from '../../src/services/service-context';
import { ManualClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam, POLICY, serviceContext, sh, testJobDeps } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

// H-1 and docs/commands.md (节假日): anyone may look at a year's calendar; admins enter
// the State Council's arrangement in chat, which wins over the package, the file and the
// statutory days, applies at once on this replica and from the next read on every other one,
// and `确认` ends the provisional status and the daily warning.

/** Another replica on the same database: its own calendar, loaded from the package and the file only. */
const otherReplica = (ds: DataSource): ServiceContext => ({ ds, policy: POLICY, calendar: loadCalendar(POLICY.calendar.overridesFile) });

/** The live (not reversed) ledger codes of an employee on `date`. */
async function liveCodes(ds: DataSource, employeeId: number, date: string): Promise<string[]> {
  const rows = await ds.getRepository(PointEntry).find({ where: { employeeId }, order: { id: 'ASC' } });
  const reversed = new Set(rows.map((r) => r.reversesId));
  return rows.filter((r) => r.workDate === date && r.reversesId === null && !reversed.has(r.id)).map((r) => r.code);
}

/** The calendar warnings in the outbox, as their dedup keys. */
async function warnings(ds: DataSource): Promise<string[]> {
  return (await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).map((r) => r.dedupKey ?? '').filter((k) => k.startsWith('calendar-warning:'));
}

/** close-day for `date`, run at 23:50 that day (its notices are due then). */
const closeDay = (ctx: ServiceContext, date: string, force = false) => {
  const at = sh(`${date} 23:50:00`);
  return runJob(testJobDeps(ctx, new ManualClock(at)), findJob('close-day')!, date, { now: at, force });
};

describeEachDb('chat: 节假日 (H-1)', (db) => {
  const setup = async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '刘洋', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    // The harness shares one calendar object across databases: bring it to this one.
    await refreshCalendar(serviceContext(db()));
    return { chat, p: people };
  };

  test('the whole year: look, refuse an empty 确认, enter, judge at once here and on another replica, warn daily, confirm', async () => {
    const { chat, p } = await setup();
    const admin = p['刘洋'];
    const say = async (who: typeof admin, text: string, at: string) => texts((await chat.say(who, text, { at })).replies).join('\n');

    // An agent may look: 2027 is provisional, with the statutory days computed.
    const look = await say(p['张伟'], '节假日 2027', '2026-11-02 10:00:00');
    expect(look.split('\n')).toEqual([
      '2027 年节假日：临时安排：还没有官方数据，按周末加法定节假日推算，没有调休上班日。',
      '放假：',
      '• 2027年1月1日（周五） 元旦 · 法定推算',
      '• 2027年2月5日（周五）至 2027年2月8日（周一） 春节 · 法定推算',
      '• 2027年4月5日（周一） 清明 · 法定推算',
      '• 2027年5月1日（周六）至 2027年5月2日（周日） 劳动节 · 法定推算',
      '• 2027年6月9日（周三） 端午 · 法定推算',
      '• 2027年9月15日（周三） 中秋 · 法定推算',
      '• 2027年10月1日（周五）至 2027年10月3日（周日） 国庆节 · 法定推算',
      '调休上班：',
      '（无）',
    ]);

    // From 1 November the admins are warned each day, once a day (a forced re-run sends no second one).
    await closeDay(otherReplica(db()), '2026-10-31');
    expect(await warnings(db())).toEqual([]);
    await closeDay(otherReplica(db()), '2026-11-01');
    await closeDay(otherReplica(db()), '2026-11-01', true);
    await closeDay(otherReplica(db()), '2026-11-02');
    expect(await warnings(db())).toEqual([`calendar-warning:2027:2026-11-01:${admin.id}`, `calendar-warning:2027:2026-11-02:${admin.id}`]);

    // Nothing entered yet: 确认 is refused, with an example, and nothing is stored.
    const empty = await say(admin, '节假日 2027 确认', '2026-11-02 11:00:00');
    expect(empty).toContain('2027 年还没有录入任何放假或调休安排，不能确认');
    expect(empty).toContain('正确示例：');
    expect(await db().getRepository(CalendarEntry).count()).toBe(0);
    // (That turn also delivered the warnings: the admin's inbox holds two, one a day.)
    const sent = chat.inbox(admin).filter((t) => t.includes('还没有确认：'));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('2027 年的节假日安排还没有确认');
    expect(sent[0]).toContain('元旦 1月1日；春节 2月5日至2月8日；清明 4月5日；劳动节 5月1日至5月2日；端午 6月9日；中秋 9月15日；国庆节 10月1日至10月3日');
    expect(sent[0]).toContain('节假日 2027 确认');

    // The admin enters the official arrangement (the range is named after the statutory days it covers).
    expect(await say(admin, '节假日 2027-02-05 至 2027-02-13 休', '2026-11-10 09:00:00')).toBe(
      '已录入：2027年2月5日（周五）至 2027年2月13日（周六），共 9 天，放假（春节）。立即生效。\n2027 年仍是临时安排：全部录入并核对后，发送「节假日 2027 确认」。',
    );
    expect(await say(admin, 'holidays 2027-02-14 上班', '2026-11-10 09:01:00')).toContain('已录入：2027年2月14日（周日），上班（调休上班）。立即生效。');
    expect(await db().getRepository(CalendarEntry).count()).toBe(10);
    const audit = await db().getRepository(AuditEntry).find({ where: { action: 'calendar.days' }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.actorId, a.subjectId, a.details])).toEqual([
      [admin.id, '2027-02-05..2027-02-13', { from: '2027-02-05', to: '2027-02-13', kind: 'holiday', name: '春节', days: 9 }],
      [admin.id, '2027-02-14', { from: '2027-02-14', to: '2027-02-14', kind: 'workday', name: '调休上班', days: 1 }],
    ]);

    // At once on this replica: the make-up Sunday is a workday (lateness at the clock-in), 02-10 is a day off.
    expect(await say(p['张伟'], '上班打卡', '2027-02-10 09:20:00')).not.toContain('迟到');
    expect(await say(p['张伟'], '上班打卡', '2027-02-14 09:20:00')).toContain('迟到 20 分钟');

    // On another replica, at its next job: the close of 02-14 judges it, the close of 02-12 does not.
    const replica = otherReplica(db());
    expect(replica.calendar.isWorkday('2027-02-14')).toBe(false);
    await closeDay(replica, '2027-02-12');
    await closeDay(replica, '2027-02-14');
    expect(replica.calendar.day('2027-02-14')).toMatchObject({ kind: 'makeup', workday: true, provisional: true });
    expect(await liveCodes(db(), p['王强'].id, '2027-02-12')).toEqual([]);
    expect(await liveCodes(db(), p['王强'].id, '2027-02-14')).toEqual(['absent-day']);
    expect(await liveCodes(db(), p['张伟'].id, '2027-02-14')).toEqual(['late', 'missing-out', 'meeting-absent']);

    // The listing names each day's source and who entered it.
    const entered = await say(p['张伟'], '节假日 2027', '2027-02-15 10:00:00');
    expect(entered).toContain('• 2月5日（周五）至 2月13日（周六） 春节 · 聊天录入（刘洋）');
    expect(entered).toContain('调休上班：\n• 2月14日（周日） 调休上班 · 聊天录入（刘洋）');
    expect(entered).toContain('• 1月1日（周五） 元旦 · 法定推算');

    // 确认: official from now on; the warning stops; the listing says who confirmed it.
    expect(await say(admin, '节假日 2027 确认', '2027-02-15 11:00:00')).toBe('已确认 2027 年的节假日安排为官方安排：考勤按它判定，不再每天提醒。发送「节假日 2027」可以查看。');
    expect(await say(admin, '节假日 2027 确认', '2027-02-15 11:05:00')).toBe('2027 年的节假日安排刘洋 已于 2月15日确认，无需再次确认。');
    expect((await say(p['张伟'], '节假日 2027', '2027-02-15 11:10:00')).split('\n')[0]).toBe('2027 年节假日：官方安排（已在聊天中确认，刘洋 于 2月15日确认）。');
    const before = (await warnings(db())).length;
    await closeDay(replica, '2027-02-15');
    expect(await warnings(db())).toHaveLength(before);
    expect(replica.calendar.isProvisionalYear(2027)).toBe(false);
    expect(await db().getRepository(AuditEntry).countBy({ action: 'calendar.confirm', subjectId: '2027' })).toBe(1);

    // 清除 returns a day to the other sources: 02-14 is an ordinary Sunday again.
    expect(await say(admin, '节假日 2027-02-14 清除', '2027-02-15 12:00:00')).toContain('已清除聊天录入的安排');
    expect(serviceContext(db()).calendar.day('2027-02-14')).toMatchObject({ kind: 'weekend', workday: false, provisional: false });
  });

  test('a day already closed: the reply says its judgement is not redone and how to redo it', async () => {
    const { chat, p } = await setup();
    await closeDay(otherReplica(db()), '2026-12-03');
    const reply = texts((await chat.say(p['刘洋'], '节假日 2026-12-03 休 公司年会', { at: '2026-12-04 10:00:00' })).replies).find((t) => t.startsWith('已录入')) ?? '';
    expect(reply).toContain('已录入：12月3日（周四），放假（公司年会）。');
    expect(reply).toContain('其中 12月3日（周四） 的考勤已经结算过，不会自动改正');
    expect(reply).toContain('bot job run close-day --date 2026-12-03 --force');
    expect(await liveCodes(db(), p['张伟'].id, '2026-12-03')).toEqual(['absent-day']);
    await closeDay(otherReplica(db()), '2026-12-03', true);
    expect(await liveCodes(db(), p['张伟'].id, '2026-12-03')).toEqual([]);
  });

  test.each<[string, string, 'admin' | 'agent', string]>([
    ['H-1 a non-admin cannot enter days', '节假日 2027-02-14 上班', 'agent', '只有管理员可以录入或确认节假日安排；发送「节假日 2027」可以查看。'],
    ['H-1 a non-admin cannot confirm', '节假日 2027 确认', 'agent', '只有管理员可以录入或确认节假日安排；发送「节假日 2027」可以查看。'],
    ['reading rules: a year beyond next year', '节假日 2028-01-01 休', 'admin', '只能查看或录入去年到明年（2025–2027 年）的节假日，2028 年不在范围内。\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
    ['reading rules: a year before last year', '节假日 2024', 'admin', '只能查看或录入去年到明年（2025–2027 年）的节假日，2024 年不在范围内。\n正确示例：节假日 2027'],
    ['reading rules: an end before its start', '节假日 2027-02-13 至 2027-02-05 休', 'admin', '结束日期 2027-02-05 早于开始日期 2027-02-13，请把早的日期写在前面。\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
    ['reading rules: a yearless end before its start is refused, not moved into 2028', '节假日 2027-10-08 至 10月1日 休', 'admin', '结束日期 2027-10-01 早于开始日期 2027-10-08，请把早的日期写在前面。\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
    ['calendar.maxRangeDays: at most 31 days', '节假日 2027-01-01 至 2027-02-01 休', 'admin', '一次最多录入 31 天（2027-01-01 至 2027-02-01 超过了），请分段录入。\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
    ['calendar.nameMaxChars: a name of 17 characters', `节假日 2027-02-14 上班 ${'调'.repeat(17)}`, 'admin', '名称最多 16 个字（现在 17 个字）。\n正确示例：节假日 2027-02-14 上班'],
    ['no 休 or 上班', '节假日 2027-02-14', 'admin', '请写明这些日子是「休」（放假）、「上班」（调休上班）还是「清除」（还原）\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
    ['a nonexistent date', '节假日 2027-02-30 休', 'admin', '日期不存在：2027-02-30\n正确示例：节假日 2027-02-05 至 2027-02-13 休'],
  ])('%s: refused, nothing stored', async (_title, text, role, expected) => {
    const { chat, p } = await setup();
    const who = role === 'admin' ? p['刘洋'] : p['张伟'];
    const entries = await db().getRepository(CalendarEntry).count();
    const audits = await db().getRepository(AuditEntry).count();
    const { outcome, replies } = await chat.say(who, text, { at: '2026-12-04 10:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual([expected]);
    expect(await db().getRepository(CalendarEntry).count()).toBe(entries);
    expect(await db().getRepository(AuditEntry).count()).toBe(audits);
  });

  test('a package year needs no 确认; an agent sees no admin hint', async () => {
    const { chat, p } = await setup();
    expect(texts((await chat.say(p['刘洋'], '节假日 2026 确认', { at: '2026-12-04 10:00:00' })).replies)).toEqual(['2026 年的节假日已由数据包提供官方安排，无需确认。']);
    const view = texts((await chat.say(p['张伟'], '节假日', { at: '2026-12-04 10:01:00' })).replies)[0];
    expect(view.split('\n')[0]).toBe('2026 年节假日：官方安排（来自节假日数据包）。');
    expect(view).toContain('• 10月1日（周四）至 10月7日（周三） 国庆节 · 数据包');
    expect(view).toContain('调休上班：\n• 1月4日（周日） 元旦 · 数据包');
    expect(view).toContain('• 9月20日（周日） 国庆节 · 数据包');
  });

  test('another replica picks up days entered in chat within calendar.refreshSeconds, without a job', async () => {
    const { chat, p } = await setup();
    const replica = { ...otherReplica(db()), policy: { ...POLICY, calendar: { ...POLICY.calendar, refreshSeconds: 1 } } };
    await refreshCalendar(replica);
    const poll = startCalendarRefresh(replica, createLogger({ level: 'silent' }));
    try {
      await chat.say(p['刘洋'], '节假日 2027-03-08 休 公司庆典', { at: '2026-12-04 10:00:00' });
      expect(serviceContext(db()).calendar.day('2027-03-08')).toMatchObject({ kind: 'holiday', name: '公司庆典' });
      const deadline = Date.now() + 5000;
      while (replica.calendar.isWorkday('2027-03-08') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(replica.calendar.day('2027-03-08')).toMatchObject({ kind: 'holiday', name: '公司庆典' });
    } finally {
      await poll.stop();
    }
  });
});
