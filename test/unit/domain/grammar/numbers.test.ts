import { outOfRange, takeLeadingCount, type CountRule } from '../../../../src/domain/grammar/numbers';

/**
 * Issue 13: counts are read whole or refused with what is wrong. `日报 通话 1e3` was stored as
 * 1 call, and `日报 通话 一百二` answered "缺少通话数" (the wrong fault).
 */
const CALLS: CountRule = { what: '通话数', min: 0, max: 1000, example: '120', units: '个通次' };
const RANGE = outOfRange(CALLS);
const DIGITS = '通话数请用阿拉伯数字写，如 120';
const odd = (token: string) => `通话数“${token}”看不懂，请直接写数字，如 120`;

describe('takeLeadingCount: number forms that are read', () => {
  test.each<[string, '' | '+' | '-', number, string]>([
    ['120', '', 120, ''],
    ['１２０', '', 120, ''],
    ['120个', '', 120, '个'],
    ['120 备注', '', 120, ' 备注'],
    ['120备注', '', 120, '备注'],
    ['120,周五', '', 120, ',周五'],
    ['120。', '', 120, '。'],
    ['0', '', 0, ''],
    ['000120', '', 120, ''],
    ['1,000', '', 1000, ''],
    ['1000', '', 1000, ''],
    ['+120', '+', 120, ''],
    ['-5', '-', 5, ''],
    ['−5', '-', 5, ''],
  ])('%j → sign %j, %d, rest %j', (text, sign, value, rest) => {
    expect(takeLeadingCount(text, CALLS)).toEqual({ ok: true, value: { sign, value, rest, length: text.normalize('NFKC').length - rest.length } });
  });
});

describe('takeLeadingCount: number forms that are refused, naming the fault', () => {
  test.each<[string, string, string]>([
    ['scientific notation', '1e3', odd('1e3')],
    ['scientific, capital E', '1E3', odd('1E3')],
    ['scientific with a sign', '1e+3', odd('1e')],
    ['hexadecimal', '0x10', odd('0x10')],
    ['digits run into letters', '12o', odd('12o')],
    ['an underscore separator', '1_000', odd('1_000')],
    ['a comma that groups no thousands', '1,20', odd('1,20')],
    ['a decimal', '12.5', RANGE],
    ['a decimal zero', '120.0', RANGE],
    ['over the maximum', '1001', RANGE],
    ['grouped, over the maximum', '10,000', RANGE],
    ['absurdly large (compared as text, never rounded into range)', '9'.repeat(400), RANGE],
    ['leading zeros do not hide a large count', `0000${'9'.repeat(20)}`, RANGE],
    ['Chinese numerals', '一百二', DIGITS],
    ['Chinese numerals with a unit', '两百个', DIGITS],
    ['Chinese numerals then a space', '三 态度', DIGITS],
    ['Arabic-Indic digits (NFKC leaves them)', '١٢٠', DIGITS],
    ['Devanagari digits', '१२०', DIGITS],
  ])('%s: %j', (_case, text, error) => {
    expect(takeLeadingCount(text, CALLS)).toEqual({ ok: false, error });
  });

  test('a long malformed token is quoted by its start only', () => {
    expect(takeLeadingCount(`1${'e'.repeat(500)}`, CALLS)).toEqual({ ok: false, error: odd(`1${'e'.repeat(19)}…`) });
  });
});

describe('takeLeadingCount: text that does not start with a number is not a count (null)', () => {
  test.each(['', '很多', '备注 120', '一切正常', '十分感谢', '两人', 'abc', '.5', '个'])('%j', (text) => {
    expect(takeLeadingCount(text, CALLS)).toBeNull();
  });

  test('a unit of the rule makes a Chinese numeral a count; another word does not', () => {
    const points: CountRule = { what: '分数', min: 1, max: 100, example: '3', units: '分' };
    expect(takeLeadingCount('三分', points)).toEqual({ ok: false, error: '分数请用阿拉伯数字写，如 3' });
    expect(takeLeadingCount('二次违规', points)).toBeNull();
    expect(takeLeadingCount('二次', CALLS)).toEqual({ ok: false, error: DIGITS });
  });
});
