import { encrypt, getSignature } from '@wecom/crypto';
import { PointEntry, Punch } from '../../../src/db/entities';
import { payloads, SAMPLE_SECRETS, signedCallback, type SignedCallback } from '../../fakes/wecom-server';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { dbKinds } from '../../helpers/test-db';

const corp: string = SAMPLE_SECRETS.corpId;

/** What nobody but WeCom should get through: forged, foreign, malformed and replayed callbacks. */
for (const kind of dbKinds()) {
  describe(`WeCom end to end: refused and replayed callbacks [${kind}]`, () => {
    let rig: WecomRig;
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [
        { name: '王强', role: 'supervisor', userid: 'wangqiang' },
        { name: '张伟', role: 'agent', userid: 'zhangwei' },
      ]);
    });
    afterAll(() => rig?.close());

    const raw = async (path: string, body: string): Promise<{ status: number; text: string }> => {
      const res = await fetch(`${rig.bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      return { status: res.status, text: await res.text() };
    };
    const punch = (msgId: string) => payloads.text(corp, { from: 'zhangwei', createTime: rig.stamp('2026-12-03 09:00:00'), content: '打卡', msgId });
    const signed = (payload: string, receiveId = corp): SignedCallback => signedCallback(SAMPLE_SECRETS, payload, { receiveId });

    /** Posts and checks the status, that nothing was stored and that nothing was sent. */
    const refused = async (path: string, body: string, status: number): Promise<void> => {
      const before = await rig.stored();
      const sends = rig.fake.records.length;
      expect((await raw(path, body)).status).toBe(status);
      expect(await rig.stored()).toEqual(before);
      expect(rig.fake.records.length).toBe(sends);
    };

    test('a forged signature is 401 and stores nothing', async () => {
      const cb = signed(punch('9000000000000000001'));
      await refused(cb.path.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'a'.repeat(40)}`), cb.body, 401);
    });

    test('a missing signature is 401', async () => {
      const cb = signed(punch('9000000000000000002'));
      await refused(cb.path.replace(/msg_signature=[0-9a-f]+&/, ''), cb.body, 401);
    });

    test('a body altered after signing (another Encrypt) is 401', async () => {
      const cb = signed(punch('9000000000000000003'));
      const other = signed(punch('9000000000000000004'));
      await refused(cb.path, other.body, 401);
    });

    test('a correctly signed payload for another CorpID is 401', async () => {
      const cb = signed(punch('9000000000000000005'), 'wwOTHERCORP000000');
      await refused(cb.path, cb.body, 401);
    });

    test('a payload addressed (ToUserName) to another corp is 401', async () => {
      const cb = signed(payloads.text('wwOTHERCORP000000', { from: 'zhangwei', createTime: rig.stamp('2026-12-03 09:00:00'), content: '打卡', msgId: '9000000000000000006' }));
      await refused(cb.path, cb.body, 401);
    });

    test.each([
      ['truncated XML', (cb: SignedCallback) => cb.body.slice(0, Math.floor(cb.body.length / 2))],
      ['a JSON body', () => '{"encrypt":"abc"}'],
      ['an empty body', () => ''],
      ['plain text', () => 'hello wecom'],
    ])('%s is 400 and stores nothing', async (_case, mangle) => {
      const cb = signed(punch('9000000000000000007'));
      await refused(cb.path, mangle(cb), 400);
    });

    test('a signed ciphertext that does not decrypt, or decrypts to no XML, is 400', async () => {
      const junk = Buffer.alloc(48, 7).toString('base64');
      const q = (enc: string) => `/webhooks/wecom?msg_signature=${getSignature(SAMPLE_SECRETS.token, '1', '2', enc)}&timestamp=1&nonce=2`;
      const envelope = (enc: string) => `<xml><ToUserName><![CDATA[${corp}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
      await refused(q(junk), envelope(junk), 400);
      const notXml = encrypt(SAMPLE_SECRETS.encodingAesKey, 'hello', corp);
      await refused(q(notXml), envelope(notXml), 400);
    });

    test('a replayed callback takes effect once: the same request twice, re-signed, and three at once', async () => {
      const payload = payloads.text(corp, { from: 'zhangwei', createTime: rig.stamp('2026-12-03 09:12:00'), content: '打卡', msgId: '9100000000000000001' });
      const cb = signed(payload);
      expect(await raw(cb.path, cb.body)).toEqual({ status: 200, text: '' });
      expect(await raw(cb.path, cb.body)).toEqual({ status: 200, text: '' });
      expect((await rig.post(payload, { duplicates: 3 })).status).toBe(200);
      const burst = await Promise.all([1, 2, 3].map(() => rig.post(payload)));
      expect(burst.map((d) => d.status)).toEqual([200, 200, 200]);
      const employeeId = rig.people['张伟'].employee.id;
      expect(await rig.bot.ds.getRepository(Punch).countBy({ employeeId })).toBe(1);
      expect(await rig.bot.ds.getRepository(PointEntry).countBy({ employeeId })).toBe(1);
      await rig.drained();
      expect(rig.fake.textsTo('zhangwei')).toEqual([expect.stringMatching(/^上班打卡成功：09:12\n迟到 12 分钟/)]);
    });

    test('an unknown WeCom account gets the one polite reply', async () => {
      rig.fake.users.add('stranger');
      await rig.post(payloads.text(corp, { from: 'stranger', createTime: rig.stamp('2026-12-03 09:30:00'), content: '打卡', msgId: '9200000000000000001' }));
      const [reply] = await rig.fake.waitFor(() => rig.fake.textsTo('stranger').length > 0 && rig.fake.textsTo('stranger'), 'the reply to a stranger');
      expect(reply).toContain('还没有登记为公司员工');
    });
  });
}
