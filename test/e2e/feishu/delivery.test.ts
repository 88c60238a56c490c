import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OutboxMessage, ProcessedEvent, Punch } from '../../../src/db/entities';
import { FAILURES } from '../../fakes/feishu-server/fake-feishu-state';
import { startFeishuE2e, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import { send } from '../../helpers/http-client';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** At-least-once delivery both ways: duplicates, late redeliveries, a database that goes away, a platform API that hangs or fails. */
for (const kind of dbKinds()) {
  describe(`feishu delivery end to end [${kind}]`, () => {
    let e2e: FeishuE2e;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
    });
    afterAll(() => e2e.close());

    const agent = async (name = '张伟') => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name, role: 'agent' }]);
      return { user: await e2e.bind(people[name]), id: people[name].id };
    };
    /** Resolves once no reply is owed any more (the outbox has no pending row). */
    const outboxSettled = () => e2e.fake.waitFor(async () => (await e2e.ds.getRepository(OutboxMessage).countBy({ status: 'pending' })) === 0, 5000, 'an empty outbox');

    test('the same event delivered three times at once → one punch, one reply', async () => {
      const { user, id } = await agent();
      e2e.clock.set(sh('2026-12-03 09:10:00'));
      const payload = e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 09:02:00') });
      const answers = await Promise.all([1, 2, 3].map(() => e2e.post(payload)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(await e2e.ds.getRepository(Punch).countBy({ employeeId: id })).toBe(1);
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length >= 1, 5000, 'the reply');
      await outboxSettled();
      expect(e2e.fake.textsTo(user.openId)).toEqual([expect.stringMatching(/^上班打卡成功：09:02\n迟到 2 分钟/)]);
    });

    test('delivered hours late it is judged at the time Feishu stamped; redelivered again (new event_id) it changes nothing', async () => {
      const { user, id } = await agent();
      const payload: any = e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 08:58:00') });
      e2e.clock.set(sh('2026-12-03 15:00:00'));
      expect((await e2e.post(payload)).status).toBe(200);
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 1, 5000, 'the reply');
      expect(e2e.fake.textsTo(user.openId)).toEqual(['上班打卡成功：08:58']);
      e2e.clock.set(sh('2026-12-03 21:00:00'));
      const again = { ...payload, header: { ...payload.header, event_id: 'another-event-id-same-message' } };
      expect((await e2e.post(again)).status).toBe(200);
      await outboxSettled();
      expect(await e2e.ds.getRepository(Punch).findBy({ employeeId: id })).toMatchObject([{ at: sh('2026-12-03 08:58:00') }]);
      expect(e2e.fake.textsTo(user.openId)).toHaveLength(1);
    });

    test('a platform API that hangs does not hold the webhook: the 200 arrives while the fake still holds the send', async () => {
      const { user } = await agent();
      const other = await agent('李娜');
      e2e.clock.set(sh('2026-12-03 09:30:00'));
      e2e.fake.hold('send');
      expect((await e2e.post(e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 08:50:00') }))).status).toBe(200);
      await e2e.fake.waitFor(() => e2e.fake.heldCount === 1, 5000, 'the held send');
      const res = await e2e.post(e2e.pushes.text(other.user, '打卡', { at: sh('2026-12-03 08:51:00') }));
      e2e.fake.mark(`webhook answered ${res.status}`);
      expect(e2e.fake.heldCount).toBe(1);
      e2e.fake.release();
      await e2e.fake.waitFor(() => e2e.fake.textsTo(other.user.openId).length === 1, 5000, 'the second reply');
      const t = e2e.fake.state.timeline;
      expect(t.indexOf('held send')).toBeGreaterThanOrEqual(0);
      expect(t.indexOf('held send')).toBeLessThan(t.indexOf('webhook answered 200'));
      expect(t.indexOf('webhook answered 200')).toBeLessThan(t.indexOf('released send'));
      expect(e2e.fake.textsTo(user.openId)).toEqual(['上班打卡成功：08:50']);
    });

    test('a sick note download that hangs is given up within its short timeout: the webhook still answers', async () => {
      const { user } = await agent();
      e2e.clock.set(sh('2026-12-03 10:10:00'));
      await e2e.post(e2e.pushes.text(user, '请假 病假 12月4日 全天 发烧', { at: sh('2026-12-03 10:10:00') }));
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 1, 5000, 'the leave reply');
      e2e.fake.addResource('om_hanging_note', 'img_hanging', 'image', Buffer.from('png'), 'image/png');
      e2e.fake.hold('resource');
      const res = await e2e.post(e2e.pushes.message(user, 'image', { image_key: 'img_hanging' }, { at: sh('2026-12-03 10:11:00'), messageId: 'om_hanging_note' }));
      e2e.fake.mark(`webhook answered ${res.status}`);
      expect(e2e.fake.heldCount).toBe(1);
      e2e.fake.release();
      const t = e2e.fake.state.timeline;
      expect(t.lastIndexOf('held resource')).toBeLessThan(t.lastIndexOf('webhook answered 200'));
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 2, 5000, 'the try-again reply');
      expect(e2e.fake.textsTo(user.openId)[1]).toMatch(/^抱歉，刚才处理出错了，这条消息没有被记录。请稍后再发一次/);
    });

    test('sending failures: 500 retried with backoff, 429 waits x-ogw-ratelimit-reset, an invalid receiver is given up', async () => {
      const { user } = await agent();
      const pending = async () => e2e.ds.getRepository(OutboxMessage).findOneOrFail({ where: { status: 'pending' }, order: { id: 'DESC' } });
      e2e.clock.set(sh('2026-12-03 09:40:00'));
      e2e.fake.failNext('send', FAILURES.serverError());
      e2e.fake.failNext('send', FAILURES.rateLimited(7));
      await e2e.post(e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 08:40:00') }));
      const afterFirst = await e2e.fake.waitFor(async () => { const r = await pending(); return r.attempts === 1 && r; }, 5000, 'the first failure');
      expect(afterFirst).toMatchObject({ lastError: expect.stringContaining('HTTP 500') });
      e2e.clock.advance(2000);
      e2e.wakeOutbox();
      const row = await e2e.fake.waitFor(async () => { const r = await pending(); return r.attempts === 2 && r; }, 5000, 'the 429');
      expect(row.lastError).toContain('app rate limit');
      expect(row.nextAttemptAt.getTime() - e2e.clock.now().getTime()).toBe(7000);
      e2e.clock.advance(7000);
      e2e.wakeOutbox();
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 1, 5000, 'the delivered reply');
      const gone = { openId: 'ou_left_the_company' };
      e2e.fake.app.unreachable.add(gone.openId);
      await e2e.post(e2e.pushes.text(gone, '打卡', { at: sh('2026-12-03 09:41:00') }));
      const failed = await e2e.fake.waitFor(() => e2e.ds.getRepository(OutboxMessage).findOneBy({ status: 'failed' }), 5000, 'the given-up row');
      expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringContaining("outside the app's availability range (code 230013)") });
    });

    test('an expired tenant token (99991663) is dropped and fetched again, and the send goes through first time', async () => {
      const { user } = await agent();
      const tokensBefore = e2e.fake.state.calls.filter((c) => c.route === 'token').length;
      e2e.fake.revokeTokens();
      e2e.clock.set(sh('2026-12-03 09:50:00'));
      await e2e.post(e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 08:45:00') }));
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 1, 5000, 'the reply');
      const calls = e2e.fake.state.calls.slice(-3).map((c) => [c.route, c.status]);
      expect(calls).toEqual([['send', 400], ['token', 200], ['send', 200]]);
      expect(e2e.fake.state.calls.filter((c) => c.route === 'token').length).toBe(tokensBefore + 1);
    });
  });

  describe(`feishu with the database down [${kind}]`, () => {
    let e2e: FeishuE2e;
    let dir: string | undefined;
    beforeAll(async () => {
      // Why a file for SQLite: closing an in-memory database loses it, so "back" would be a
      // different, empty database; a file is the same database once reopened, like MySQL's.
      dir = kind === 'sqlite' ? mkdtempSync(path.join(tmpdir(), 'feishu-db-down-')) : undefined;
      e2e = await startFeishuE2e(kind, dir ? { databaseUrl: `sqlite:${path.join(dir, 'bot.sqlite')}` } : {});
    });
    afterAll(async () => {
      if (!e2e.ds.isInitialized) await e2e.ds.initialize();
      await e2e.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('→ 503 and nothing answered; once it is back, Feishu’s retry of the same message is stored and answered', async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
      const user = await e2e.bind(people['张伟']);
      e2e.clock.set(sh('2026-12-03 09:20:00'));
      const payload = e2e.pushes.text(user, '打卡', { at: sh('2026-12-03 09:04:00') });
      // The database goes away: the pool (MySQL) or the file handle (SQLite) is closed.
      await e2e.ds.destroy();
      const down = await e2e.post(payload);
      expect([down.status, down.json()]).toEqual([503, { error: 'service unavailable, retry later' }]);
      expect((await send(e2e.port, { path: '/readyz' })).status).toBe(503);
      await e2e.ds.initialize();
      e2e.clock.set(sh('2026-12-03 09:20:15'));
      const retried = await e2e.post(payload);
      expect(retried.status).toBe(200);
      expect(await e2e.ds.getRepository(Punch).findBy({ employeeId: people['张伟'].id })).toMatchObject([{ at: sh('2026-12-03 09:04:00') }]);
      expect(await e2e.ds.getRepository(ProcessedEvent).count()).toBe(1);
      await e2e.fake.waitFor(() => e2e.fake.textsTo(user.openId).length === 1, 5000, 'the reply');
      expect(e2e.fake.textsTo(user.openId)[0]).toMatch(/^上班打卡成功：09:04\n迟到 4 分钟/);
    });
  });
}
