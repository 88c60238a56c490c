import { charCount, limitText, quoted, tooLong } from '../../../../src/domain/grammar/free-text';

describe('charCount: characters as MySQL utf8mb4 counts them (issue 13)', () => {
  test.each<[string, string, number]>([
    ['empty', '', 0],
    ['ASCII', 'abc', 3],
    ['Han', '家里有事', 4],
    ['an emoji is one character (two UTF-16 units)', '😀', 1],
    ['a rare Han character outside the BMP is one', '𠀀𠀁', 2],
    ['mixed', '中😀a', 3],
    ['a lone surrogate still counts once', '\ud800x', 2],
  ])('%s', (_case, text, n) => {
    expect(charCount(text)).toBe(n);
    if (!/[\ud800-\udbff](?![\udc00-\udfff])/.test(text)) expect(charCount(text)).toBe([...text].length);
  });
});

describe('limitText: one check for every free-text field (docs/commands.md reading rules)', () => {
  const field = { label: '扣分原因', max: 5 };

  test.each<[string, string, string]>([
    ['within the limit', '态度问题', '态度问题'],
    ['exactly at the limit', '一二三四五', '一二三四五'],
    ['trimmed before counting', '  一二三四五  ', '一二三四五'],
    ['full-width folded (NFKC) before counting', 'ＡＢＣ１２', 'ABC12'],
    ['emoji count one each', '😀😀😀😀😀', '😀😀😀😀😀'],
    ['empty passes (required is the caller’s rule)', '  ', ''],
  ])('%s: kept whole', (_case, text, stored) => {
    expect(limitText(text, field)).toEqual({ ok: true, value: stored });
  });

  test.each<[string, string, number]>([
    ['one character over', '一二三四五六', 6],
    ['30,000 characters', '很'.repeat(30000), 30000],
    ['emoji over', '😀'.repeat(6), 6],
  ])('%s: refused naming the field, the limit and the count — never cut', (_case, text, count) => {
    expect(limitText(text, field)).toEqual({ ok: false, error: `扣分原因最多 5 个字，你写了 ${count} 个字` });
  });

  test('the refusal wording', () => {
    expect(tooLong({ label: '原因', max: 200 }, 30000)).toBe('原因最多 200 个字，你写了 30000 个字');
  });
});

describe('quoted: a refusal never echoes a whole pasted page', () => {
  test.each<[string, string]>([
    ['L42x', '“L42x”'],
    ['一'.repeat(20), `“${'一'.repeat(20)}”`],
    ['一'.repeat(21), `“${'一'.repeat(20)}…”`],
    ['😀'.repeat(25), `“${'😀'.repeat(20)}…”`],
  ])('%j', (token, shown) => {
    expect(quoted(token)).toBe(shown);
  });
});
