import { encrypt, getSignature } from '@wecom/crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_ENVELOPE_BYTES } from '../../../bots/wecom/callback-parser';
import { LeaveRequest, ProcessedEvent, Punch } from '../../../src/db/entities';
import { SAMPLE_SECRETS, signedCallback } from '../../fakes/wecom-server';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

const corp: string = SAMPLE_SECRETS.corpId;

/**
 * WeCom callbacks tried as an attacker with curl would: nothing is parsed before the signature
 * over the Encrypt text is checked, no body is larger than an envelope can be, no parser error
 * becomes a 500, a CreateTime is a time within the window, and a card click carries only what
 * the bot's button keys look like (docs/platforms/wecom.md §1.3–§1.5, §2.2, §3.4).
 */
for (const kind of dbKinds()) {
  describe(`WeCom end to end: inputs that reach too far [${kind}]`, () => {
    let rig: WecomRig;
    let parse: jest.SpyInstance;
    let validate: jest.SpyInstance;
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [
        { name: '王强', role: 'supervisor', userid: 'wangqiang' },
        { name: '张伟', role: 'agent', userid: 'zhangwei' },
      ]);
    });
    afterAll(() => rig?.close());
    beforeEach(() => {
      parse = jest.spyOn(XMLParser.prototype, 'parse');
      validate = jest.spyOn(XMLValidator, 'validate');
    });
    afterEach(() => jest.restoreAllMocks());

    const post = async (path: string, body: string | Buffer): Promise<{ status: number; text: string }> => {
      const res = await fetch(`${rig.bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      return { status: res.status, text: await res.text() };
    };
    const unsignedPath = `/webhooks/wecom?msg_signature=${'0'.repeat(40)}&timestamp=1700000000&nonce=1`;
    const envelopeOf = (enc: string, inner = '') => `<xml><ToUserName><![CDATA[${corp}]]></ToUserName>${inner}<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
    /** A signed query for the Encrypt text `enc`, whatever body carries it. */
    const pathFor = (enc: string) => `/webhooks/wecom?msg_signature=${getSignature(SAMPLE_SECRETS.token, '1700000000', '7', enc)}&timestamp=1700000000&nonce=7`;
    const punch = (msgId: string, createTime: number | string) =>
      `<xml><ToUserName><![CDATA[${corp}]]></ToUserName><FromUserName><![CDATA[zhangwei]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[打卡]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
    /** What is stored and sent, once the replies owed so far have gone out. */
    const snapshot = async () => {
      await rig.drained();
      return { ...(await rig.stored()), punches: await rig.bot.ds.getRepository(Punch).count(), sends: rig.fake.records.length };
    };

    test('an unsigned body of 1 MB is refused with 413 before anything parses it', async () => {
      const before = await snapshot();
      const body = envelopeOf('A'.repeat(1_000_000));
      const res = await post(unsignedPath, body);
      expect(res.status).toBe(413);
      expect(parse).not.toHaveBeenCalled();
      expect(validate).not.toHaveBeenCalled();
      expect(await snapshot()).toEqual(before);
    });

    test('an unsigned envelope under the bound, with 5,000 elements around its Encrypt, is 401 and never parsed', async () => {
      const filler = '<a>x</a>'.repeat(5000);
      const body = envelopeOf(Buffer.alloc(64, 1).toString('base64'), filler);
      expect(Buffer.byteLength(body)).toBeLessThan(MAX_ENVELOPE_BYTES);
      const before = await snapshot();
      expect((await post(unsignedPath, body)).status).toBe(401);
      expect(parse).not.toHaveBeenCalled();
      expect(validate).not.toHaveBeenCalled();
      expect(await snapshot()).toEqual(before);
    });

    test('a correctly signed Encrypt inside an envelope nested 5,000 deep is 400, not 500; 100,000 deep is 413', async () => {
      const enc = encrypt(SAMPLE_SECRETS.encodingAesKey, punch('9300000000000000001', rig.stamp('2026-12-03 09:00:00')), corp);
      const nested = (depth: number) => envelopeOf(enc, `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);
      const before = await snapshot();
      expect((await post(pathFor(enc), nested(5000))).status).toBe(400);
      expect((await post(pathFor(enc), nested(100_000))).status).toBe(413);
      expect(await snapshot()).toEqual(before);
    });

    test.each([
      ['nested 200 deep', `<xml><FromUserName>zhangwei</FromUserName>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</xml>`],
      ['not well formed', '<xml><FromUserName>zhangwei</FromUserName><CreateTime>1</xml>'],
      ['declaring entities', '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>'],
      ['a lone ampersand', '<xml><Content>a & b</Content></xml>'],
    ])('a signed payload that decrypts to XML %s is 400, nothing stored', async (_case, inner) => {
      const cb = signedCallback(SAMPLE_SECRETS, inner);
      const before = await snapshot();
      expect((await post(cb.path, cb.body)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    test('an envelope whose parsed Encrypt is not the one the scan found and the signature covers is 400', async () => {
      const signed = encrypt(SAMPLE_SECRETS.encodingAesKey, punch('9300000000000000002', rig.stamp('2026-12-03 09:00:00')), corp);
      const other = encrypt(SAMPLE_SECRETS.encodingAesKey, punch('9300000000000000003', rig.stamp('2026-12-03 09:00:00')), corp);
      const before = await snapshot();
      const commented = `<xml><!--<Encrypt>${signed}</Encrypt>--><Encrypt >${other}</Encrypt ></xml>`;
      expect((await post(pathFor(signed), commented)).status).toBe(400);
      expect((await post(pathFor(signed), `<xml><Encrypt>${signed}</Encrypt><Encrypt>${other}</Encrypt></xml>`)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    test('a punch stamped tomorrow, or beyond the 5-minute skew, is refused like a stale one: 200, nothing stored', async () => {
      const now = sh('2026-12-03 09:20:00');
      rig.clock.set(now);
      const seconds = (ms: number) => Math.floor((now.getTime() + ms) / 1000);
      const before = await snapshot();
      for (const [msgId, ahead] of [['9400000000000000001', 24 * 3600_000], ['9400000000000000002', 5 * 60_000 + 2000]] as const) {
        expect((await rig.post(punch(msgId, seconds(ahead)))).status).toBe(200);
      }
      expect(await snapshot()).toEqual(before);
      expect(await rig.bot.ds.getRepository(ProcessedEvent).count()).toBe(before.events);
      expect((await rig.post(punch('9400000000000000003', seconds(4 * 60_000)))).status).toBe(200);
      expect(await rig.bot.ds.getRepository(Punch).count()).toBe(before.punches + 1);
    });

    test.each([
      ['20 digits (no date at all)', '99999999999999999999'],
      ['18 digits', '100000000000000000'],
    ])('a CreateTime of %s is no time: 400 (it was taken as an Invalid Date)', async (_case, createTime) => {
      const before = await snapshot();
      const cb = signedCallback(SAMPLE_SECRETS, punch('9500000000000000001', createTime));
      expect((await post(cb.path, cb.body)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    describe('card clicks', () => {
      let leaveId: number;
      beforeAll(async () => {
        await rig.text('张伟', '请假 事假 12月4日 全天 家里有事', '2026-12-03 10:00:00');
        leaveId = (await rig.bot.ds.getRepository(LeaveRequest).findOneByOrFail({ employeeId: rig.people['张伟'].employee.id })).id;
      });
      const pending = async () => (await rig.bot.ds.getRepository(LeaveRequest).findOneByOrFail({ id: leaveId })).status;
      let minute = 10;
      const at = () => `2026-12-03 10:${String(++minute).padStart(2, '0')}:00`;

      test.each([
        ['__proto__ as the action', '__proto__'],
        ['a repeated value', () => `leave.approve?id=${leaveId}&id=1`],
        ['a value name that is no name', () => `leave.approve?__proto__=${leaveId}`],
        ['an action with spaces', 'leave approve'],
      ])('an EventKey with %s is 400 and changes nothing', async (_case, key) => {
        const before = await snapshot();
        const eventKey = typeof key === 'function' ? key() : key;
        expect((await rig.click('王强', 'bot_task_1', eventKey, at())).status).toBe(400);
        expect(await pending()).toBe('pending');
        expect(await snapshot()).toEqual(before);
      });

      test.each([
        ['SQL in the id', () => 'leave.approve?id=1+OR+1%3D1', '这张卡片的按钮数据不对，没有处理。请重新发送命令。\n正确示例：同意 L42'],
        ['the id in hex', () => `leave.approve?id=0x${leaveId.toString(16)}`, '这张卡片的按钮数据不对，没有处理。请重新发送命令。\n正确示例：同意 L42'],
        ['constructor as the action', () => 'constructor', '这张卡片已失效，请重新发送命令。'],
      ])('a click with %s is answered with a refusal and changes nothing', async (_case, key, reply) => {
        const sent = rig.fake.textsTo('wangqiang').length;
        expect((await rig.click('王强', 'bot_task_1', key(), at())).status).toBe(200);
        expect(await rig.inbox('王强', sent + 1)).toEqual([...rig.fake.textsTo('wangqiang').slice(0, sent), reply]);
        expect(await pending()).toBe('pending');
      });
    });
  });
}
