import { Writable } from 'node:stream';
import { createLogger } from '../../../src/core/logger';
import { maskPhones, maskValue } from '../../../src/core/mask';

describe('personal data never reaches a log line (H-20)', () => {
  test.each([
    ['a mobile number', '客户 张 IT经理 13800001234', '客户 张 IT经理 138****1234'],
    ['a landline with a dash', '电话 010-12345678 分机', '电话 010*****5678 分机'],
    ['a landline without a dash', '075512345678', '075*****5678'],
    ['two numbers', '13800001234 / 13900005678', '138****1234 / 139****5678'],
    ['a 13-digit millisecond timestamp is left alone', 'at 1764201600000', 'at 1764201600000'],
    ['an 11-digit number not starting 1[3-9] is left alone', 'id 12800001234', 'id 12800001234'],
  ])('%s', (_case, input, expected) => {
    expect(maskPhones(input)).toBe(expected);
  });

  test('secret-named fields are hidden and nested phones masked; numbers and empty values kept', () => {
    expect(
      maskValue({ appSecret: 'abc', token: 'xyz', nested: { text: '13800001234', count: 13800001234 }, password: '', list: ['13900001111'] }),
    ).toEqual({ appSecret: '[hidden]', token: '[hidden]', nested: { text: '138****1234', count: 13800001234 }, password: '', list: ['139****1111'] });
  });

  test('the logger masks messages and fields', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const logger = createLogger({ destination: sink });
    logger.info({ record: { phone: '13800001234' }, FEISHU_APP_SECRET: 's3cr3t' }, 'saved 13900005678');
    const line = JSON.parse(lines[0]);
    expect(line.msg).toBe('saved 139****5678');
    expect(line.record.phone).toBe('138****1234');
    expect(line.FEISHU_APP_SECRET).toBe('[hidden]');
    expect(lines[0]).not.toMatch(/13800001234|13900005678|s3cr3t/);
  });

  test('dates are logged as their instant, not as {}', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    createLogger({ destination: sink }).warn({ sentAt: new Date('2026-12-03T01:02:03.004Z'), nested: { at: new Date(0) } }, 'event too old');
    const line = JSON.parse(lines[0]);
    expect(line.sentAt).toBe('2026-12-03T01:02:03.004Z');
    expect(line.nested.at).toBe('1970-01-01T00:00:00.000Z');
  });
});
