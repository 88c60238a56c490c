import { FileBox } from 'file-box';
import { ScanStatus, types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createWechatyAdapter } from '../../../bots/wechaty';
import { EchartsRenderer } from '../../../src/charts';
import { ManualClock } from '../../../src/core/clock';
import { UNKNOWN_USER_TEXT } from '../../../src/core/core-texts';
import { createLogger } from '../../../src/core/logger';
import { Attachment, ChatFile, LeaveRequest, MeetingCheckin, PlatformIdentity, Punch, Team, type Employee } from '../../../src/db/entities';
import type { Role } from '../../../src/domain/roles';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { jobDeps } from '../../../src/main';
import { closeMonth } from '../../../src/services/payroll';
import { startE2eBot, type E2eBot } from '../../helpers/e2e-server';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { dbKinds, dropWorkerDatabase, type DbKind } from '../../helpers/test-db';

const BOT = { id: 'wxid_bot', name: '小助手' };
const ROOM_ID = 'sales-1@chatroom';

/** Polls `probe` until it gives a value (bounded); never a fixed sleep. */
async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The whole bot with the wechaty adapter around wechaty-puppet-mock, on a fresh `kind`
 * database: one team bound to mock contacts, its room, and the bot account logged in.
 */
class WechatyRig {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly logs: string[] = [];
  readonly contacts: Record<string, mock.ContactMock> = {};
  people: Record<string, Employee> = {};
  bot!: E2eBot;
  private seq = 0;

  private constructor(readonly kind: DbKind) {}

  static async start(kind: DbKind, members: Array<{ name: string; role: Role }>): Promise<WechatyRig> {
    const rig = new WechatyRig(kind);
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void rig.logs.push(line) } });
    const adapter = createWechatyAdapter({ puppet: 'wechaty-puppet-mock' }, logger, { puppetInstance: rig.puppet, sendLimits: { perSecond: 500 }, gapMs: 0, retryDelaysMs: [50], charts: new EchartsRenderer() });
    rig.bot = await startE2eBot(kind, { WECHATY_PUPPET: 'wechaty-puppet-mock' }, { adapters: () => [adapter] });
    try {
      await rig.populate(members);
    } catch (e) {
      await rig.close();
      throw e;
    }
    return rig;
  }

  /** One team bound to mock contacts, its room, a stranger, and the bot account logged in after a QR scan. */
  private async populate(members: Array<{ name: string; role: Role }>): Promise<void> {
    const { team, people } = await makeTeam(this.bot.ds, members);
    this.people = people;
    await this.bot.ds.getRepository(Team).update({ id: team.id }, { chats: { wechaty: ROOM_ID } });
    const self = this.mocker.createContact({ id: BOT.id, name: BOT.name });
    for (const m of members) {
      this.contacts[m.name] = this.mocker.createContact({ id: `wxid_${people[m.name].no}`, name: m.name });
      const at = new Date('2026-01-01T00:00:00Z');
      await this.bot.ds.getRepository(PlatformIdentity).save({ platform: 'wechaty', externalId: this.contacts[m.name].id, employeeId: people[m.name].id, createdAt: at, updatedAt: at });
    }
    this.mocker.createContact({ id: 'wxid_stranger', name: '路人' });
    this.mocker.createRoom({ id: ROOM_ID, topic: '电销一组', memberIdList: [BOT.id, ...Object.values(this.contacts).map((c) => c.id)] });
    this.mocker.scan('https://login.weixin.qq.com/l/mock-qr-1', ScanStatus.Waiting);
    this.mocker.login(self);
    await waitFor(() => this.logs.some((l) => l.includes('WeChat logged in')), 'the login');
  }

  get clock(): ManualClock {
    return this.bot.clock as ManualClock;
  }

  /** A message into WeChat, stamped at a Shanghai wall time (the bot's clock moves there). */
  say(from: string, text: string, at: string, opts: { room?: 'mention' | 'typed' | 'none'; file?: FileBox } = {}): string {
    const stamp = sh(at);
    if (this.clock.now() < stamp) this.clock.set(stamp);
    const talkerId = this.contacts[from]?.id ?? from;
    const id = `wx-msg-${++this.seq}`;
    const base = { id, talkerId, timestamp: stamp.getTime(), type: opts.file ? types.Message.Image : types.Message.Text, text: opts.file ? undefined : text };
    if (opts.file) this.mocker.cacheFileBoxPayload.set(id, opts.file.toJSON());
    const payload = opts.room ? { ...base, roomId: ROOM_ID, mentionIdList: opts.room === 'mention' ? [BOT.id] : [] } : { ...base, listenerId: BOT.id };
    this.mocker.MessageMock.create(payload as never);
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /** The same message delivered again (a puppet replaying after a reconnect). */
  replay(messageId: string): void {
    this.puppet.emit('message', { messageId });
  }

  /** Every text the bot sent, as the mock puppet received it: to a contact id or the room id. */
  sent(): Array<{ to: string; text: string }> {
    return [...this.mocker.cacheMessagePayload.values()]
      .filter((p) => p.talkerId === BOT.id)
      .map((p) => ({ to: ('roomId' in p && p.roomId) || ('listenerId' in p && p.listenerId) || '', text: p.text ?? '' }));
  }

  /** The texts the bot sent to `who` directly, once there are at least `n`. */
  inbox(who: string, n: number): Promise<string[]> {
    const id = this.contacts[who]?.id ?? who;
    return waitFor(() => {
      const texts = this.sent().filter((m) => m.to === id).map((m) => m.text);
      return texts.length >= n && texts;
    }, `${n} messages to ${who}`);
  }

  /** The first text to `who` (a name, contact id or the room id) that `matches`. */
  textTo(who: string, matches: (text: string) => boolean, what: string): Promise<string> {
    const id = this.contacts[who]?.id ?? who;
    return waitFor(() => this.sent().find((m) => m.to === id && matches(m.text))?.text, what);
  }

  /** The texts the bot sent to the room, once there are at least `n`. */
  roomTexts(n: number): Promise<string[]> {
    return waitFor(() => {
      const texts = this.sent().filter((m) => m.to === ROOM_ID).map((m) => m.text);
      return texts.length >= n && texts;
    }, `${n} messages to the room`);
  }

  async close(): Promise<void> {
    try {
      await this.bot?.close();
    } finally {
      if (this.kind === 'mysql') await dropWorkerDatabase();
    }
  }
}

for (const kind of dbKinds()) {
  describe(`wechaty end to end with wechaty-puppet-mock [${kind}]`, () => {
    let rig: WechatyRig;
    beforeAll(async () => {
      rig = await WechatyRig.start(kind, [
        { name: '王强', role: 'supervisor' },
        { name: '张伟', role: 'agent' },
        { name: '李娜', role: 'agent' },
        { name: '刘洋', role: 'agent' },
      ]);
    }, 60_000);
    afterAll(() => rig?.close());

    test('the login QR code is logged as text with the scan URL', () => {
      const line = JSON.parse(rig.logs.find((l) => l.includes('mock-qr-1'))!);
      expect(line).toMatchObject({ scanStatus: 'Waiting', scanUrl: 'https://login.weixin.qq.com/l/mock-qr-1' });
      expect(line.qrcode).toMatch(/█/);
    });

    test('打卡 from a contact: the reply gives the lateness, judged at the message time', async () => {
      rig.say('张伟', '打卡', '2026-12-03 09:05:30');
      const [reply] = await rig.inbox('张伟', 1);
      expect(reply).toMatch(/^上班打卡成功：09:05\n迟到 5 分钟：−2 分，罚款 10 元（H-11，记录 P\d+）$/);
    });

    test('客户 and 日报: the record gets a C id and the report counts it as a valid call', async () => {
      rig.say('李娜', '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', '2026-12-03 10:00:00');
      const [records] = await rig.inbox('李娜', 1);
      const id = /C(\d+)/.exec(records)?.[1];
      expect(id).toBeDefined();
      rig.say('李娜', '日报 通话 120', '2026-12-03 17:30:00');
      const texts = await rig.inbox('李娜', 2);
      expect(texts[1]).toBe(`已提交12月3日日报：拨打 120 个。\n今天有效电话（信息完整的客户记录，H-3）：1 个。\nA/B 类客户：C${id} 华为技术（A 类，待业务员确认）`);
    });

    test('请假 → the card as text to the supervisor → 同意 in the room with an @mention → requester told', async () => {
      rig.say('刘洋', '请假 事假 12月4日 全天 家里有事', '2026-12-03 18:10:00');
      const [filed] = await rig.inbox('刘洋', 1);
      const leaveId = /L(\d+)/.exec(filed)![1];
      const [card] = await rig.inbox('王强', 1);
      expect(card).toContain(`【请假审批 L${leaveId}】`);
      expect(card).toContain('申请人：刘洋');
      expect(card).toContain(`· 同意：发送「同意 L${leaveId}」`);
      expect(card).toContain(`· 驳回：发送「驳回 L${leaveId} 原因」`);

      rig.say('王强', `@${BOT.name}\u2005同意 L${leaveId}`, '2026-12-03 18:15:00', { room: 'mention' });
      const room = await waitFor(() => rig.sent().find((m) => m.to === ROOM_ID && m.text.includes(`L${leaveId}`)), 'the answer in the room');
      expect(room.text).toMatch(new RegExp(`批准 L${leaveId}（刘洋 事假 12月4日 全天），已通知刘洋。`));
      const told = await rig.inbox('刘洋', 2);
      expect(told[1]).toBe(`你的请假 L${leaveId}（事假 12月4日 全天）已批准，审批人：王强。`);
      const updated = await rig.inbox('王强', 2);
      expect(updated[1]).toBe(`【请假审批 L${leaveId}】（已更新）\n已由王强于 12月3日 18:15 批准`);
      expect(await rig.bot.ds.getRepository(LeaveRequest).findOneByOrFail({ id: Number(leaveId) })).toMatchObject({ status: 'approved' });
      const ids = rig.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'WeChat message for the bot' && l.roomId === ROOM_ID);
      expect(ids).toMatchObject({ contactId: rig.contacts['王强'].id, contactName: '王强', roomTopic: '电销一组' });
    });

    test('病假: the note sent as an image is attached, and the supervisor gets the card again', async () => {
      rig.say('张伟', '请假 病假 12月4日 全天 发烧', '2026-12-03 20:00:00');
      expect((await rig.inbox('张伟', 2))[1]).toContain('请直接发送图片');
      const card = await rig.textTo('王强', (t) => t.includes('病假条：未附'), 'the sick-leave card');
      expect(card).toContain('· 同意：发送「同意 L');
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      rig.say('张伟', '', '2026-12-03 20:10:00', { file: FileBox.fromBase64(jpeg.toString('base64'), 'note.jpg') });
      expect((await rig.inbox('张伟', 3))[2]).toMatch(/^已将病假条附在请假 L\d+ 上，主管现在可以审批了。$/);
      const [note] = await rig.bot.ds.getRepository(Attachment).findBy({ platform: 'wechaty' });
      expect(note).toMatchObject({ fileName: 'note.jpg', mimeType: 'image/jpeg', size: jpeg.length });
      expect(Buffer.compare(note.content, jpeg)).toBe(0);
      const updated = await rig.textTo('王强', (t) => t.includes('（已更新）') && t.includes('病假条：已附'), 'the card sent again');
      expect(updated).toMatch(/· 同意：发送「同意 L\d+」/);
    });

    test('the 17:00 reminder reaches the team room as text, with 签到 to type after @mentioning the bot', async () => {
      const ctx = { ...serviceContext(rig.bot.ds), logger: createLogger({ level: 'silent' }) };
      const deps = jobDeps(ctx, ['wechaty'], rig.clock, ctx.logger);
      const outcome = await runJob(deps, findJob('meeting-reminder')!, '2026-12-03', { now: sh('2026-12-03 17:00:00') });
      expect(outcome).toMatchObject({ ran: true });
      rig.bot.running.bot.outbox.wake();
      const reminder = await waitFor(() => rig.sent().find((m) => m.to === ROOM_ID && m.text.includes('例会提醒')), 'the reminder in the room');
      expect(reminder.text).toMatch(/^【组\d+ 例会提醒】/);
      expect(reminder.text).toContain(`· 签到：发送「@${BOT.name} 签到」`);
      expect(reminder.text).toContain(`在群里请先 @${BOT.name}`);

      const roomBefore = rig.sent().filter((m) => m.to === ROOM_ID).length;
      rig.say('李娜', `@${BOT.name} 签到`, '2026-12-03 17:02:00', { room: 'typed' });
      const texts = await rig.roomTexts(roomBefore + 1);
      expect(texts.at(-1)).toMatch(/签到/);
      expect(await rig.bot.ds.getRepository(MeetingCheckin).countBy({ employeeId: rig.people['李娜'].id })).toBe(1);
    });

    test('the Friday ranking reaches the team room as text, then its chart as a PNG file through the puppet', async () => {
      const ctx = { ...serviceContext(rig.bot.ds), logger: createLogger({ level: 'silent' }) };
      const deps = jobDeps(ctx, ['wechaty'], rig.clock, ctx.logger);
      expect(await runJob(deps, findJob('weekly-ranking')!, '2026-11-30', { now: sh('2026-12-04 18:30:00') })).toMatchObject({ ran: true });
      rig.bot.running.bot.outbox.wake();
      const ranking = await waitFor(() => [...rig.mocker.cacheMessagePayload.values()].find((p) => p.talkerId === BOT.id && 'roomId' in p && p.roomId === ROOM_ID && (p.text ?? '').includes('周排名')), 'the ranking in the room');
      const picture = await waitFor(() => [...rig.mocker.cacheMessagePayload.values()].find((p) => p.talkerId === BOT.id && 'roomId' in p && p.roomId === ROOM_ID && p.type !== types.Message.Text && p.timestamp >= ranking.timestamp), 'the chart in the room');
      const box = FileBox.fromJSON(rig.mocker.cacheFileBoxPayload.get(picture.id)!);
      expect(box.name).toBe('chart.png');
      const png = await box.toBuffer();
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    });

    test('导出 (issue 17): an admin gets the summary and the two payroll files through the puppet, bytes as stored', async () => {
      const { people } = await makeTeam(rig.bot.ds, [{ name: '赵敏', role: 'admin' }]);
      rig.contacts['赵敏'] = rig.mocker.createContact({ id: 'wxid_admin', name: '赵敏' });
      const at = new Date('2026-01-01T00:00:00Z');
      await rig.bot.ds.getRepository(PlatformIdentity).save({ platform: 'wechaty', externalId: 'wxid_admin', employeeId: people['赵敏'].id, createdAt: at, updatedAt: at });
      await closeMonth(serviceContext(rig.bot.ds), '2026-11', { now: sh('2026-12-01 01:00:00') });
      rig.say('赵敏', '导出 11月', '2026-12-03 21:00:00');
      expect((await rig.inbox('赵敏', 1))[0]).toMatch(/^2026年11月工资表：\d+ 人/);
      const files = await waitFor(() => {
        const sent = [...rig.mocker.cacheMessagePayload.values()].filter((p) => p.talkerId === BOT.id && 'listenerId' in p && p.listenerId === 'wxid_admin' && p.type !== types.Message.Text);
        return sent.length >= 2 && sent.map((p) => FileBox.fromJSON(rig.mocker.cacheFileBoxPayload.get(p.id)!));
      }, 'two files to the admin');
      const stored = await rig.bot.ds.getRepository(ChatFile).find({ where: { employeeId: people['赵敏'].id }, order: { id: 'ASC' } });
      expect(files.map((f) => f.name)).toEqual(['工资表-2026-11.xlsx', 'payroll-2026-11.csv']);
      expect(await Promise.all(files.map(async (f, i) => (await f.toBuffer()).equals(Buffer.from(stored[i].content))))).toEqual([true, true]);
    });

    test('room messages that do not @mention the bot are not for it', async () => {
      const punches = await rig.bot.ds.getRepository(Punch).countBy({ employeeId: rig.people['刘洋'].id });
      const before = rig.sent().length;
      rig.say('刘洋', '下班打卡', '2026-12-03 18:20:00', { room: 'none' });
      rig.say('刘洋', '帮助', '2026-12-03 18:21:00');
      await rig.textTo('刘洋', (t) => t.includes('打卡'), 'the answer to 帮助');
      expect(new Set(rig.sent().slice(before).map((m) => m.to))).toEqual(new Set([rig.contacts['刘洋'].id]));
      expect(await rig.bot.ds.getRepository(Punch).countBy({ employeeId: rig.people['刘洋'].id })).toBe(punches);
    });

    test('an unknown contact gets the one polite reply and nothing is stored', async () => {
      rig.say('wxid_stranger', '打卡', '2026-12-03 18:30:00');
      expect(await rig.inbox('wxid_stranger', 1)).toEqual([UNKNOWN_USER_TEXT]);
      expect(await rig.bot.ds.getRepository(PlatformIdentity).countBy({ externalId: 'wxid_stranger' })).toBe(0);
    });

    test('after a reconnect a replayed message takes effect once', async () => {
      const first = rig.say('刘洋', '下班打卡', '2026-12-03 18:40:00');
      await rig.textTo('刘洋', (t) => t.startsWith('下班打卡成功'), 'the clock-out reply');
      await rig.puppet.logout('network lost');
      await waitFor(() => rig.logs.some((l) => l.includes('WeChat logged out')), 'the logout log');
      rig.mocker.login(rig.mocker.ContactMock.load(BOT.id));
      await waitFor(() => rig.logs.some((l) => l.includes('WeChat reconnected')), 'the reconnect log');
      const before = rig.sent().length;
      rig.replay(first);
      rig.say('刘洋', '积分', '2026-12-03 18:45:00');
      await rig.textTo('刘洋', (t) => t.includes('积分：'), 'the answer to 积分');
      expect(rig.sent().slice(before).filter((m) => m.text.startsWith('下班打卡成功'))).toHaveLength(0);
      expect(rig.sent().filter((m) => m.text.startsWith('下班打卡成功'))).toHaveLength(1);
      expect(await rig.bot.ds.getRepository(Punch).countBy({ employeeId: rig.people['刘洋'].id })).toBe(1);
    });
  });
}
