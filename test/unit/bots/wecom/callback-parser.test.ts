import { CallbackRejected } from '../../../../bots/wecom/callback-crypto';
import { parseEnvelope, parseInner, selectedOptions } from '../../../../bots/wecom/callback-parser';
import { dedupKeyOf, instantOf, toIncomingEvent } from '../../../../bots/wecom/event-decoder';
import { payloads, SAMPLE_SECRETS } from '../../../fakes/wecom-server';

const corp = SAMPLE_SECRETS.corpId;
const noMedia = async () => {
  throw new Error('no media here');
};
const status = (f: () => unknown): number | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof CallbackRejected ? e.status : -1;
  }
  return undefined;
};

describe('WeCom callback XML (docs/platforms/wecom.md §1.3, §2)', () => {
  test('the envelope: CDATA AgentID outside, Encrypt kept verbatim', () => {
    const body = Buffer.from(`<xml><ToUserName><![CDATA[${corp}]]></ToUserName><Encrypt><![CDATA[ab+/cd==]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`);
    expect(parseEnvelope(body)).toEqual({ encrypt: 'ab+/cd==', toUserName: corp });
  });

  test.each([
    ['truncated XML', '<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[abc'],
    ['JSON', '{"encrypt":"abc"}'],
    ['nothing', ''],
    ['XML without Encrypt', '<xml><ToUserName>x</ToUserName></xml>'],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'],
  ])('a body of %s is a 400', (_case, body) => {
    expect(status(() => parseEnvelope(Buffer.from(body)))).toBe(400);
  });

  test('the real capture form: CDATA strings, bare integers; a 19-digit MsgId keeps every digit', () => {
    const m = parseInner(payloads.text(corp, { from: 'xen0n', createTime: 1583995625, content: '  打卡 ', msgId: '7291234567890123456' }));
    expect(m).toMatchObject({ FromUserName: 'xen0n', CreateTime: '1583995625', MsgType: 'text', Content: '  打卡 ', MsgId: '7291234567890123456', AgentID: '1000002' });
  });

  test('the official sample form without CDATA parses alike', () => {
    const m = parseInner(`<xml><ToUserName>${corp}</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>`);
    expect(m).toMatchObject({ FromUserName: 'ChenJiaShun', Content: '你好', MsgId: '1456453720' });
  });

  test('a payload missing FromUserName or with a non-numeric CreateTime is a 400', () => {
    expect(status(() => parseInner(`<xml><ToUserName>${corp}</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>`))).toBe(400);
    expect(status(() => parseInner(`<xml><ToUserName>${corp}</ToUserName><FromUserName>a</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>`))).toBe(400);
  });

  test.each(['OpitonIds', 'OptionIds'] as const)('selected options read under the %s spelling', (spelling) => {
    const xml = payloads.cardClick(corp, { from: 'm', createTime: 1700000000, eventKey: 'k', taskId: 't', responseCode: 'rc', spelling, selected: [{ questionKey: 'q1', optionIds: ['o1'] }, { questionKey: 'q2', optionIds: ['a', 'b'] }] });
    expect(selectedOptions(parseInner(xml))).toEqual([{ questionKey: 'q1', optionIds: ['o1'] }, { questionKey: 'q2', optionIds: ['a', 'b'] }]);
  });
});

describe('WeCom payload → neutral event', () => {
  test('text: MsgId is the dedup key, CreateTime the time it was sent, the chat is direct', () => {
    const e = toIncomingEvent(parseInner(payloads.text(corp, { from: 'zhangwei', createTime: 1764723930, content: '打卡', msgId: '42' })), noMedia);
    expect(e).toMatchObject({ type: 'message', platform: 'wecom', dedupKey: 'msg:42', senderId: 'zhangwei', chat: { kind: 'direct', id: 'zhangwei' }, text: '打卡', files: [] });
    expect(e!.sentAt.toISOString()).toBe('2025-12-03T01:05:30.000Z');
  });

  test('a card click: action and entity from EventKey, key = From + CreateTime + TaskId + EventKey', () => {
    const xml = payloads.cardClick(corp, { from: 'wangqiang', createTime: 1700000000, eventKey: 'leave.approve?id=42', taskId: 'bot_x_1', responseCode: 'RC1', selected: [{ questionKey: 'q', optionIds: ['o'] }] });
    expect(toIncomingEvent(parseInner(xml), noMedia)).toMatchObject({
      type: 'card-action', actionId: 'leave.approve', value: { id: '42' }, form: { q: 'o' }, cardMessageId: 'bot_x_1',
      dedupKey: 'card:wangqiang:1700000000:template_card_event:bot_x_1:leave.approve?id=42',
    });
  });

  test('an image: the MediaId is fetched on demand and names the file', async () => {
    const e = toIncomingEvent(parseInner(payloads.image(corp, { from: 'zhangwei', createTime: 1700000000, mediaId: 'MEDIA_1', msgId: '7' })), async (id) => ({ content: Buffer.from(id), fileName: 'note.png', mimeType: 'image/png' }));
    if (e?.type !== 'message') throw new Error('expected a message');
    expect(e.text).toBe('');
    const file = e.files[0];
    expect(file.key).toBe('MEDIA_1');
    expect((await file.fetch()).toString()).toBe('MEDIA_1');
    expect(file).toMatchObject({ fileName: 'note.png', mimeType: 'image/png' });
  });

  test('enter_agent asks for help; voice and unknown events are ignored', () => {
    expect(toIncomingEvent(parseInner(payloads.enterAgent(corp, { from: 'u', createTime: 1700000000 })), noMedia)).toMatchObject({ type: 'message', text: '帮助', dedupKey: 'event:u:1700000000:enter_agent' });
    const voice = `<xml><ToUserName>${corp}</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType><MediaId>m</MediaId><MsgId>1</MsgId></xml>`;
    expect(toIncomingEvent(parseInner(voice), noMedia)).toBeNull();
  });

  test('very long keys are hashed to fit the dedup column', () => {
    const xml = payloads.cardClick(corp, { from: 'u', createTime: 1, eventKey: 'k'.repeat(900), taskId: 't', responseCode: 'r' });
    expect(dedupKeyOf(parseInner(xml))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('platform stamps are normalised by magnitude: seconds, milliseconds, microseconds', () => {
    const at = '2026-12-03T01:05:30.000Z';
    expect(instantOf('1796259930').toISOString()).toBe(at);
    expect(instantOf('1796259930000').toISOString()).toBe(at);
    expect(instantOf('1796259930000000').toISOString()).toBe(at);
  });
});
