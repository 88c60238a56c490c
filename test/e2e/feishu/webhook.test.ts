import { OutboxMessage, ProcessedEvent, Punch } from '../../../src/db/entities';
import { startFeishuE2e, TEST_APP, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import { feishuEncrypt, FeishuPushBuilder } from '../../fakes/feishu-server/feishu-push-builder';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** What Feishu pushes is refused unless it is signed, decryptable, well-formed and carries our token. */
for (const kind of dbKinds()) {
  describe(`feishu webhook: verification and envelopes [${kind}]`, () => {
    let e2e: FeishuE2e;
    let agent: { openId: string; name?: string };
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
      agent = await e2e.bind(people['张伟']);
    });
    afterAll(() => e2e.close());

    const clockIn = (opts: { token?: string } = {}) => e2e.pushes.text(agent, '打卡', { at: sh('2026-12-03 08:58:00'), ...opts });
    /** Nothing of the request reached the database: no claim, no punch, no reply owed. */
    const nothingStored = async () => {
      expect(await e2e.ds.getRepository(ProcessedEvent).count()).toBe(0);
      expect(await e2e.ds.getRepository(Punch).count()).toBe(0);
      expect(await e2e.ds.getRepository(OutboxMessage).count()).toBe(0);
    };

    test('the URL verification challenge is encrypted and unsigned, and answered in plain JSON', async () => {
      const res = await e2e.post(e2e.pushes.challenge('challenge-abc123'));
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ challenge: 'challenge-abc123' });
      expect(res.headers['content-type']).toMatch(/application\/json/);
    });

    test('a challenge with another Verification Token is refused', async () => {
      const res = await e2e.post(e2e.pushes.challenge('challenge-x', 'someone-elses-token'));
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: 'wrong verification token' });
    });

    test('a forged signature → 401, nothing stored', async () => {
      const push = e2e.pushes.push(clockIn());
      const forged = { ...push, headers: { ...push.headers, 'x-lark-signature': 'a'.repeat(64) } };
      const res = await e2e.post(forged);
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: 'bad signature' });
      const signedWithAnotherKey = new FeishuPushBuilder({ ...TEST_APP, encryptKey: 'not-our-key' }).push(clockIn());
      expect((await e2e.post(signedWithAnotherKey)).status).toBe(401);
      await nothingStored();
    });

    test('an event without signature headers → 401 (only the challenge comes unsigned)', async () => {
      const push = e2e.pushes.push(clockIn());
      const res = await e2e.post({ body: push.body, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: 'missing signature' });
      await nothingStored();
    });

    test('a correctly signed event with a wrong Verification Token → 401, nothing stored', async () => {
      const res = await e2e.post(clockIn({ token: 'not-the-verification-token' }));
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: 'wrong verification token' });
      await nothingStored();
    });

    test('a truncated body: with the original signature it is refused (401); signed as cut it is malformed (400)', async () => {
      const push = e2e.pushes.push(clockIn());
      const cut = push.body.slice(0, Math.floor(push.body.length / 2));
      expect((await e2e.post({ body: cut, headers: push.headers })).status).toBe(401);
      const res = await e2e.post(e2e.pushes.sign(cut));
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: 'the request body is not valid JSON' });
      await nothingStored();
    });

    test('malformed bodies → 400 with a reason', async () => {
      const cases: Array<[string, RegExp]> = [
        [JSON.stringify({ hello: 'world' }), /the request body is not valid \(encrypt: /],
        [JSON.stringify({ encrypt: 'not base64 at all!' }), /^encrypt is not base64$/],
        // With a wrong key the padding is usually invalid, but about once in 256 random IVs it
        // happens to be valid and the garbage fails as JSON instead: either way a 400.
        [JSON.stringify({ encrypt: feishuEncrypt('{"schema":"2.0"}', 'another-key') }), /^(encrypt does not decrypt with the Encrypt Key|the decrypted event is not valid JSON)$/],
        [JSON.stringify({ encrypt: feishuEncrypt('not json', TEST_APP.encryptKey) }), /^the decrypted event is not valid JSON$/],
      ];
      for (const [body, reason] of cases) {
        const res = await e2e.post(e2e.pushes.sign(body));
        expect([res.status, res.json().error]).toEqual([400, expect.stringMatching(reason)]);
      }
      const noEventId: any = clockIn();
      delete noEventId.header.event_id;
      const res = await e2e.post(noEventId);
      expect([res.status, res.json().error]).toEqual([400, 'the event envelope is not valid (header.event_id: Invalid input: expected string, received undefined)']);
      const legacy = await e2e.post({ uuid: 'u1', token: TEST_APP.verificationToken, ts: '1', type: 'event_callback', event: { type: 'message' } });
      expect([legacy.status, legacy.json().error]).toEqual([400, expect.stringMatching(/^the event envelope is not valid \(schema: /)]);
      const badText: any = clockIn();
      badText.event.message.content = '{"txt":"打卡"}';
      expect((await e2e.post(badText)).json()).toEqual({ error: expect.stringMatching(/^the text content is not valid \(text: /) });
      const badTime: any = clockIn();
      badTime.header.create_time = '123456789012345678';
      expect((await e2e.post(badTime)).status).toBe(400);
      await nothingStored();
    });

    test('an event type the bot does not handle is acknowledged (200) and nothing is stored', async () => {
      const res = await e2e.post(e2e.pushes.envelope('im.chat.member.bot.added_v1', { chat_id: 'oc_new', operator_id: { open_id: agent.openId } }));
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({});
      await nothingStored();
    });

    test('the signature is over the bytes: a pretty-printed body, correctly signed, is accepted (the SDK would refuse it)', async () => {
      const compact = e2e.pushes.push(clockIn());
      const pretty = e2e.pushes.sign(JSON.stringify(JSON.parse(compact.body), null, 2));
      const res = await e2e.post(pretty);
      expect(res.status).toBe(200);
      expect(await e2e.ds.getRepository(Punch).count()).toBe(1);
      await e2e.fake.waitFor(() => e2e.fake.textsTo(agent.openId).length === 1, 5000, 'the clock-in reply');
      expect(e2e.fake.textsTo(agent.openId)).toEqual(['上班打卡成功：08:58']);
    });
  });
}
