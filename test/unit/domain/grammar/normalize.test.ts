import { fail, normalizeText, ok, splitCommand, takeToken } from '../../../../src/domain/grammar/normalize';

/** A command table like the router's: canonical command → Chinese and English words. */
const ALIASES = {
  help: ['帮助', 'help'],
  clock: ['打卡', 'clock'],
  clockIn: ['上班打卡', 'clock in'],
  clockOut: ['下班打卡', 'clock out'],
  report: ['日报', 'report'],
  lead: ['客户', 'lead'],
  leave: ['请假', 'leave'],
  score: ['积分', 'score'],
  deduct: ['扣分', 'deduct'],
  approve: ['同意', 'approve'],
} as const;

describe('normalizeText: NFKC, whitespace, trim (docs/commands.md "parse generously")', () => {
  test.each<[string, string, string]>([
    ['full-width digits', '１２０', '120'],
    ['full-width colon', '拨打：120', '拨打:120'],
    ['full-width bar', '华为｜张', '华为|张'],
    ['full-width comma', '本周拨打６００，A类２个', '本周拨打600,A类2个'],
    ['full-width letters', 'ＡＢＣ ｌ４２', 'ABC l42'],
    ['full-width @ and =', '＠张三 公司＝华为', '@张三 公司=华为'],
    ['full-width tilde and minus', '１２－３～１２－５', '12-3~12-5'],
    ['full-width space becomes a space', '日报\u3000通话\u3000120', '日报 通话 120'],
    ['NBSP becomes a space', '日报\u00a0120', '日报 120'],
    ['four-per-em space (WeChat mention) becomes a space', '@张三\u2005值日', '@张三 值日'],
    ['zero-width characters are dropped', '日\u200b报\ufeff 120', '日报 120'],
    ['trims both ends', '  \u3000 日报 120 \u3000 ', '日报 120'],
    ['keeps tabs inside (Excel)', '华为\t张\t经理', '华为\t张\t经理'],
    ['keeps newlines inside', '客户 a|b\n客户 c|d', '客户 a|b\n客户 c|d'],
    ['CRLF and CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['empty stays empty', '', ''],
    ['only spaces → empty', ' \u3000\u00a0 ', ''],
  ])('%s', (_title, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test('is idempotent', () => {
    const s = '日报　通话：１２０\r\n备注｜周五';
    expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });
});

describe('splitCommand: the leading command word', () => {
  test.each<[string, string, string, string, string]>([
    ['Chinese word and a space', '日报 通话 120', 'report', '日报', '通话 120'],
    ['Chinese word followed directly by text', '日报通话120', 'report', '日报', '通话120'],
    ['Chinese word and a colon', '日报:通话 120', 'report', '日报', '通话 120'],
    ['Chinese word and a full-width colon', '日报：通话１２０', 'report', '日报', '通话120'],
    ['full-width spaces', '日报　通话　１２０', 'report', '日报', '通话 120'],
    ['word alone', '帮助', 'help', '帮助', ''],
    ['longest word wins: 上班打卡 over 打卡', '上班打卡', 'clockIn', '上班打卡', ''],
    ['longest word wins: 下班打卡', '下班打卡', 'clockOut', '下班打卡', ''],
    ['打卡 alone', '打卡', 'clock', '打卡', ''],
    ['English alias, lower case', 'report 120', 'report', 'report', '120'],
    ['English alias, mixed case', 'Report 120', 'report', 'Report', '120'],
    ['English alias, upper case', 'HELP', 'help', 'HELP', ''],
    ['English two-word alias', 'clock in', 'clockIn', 'clock in', ''],
    ['English alias followed by digits', 'report120', 'report', 'report', '120'],
    ['English alias followed by Chinese', 'report通话120', 'report', 'report', '通话120'],
    ['leading slash is ignored', '/日报 120', 'report', '日报', '120'],
    ['keeps newlines and tabs of the rest', '客户\n华为\t张\n腾讯\t李', 'lead', '客户', '华为\t张\n腾讯\t李'],
    ['客户 with = (key form written without a space)', '客户=华为 联系人=张', 'lead', '客户', '华为 联系人=张'],
    ['mention after the word', '扣分 @张三 值日', 'deduct', '扣分', '@张三 值日'],
    ['full-width id', '同意 Ｌ４２', 'approve', '同意', 'L42'],
  ])('%s: %j', (_title, text, command, word, rest) => {
    expect(splitCommand(text, ALIASES)).toEqual({ ok: true, value: { command, word, rest } });
  });

  test.each<[string, string]>([
    ['unknown word', '你好'],
    ['empty message', ''],
    ['English alias running into letters', 'helpme'],
    ['English alias running into letters (2)', 'reports 120'],
    ['command word not at the start', '请 日报 120'],
  ])('no command: %s', (_title, text) => {
    expect(splitCommand(text, ALIASES)).toEqual({ ok: false, error: '不认识的命令，发送“帮助”查看可用的命令' });
  });
});

describe('takeToken and the result helpers', () => {
  test.each<[string, string, string]>([
    ['3 态度问题', '3', '态度问题'],
    ['值日', '值日', ''],
    ['', '', ''],
    ['　３　态度　问题 ', '3', '态度 问题'],
    ['a\tb\nc', 'a', 'b\nc'],
  ])('takeToken(%j)', (text, token, rest) => {
    expect(takeToken(text)).toEqual({ token, rest });
  });

  test('ok and fail build the two result shapes', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('错')).toEqual({ ok: false, error: '错' });
  });
});
