import { parsePersonRef, takeLeadingPerson, type Mention, type PersonRef } from '../../../../src/domain/grammar/people';

const MENTIONS: Mention[] = [
  { token: '@_user_1', externalId: 'ou_agent0002', name: '张伟' },
  { token: '@_user_10', externalId: 'ou_agent0010' },
  { token: '@李娜', externalId: 'wxid_lina' },
  { token: '@John Smith', externalId: 'wxid_john' },
  { token: '@王强', name: '王强' },
];
const HINT = '请用 @张三、姓名 或 工号（如 E001）';

describe('parsePersonRef: one person token', () => {
  test.each<[string, string, PersonRef]>([
    ['a Feishu placeholder', '@_user_1', { kind: 'mention', externalId: 'ou_agent0002' }],
    ['a longer placeholder is another mention', '@_user_10', { kind: 'mention', externalId: 'ou_agent0010' }],
    ['a WeChat mention by name', '@李娜', { kind: 'mention', externalId: 'wxid_lina' }],
    ['a full-width @ mention', '＠李娜', { kind: 'mention', externalId: 'wxid_lina' }],
    ['a mention with a space in the name', '@John Smith', { kind: 'mention', externalId: 'wxid_john' }],
    ['a mention without an id falls back to its name', '@王强', { kind: 'name', name: '王强' }],
    ['@name not mentioned', '@张三', { kind: 'name', name: '张三' }],
    ['@ with a space', '@ 张三', { kind: 'name', name: '张三' }],
    ['an employee number', 'E001', { kind: 'no', no: 'E001' }],
    ['an employee number in lower case', 'e001', { kind: 'no', no: 'E001' }],
    ['a full-width employee number', 'Ｅ００１', { kind: 'no', no: 'E001' }],
    ['a longer prefix', 'SH1024', { kind: 'no', no: 'SH1024' }],
    ['@ and an employee number', '@E001', { kind: 'no', no: 'E001' }],
    ['a bare name', '张三', { kind: 'name', name: '张三' }],
    ['a one-character surname', '张', { kind: 'name', name: '张' }],
    ['a four-character name', '欧阳娜娜', { kind: 'name', name: '欧阳娜娜' }],
    ['a name with a middle dot', '阿卜杜·热合曼', { kind: 'name', name: '阿卜杜·热合曼' }],
    ['a Latin name', 'Tom', { kind: 'name', name: 'Tom' }],
    ['letters without digits are a name, not a number', 'E', { kind: 'name', name: 'E' }],
    ['surrounding spaces', '　张三　', { kind: 'name', name: '张三' }],
  ])('%s: %j', (_title, token, ref) => {
    expect(parsePersonRef(token, MENTIONS)).toEqual({ ok: true, value: ref });
  });

  test.each<[string, string]>([
    ['', `缺少人员，${HINT}`],
    ['@', `看不懂“@”是谁，${HINT}`],
    ['@_user_9', `看不懂“@_user_9”是谁，${HINT}`],
    ['张3', `看不懂“张3”是谁，${HINT}`],
    ['001', `看不懂“001”是谁，${HINT}`],
    ['张 三', `看不懂“张 三”是谁，${HINT}`],
    ['#@!', `看不懂“#@!”是谁，${HINT}`],
  ])('error: %j', (token, error) => {
    expect(parsePersonRef(token, MENTIONS)).toEqual({ ok: false, error });
  });
});

describe('takeLeadingPerson: the optional person first (扣分, 加分, 积分, 回款, 请假)', () => {
  test.each<[string, string, PersonRef | null, string]>([
    ['扣分 by mention and rule', '@_user_1 值日', { kind: 'mention', externalId: 'ou_agent0002' }, '值日'],
    ['the longest mention wins', '@_user_10 值日', { kind: 'mention', externalId: 'ou_agent0010' }, '值日'],
    ['a mention with a space in the name', '@John Smith 5 客户表扬', { kind: 'mention', externalId: 'wxid_john' }, '5 客户表扬'],
    ['a WeChat mention with U+2005', '@李娜\u2005值日', { kind: 'mention', externalId: 'wxid_lina' }, '值日'],
    ['a mention then a colon', '@李娜：值日', { kind: 'mention', externalId: 'wxid_lina' }, '值日'],
    ['扣分 by bare name, points and reason', '张三 3 态度问题', { kind: 'name', name: '张三' }, '3 态度问题'],
    ['加分 by @name', '@李四 5 客户表扬', { kind: 'name', name: '李四' }, '5 客户表扬'],
    ['积分 @张三', '@张三', { kind: 'name', name: '张三' }, ''],
    ['积分 alone', '', null, ''],
    ['回款 by mention', '@_user_1 52000 华为技术', { kind: 'mention', externalId: 'ou_agent0002' }, '52000 华为技术'],
    ['回款 by employee number', 'E002 52000 华为技术', { kind: 'no', no: 'E002' }, '52000 华为技术'],
    ['请假 by mention', '@_user_1 事假 12月3日 全天 家里有事', { kind: 'mention', externalId: 'ou_agent0002' }, '事假 12月3日 全天 家里有事'],
    ['full-width', '＠张三　３　态度问题', { kind: 'name', name: '张三' }, '3 态度问题'],
    ['a first word with digits is no name', '11月', null, '11月'],
    ['a number is no name', '3 态度问题', null, '3 态度问题'],
  ])('%s: %j', (_title, text, person, rest) => {
    expect(takeLeadingPerson(text, MENTIONS)).toEqual({ ok: true, value: { person, rest } });
  });

  test.each<[string, string, boolean | ((t: string, a: string) => boolean), PersonRef | null, string]>([
    ['bareName false keeps a word', '事假 12月3日', false, null, '事假 12月3日'],
    ['bareName false still takes mentions', '@李娜 事假', false, { kind: 'mention', externalId: 'wxid_lina' }, '事假'],
    ['bareName false still takes employee numbers', 'E003 事假', false, { kind: 'no', no: 'E003' }, '事假'],
    ['a rule refusing month words (工资 上月)', '上月', (t) => !/月$/.test(t), null, '上月'],
    ['a rule accepting a name (工资 张三)', '张三 上月', (t) => !/月$/.test(t), { kind: 'name', name: '张三' }, '上月'],
    ['the rule sees the text after the token', '张三 上月', (_t, after) => after === '上月', { kind: 'name', name: '张三' }, '上月'],
  ])('%s', (_title, text, bareName, person, rest) => {
    expect(takeLeadingPerson(text, MENTIONS, { bareName })).toEqual({ ok: true, value: { person, rest } });
  });

  test.each<[string, string]>([
    ['@_user_9 值日', `看不懂“@_user_9”是谁，${HINT}`],
    ['@ 值日', `看不懂“@”是谁，${HINT}`],
    ['@张3 值日', `看不懂“@张3”是谁，${HINT}`],
  ])('error: %j', (text, error) => {
    expect(takeLeadingPerson(text, MENTIONS)).toEqual({ ok: false, error });
  });

  test('a listed mention is not matched inside a longer token', () => {
    expect(takeLeadingPerson('@_user_12 值日', [{ token: '@_user_1', externalId: 'x' }])).toEqual({
      ok: false, error: `看不懂“@_user_12”是谁，${HINT}`,
    });
  });
});
