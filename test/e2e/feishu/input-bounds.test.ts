import { AESCipher } from '@larksuiteoapi/node-sdk';
import { MAX_PUSH_BYTES } from '../../../bots/feishu/feishu-webhook';
import { LeaveRequest, OutboxMessage, ProcessedEvent, Punch } from '../../../src/db/entities';
import { feishuEncrypt } from '../../fakes/feishu-server/feishu-push-builder';
import { startFeishuE2e, TEST_APP, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import type { FeishuUser } from '../../fakes/feishu-server/feishu-push-builder';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/**
 * Feishu pushes tried as an attacker with curl would: nothing unsigned larger than a challenge
 * is parsed or decrypted, no push is larger than a message can be, an event stamped in the
 * future is refused like a stale one, and a card callback carries only what the bot's cards
 * put there (docs/platforms/feishu.md §1.2–§1.4, §2.3).
 */
for (const kind of dbKinds()) {
  describe(`feishu webhook: inputs that reach too far [${kind}]`, () => {
    let e2e: FeishuE2e;
    let boss: FeishuUser;
    let agent: FeishuUser;
    let decrypt: jest.SpyInstance;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
      boss = await e2e.bind(people['王强']);
      agent = await e2e.bind(people['张伟']);
    });
    afterAll(() => e2e.close());
    beforeEach(() => {
      decrypt = jest.spyOn(AESCipher.prototype, 'decrypt');
    });
    afterEach(() => jest.restoreAllMocks());

    const stored = async () => ({
      events: await e2e.ds.getRepository(ProcessedEvent).count(),
      punches: await e2e.ds.getRepository(Punch).count(),
      outbox: await e2e.ds.getRepository(OutboxMessage).count(),
    });
    const unsigned = (body: string) => ({ body, headers: { 'content-type': 'application/json' } });

    test('an unsigned body of 1 MB is refused with 413, neither parsed nor decrypted', async () => {
      const before = await stored();
      const res = await e2e.post(unsigned(JSON.stringify({ encrypt: 'A'.repeat(1_000_000) })));
      expect(res.status).toBe(413);
      expect(decrypt).not.toHaveBeenCalled();
      expect(await stored()).toEqual(before);
    });

    test('an unsigned body larger than any challenge is 401 without being decrypted; the challenge itself still passes', async () => {
      const before = await stored();
      const res = await e2e.post(unsigned(JSON.stringify({ encrypt: feishuEncrypt('x'.repeat(100_000), TEST_APP.encryptKey) })));
      expect([res.status, res.json()]).toEqual([401, { error: 'missing signature' }]);
      expect(decrypt).not.toHaveBeenCalled();
      expect((await e2e.post(e2e.pushes.challenge('challenge-after'))).json()).toEqual({ challenge: 'challenge-after' });
      expect(await stored()).toEqual(before);
    });

    test('a signed push larger than a message can be is 413', async () => {
      const res = await e2e.post(e2e.pushes.sign(JSON.stringify({ encrypt: 'A'.repeat(MAX_PUSH_BYTES) })));
      expect(res.status).toBe(413);
      expect(decrypt).not.toHaveBeenCalled();
    });

    test('a punch stamped tomorrow or past the 5-minute skew is refused like a stale one: 200, nothing stored', async () => {
      e2e.clock.set(sh('2026-12-03 09:30:00'));
      const before = await stored();
      for (const at of ['2026-12-04 09:00:00', '2026-12-03 09:35:01']) {
        const res = await e2e.post(e2e.pushes.text(agent, '打卡', { at: sh(at) }));
        expect([res.status, res.json()]).toEqual([200, {}]);
      }
      const click = await e2e.post(e2e.pushes.cardAction(agent, { action: 'meeting.checkin' }, { at: sh('2026-12-04 17:00:00') }));
      expect([click.status, click.json()]).toEqual([200, {}]);
      expect(await stored()).toEqual(before);
      expect((await e2e.post(e2e.pushes.text(agent, '打卡', { at: sh('2026-12-03 09:34:00') }))).status).toBe(200);
      expect((await stored()).punches).toBe(before.punches + 1);
    });

    describe('card callbacks', () => {
      let leaveId: number;
      beforeAll(async () => {
        e2e.clock.set(sh('2026-12-03 10:00:00'));
        await e2e.post(e2e.pushes.text(agent, '请假 事假 12月4日 全天 家里有事', { at: sh('2026-12-03 10:00:00') }));
        leaveId = (await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ reason: '家里有事' })).id;
      });
      const status = async () => (await e2e.ds.getRepository(LeaveRequest).findOneByOrFail({ id: leaveId })).status;
      const click = (value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
        e2e.post(e2e.pushes.cardAction(boss, value, { at: sh('2026-12-03 10:05:00'), formValue }));

      test.each<[string, () => Record<string, unknown>, Record<string, unknown> | undefined]>([
        ['the id as an array', () => ({ action: 'leave.approve', id: [String(leaveId)] }), undefined],
        ['the id as an object', () => ({ action: 'leave.approve', id: { toString: String(leaveId) } }), undefined],
        ['the id as a number', () => ({ action: 'leave.approve', id: leaveId }), undefined],
        ['the action as an array', () => ({ action: ['leave.approve'], id: String(leaveId) }), undefined],
        ['__proto__ as the action', () => ({ action: '__proto__', id: String(leaveId) }), undefined],
        ['a huge value', () => ({ action: 'leave.approve', id: '9'.repeat(100_000) }), undefined],
        ['a form input as an object', () => ({ action: 'leave.reject', id: String(leaveId) }), { reason: { text: '当天有培训' } }],
      ])('a callback with %s is malformed: 400, the request stays pending', async (_case, value, formValue) => {
        const before = await stored();
        const res = await click(value(), formValue);
        expect(res.status).toBe(400);
        expect(await status()).toBe('pending');
        expect(await stored()).toEqual(before);
      });

      const forgedValue = '这张卡片的按钮数据不对，没有处理。请重新发送命令。\n正确示例：同意 L42';
      test.each<[string, () => Record<string, unknown>, Record<string, unknown> | undefined, string]>([
        ['SQL in the id', () => ({ action: 'leave.approve', id: '1 OR 1=1' }), undefined, forgedValue],
        ['constructor as the action', () => ({ action: 'constructor' }), undefined, '这张卡片已失效，请重新发送命令。'],
        // Why not a 400: JSON.parse makes '__proto__' an own key, and the shape check drops it unread.
        ['the id under __proto__', () => JSON.parse(`{"action":"leave.approve","__proto__":"${leaveId}"}`), undefined, forgedValue],
        ['the reason under __proto__', () => ({ action: 'leave.reject', id: String(leaveId) }), JSON.parse('{"__proto__":"当天有培训"}'), '驳回请写明原因。\n正确示例：驳回 L' + '#' + ' 当天有培训'],
      ])('a callback with %s is answered with a refusal toast, the request stays pending', async (_case, value, formValue, text) => {
        const res = await click(value(), formValue);
        expect([res.status, res.json()]).toEqual([200, { toast: { type: 'warning', content: text.replace('#', String(leaveId)) } }]);
        expect(await status()).toBe('pending');
      });
    });
  });
}
