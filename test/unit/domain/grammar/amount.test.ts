import fc from 'fast-check';
import { AMOUNT_HINT, parseYuan, takeLeadingYuan } from '../../../../src/domain/grammar/amount';

describe('parseYuan: yuan in digits → integer fen (docs/commands.md reading rules, H-8)', () => {
  test.each<[string, number]>([
    ['52000', 5200000],
    ['8888.88', 888888],
    ['8888.8', 888880],
    ['0.01', 1],
    ['0.5', 50],
    ['1', 100],
    ['52,000', 5200000],
    ['1,234,567.89', 123456789],
    ['052000', 5200000],
    ['１２３４５', 1234500],
    ['５２，０００', 5200000],
    ['８８８８．８８', 888888],
    ['¥52000', 5200000],
    ['￥ 52000', 5200000],
    ['52000元', 5200000],
    ['52000 元', 5200000],
    ['300块', 30000],
    ['  52000  ', 5200000],
    ['999999999999.99', 99999999999999],
  ])('%j → %d fen', (token, fen) => {
    expect(parseYuan(token)).toEqual({ ok: true, value: fen });
  });

  test('exact where floating point is not: 0.29 yuan and 1.15 yuan', () => {
    expect(parseYuan('0.29')).toEqual({ ok: true, value: 29 });
    expect(parseYuan('1.15')).toEqual({ ok: true, value: 115 });
    expect(parseYuan('4.35')).toEqual({ ok: true, value: 435 });
  });

  test.each<[string, string]>([
    ['5.2万', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['五万', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['5万2千', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['3千', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['5w', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['52k', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['-100', `金额不能是负数，${AMOUNT_HINT}`],
    ['－１００', `金额不能是负数，${AMOUNT_HINT}`],
    ['8888.888', `金额最多两位小数，${AMOUNT_HINT}`],
    ['0.001', `金额最多两位小数，${AMOUNT_HINT}`],
    ['0', `金额必须大于 0，${AMOUNT_HINT}`],
    ['0.00', `金额必须大于 0，${AMOUNT_HINT}`],
    ['1000000000000', `金额太大，${AMOUNT_HINT}`],
    ['', `缺少金额，${AMOUNT_HINT}`],
    ['五', AMOUNT_HINT],
    ['abc', AMOUNT_HINT],
    ['52,00', AMOUNT_HINT],
    ['5,2000', AMOUNT_HINT],
    ['52000.', AMOUNT_HINT],
    ['.5', AMOUNT_HINT],
    ['1e5', AMOUNT_HINT],
    ['52 000', AMOUNT_HINT],
    ['52000 华为', AMOUNT_HINT],
  ])('error: %j', (token, error) => {
    expect(parseYuan(token)).toEqual({ ok: false, error });
  });

  test('the hint shows digits', () => {
    expect(AMOUNT_HINT).toBe('请用数字写金额，如 52000 或 8888.88');
  });
});

describe('takeLeadingYuan: 回款 @张三 52000 华为技术', () => {
  test.each<[string, number, string]>([
    ['52000 华为技术', 5200000, '华为技术'],
    ['52000', 5200000, ''],
    ['8888.88 华为 技术', 888888, '华为 技术'],
    ['52000元 华为技术', 5200000, '华为技术'],
    ['52000 元 华为技术', 5200000, '华为技术'],
    ['¥ 52000 华为技术', 5200000, '华为技术'],
    ['５２０００　华为技术', 5200000, '华为技术'],
  ])('%j', (text, fen, rest) => {
    expect(takeLeadingYuan(text)).toEqual({ ok: true, value: { fen, rest } });
  });

  test.each<[string, string]>([
    ['5.2万 华为技术', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['5.2 万 华为技术', `金额不能带“万”“千”等单位，${AMOUNT_HINT}`],
    ['华为技术 52000', AMOUNT_HINT],
    ['', `缺少金额，${AMOUNT_HINT}`],
  ])('error: %j', (text, error) => {
    expect(takeLeadingYuan(text)).toEqual({ ok: false, error });
  });
});

describe('parseYuan is exact for every amount it accepts', () => {
  test('yuan.fen written with 0, 1 or 2 decimals and optional thousands commas', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (yuan, fen, commas) => {
      fc.pre(yuan > 0n || fen > 0);
      const integer = commas ? yuan.toLocaleString('en-US') : yuan.toString();
      const expected = Number(yuan * 100n + BigInt(fen));
      const twoDecimals = parseYuan(`${integer}.${String(fen).padStart(2, '0')}`);
      const oneDecimal = fen % 10 === 0 ? parseYuan(`${integer}.${fen / 10}`) : twoDecimals;
      return twoDecimals.ok && twoDecimals.value === expected && oneDecimal.ok && oneDecimal.value === expected;
    }), { numRuns: 300 });
  });
});
