import { REPORT_EXAMPLE, parseReportArgs, takeLeadingId, takeLeadingIdOf, takePointsAndReason, type IdPrefix } from '../../../../src/domain/grammar/misc';
import { POLICY } from '../../../helpers/service-context';

const MAX_CALLS = POLICY.report.maxCalls;
const NOTE = POLICY.textLimits.note;
const REASON = { label: '扣分原因', max: 10 };

describe('takeLeadingId: the id forms of L42 / P1288 / C310 (docs/commands.md identifiers)', () => {
  test.each<[string, IdPrefix, number, string]>([
    ['L42', 'L', 42, ''],
    ['l42', 'L', 42, ''],
    ['Ｌ４２', 'L', 42, ''],
    ['42', 'L', 42, ''],
    ['#42', 'L', 42, ''],
    ['L042', 'L', 42, ''],
    ['P1288', 'P', 1288, ''],
    ['p1288', 'P', 1288, ''],
    ['1288', 'P', 1288, ''],
    ['C310', 'C', 310, ''],
    ['ｃ３１０', 'C', 310, ''],
    ['  L42  ', 'L', 42, ''],
  ])('%j with prefix %s', (text, prefix, id, rest) => {
    expect(takeLeadingId(text, prefix)).toEqual({ ok: true, value: { id, rest } });
  });

  test.each<[string, IdPrefix, string]>([
    ['', 'L', '缺少编号，如 L42'],
    ['  ', 'P', '缺少编号，如 P1288'],
    ['P42', 'L', '看不懂编号“P42”，应为 L 加数字，如 L42'],
    ['L42', 'C', '看不懂编号“L42”，应为 C 加数字，如 C310'],
    ['L0', 'L', '看不懂编号“L0”，应为 L 加数字，如 L42'],
    ['L', 'L', '看不懂编号“L”，应为 L 加数字，如 L42'],
    ['LL42', 'L', '看不懂编号“LL42”，应为 L 加数字，如 L42'],
    ['L4.2', 'L', '看不懂编号“L4.2”，应为 L 加数字，如 L42'],
    ['L1234567890', 'L', '看不懂编号“L1234567890”，应为 L 加数字，如 L42'],
  ])('error: %j with prefix %s', (text, prefix, error) => {
    expect(takeLeadingId(text, prefix)).toEqual({ ok: false, error });
  });
});

describe('takeLeadingId: 驳回 L42 当天有培训, 撤销 P1288 误扣, 确认 C310 …', () => {
  test.each<[string, IdPrefix, number, string]>([
    ['L42 当天有培训', 'L', 42, '当天有培训'],
    ['L42', 'L', 42, ''],
    ['42 当天有培训', 'L', 42, '当天有培训'],
    ['P1288 误扣', 'P', 1288, '误扣'],
    ['C310 已拜访 档案完整 已签字', 'C', 310, '已拜访 档案完整 已签字'],
    ['Ｃ３１０：已拜访', 'C', 310, '已拜访'],
    ['L42,当天有培训', 'L', 42, '当天有培训'],
  ])('%j', (text, prefix, id, rest) => {
    expect(takeLeadingId(text, prefix)).toEqual({ ok: true, value: { id, rest } });
  });

  test.each<[string, IdPrefix, string]>([
    ['', 'L', '缺少编号，如 L42'],
    ['当天有培训', 'L', '看不懂编号“当天有培训”，应为 L 加数字，如 L42'],
    ['P1288 误扣', 'L', '看不懂编号“P1288”，应为 L 加数字，如 L42'],
  ])('error: %j', (text, prefix, error) => {
    expect(takeLeadingId(text, prefix)).toEqual({ ok: false, error });
  });
});

describe('takeLeadingIdOf: 撤销 P1288 误扣 or 撤销 R17 输错了 (docs/commands.md second wave, 回款 row)', () => {
  test.each<[string, IdPrefix, number, string]>([
    ['P1288 误扣', 'P', 1288, '误扣'],
    ['R17 输错了', 'R', 17, '输错了'],
    ['r17 输错了', 'R', 17, '输错了'],
    ['Ｒ１７　输错了', 'R', 17, '输错了'],
    ['#R17 输错了', 'R', 17, '输错了'],
    ['1288 误扣', 'P', 1288, '误扣'],
    ['R17', 'R', 17, ''],
  ])('%j', (text, prefix, id, rest) => {
    expect(takeLeadingIdOf(text, ['P', 'R'])).toEqual({ ok: true, value: { prefix, id, rest } });
  });

  test.each<[string, string]>([
    ['', '缺少编号，如 P1288 或 R17'],
    ['L12 误扣', '看不懂编号“L12”，应为 P 或 R 加数字，如 P1288 或 R17'],
    ['R0 误扣', '看不懂编号“R0”，应为 P 或 R 加数字，如 P1288 或 R17'],
    ['RR17', '看不懂编号“RR17”，应为 P 或 R 加数字，如 P1288 或 R17'],
    ['误扣', '看不懂编号“误扣”，应为 P 或 R 加数字，如 P1288 或 R17'],
  ])('error: %j', (text, error) => {
    expect(takeLeadingIdOf(text, ['P', 'R'])).toEqual({ ok: false, error });
  });
});

describe('takePointsAndReason: 扣分 / 加分 after the person (issue 13: numbers read whole)', () => {
  test.each<[string, '扣分' | '加分', number, string]>([
    ['3 态度问题', '扣分', 3, '态度问题'],
    ['３ 态度问题', '扣分', 3, '态度问题'],
    ['3分 态度问题', '扣分', 3, '态度问题'],
    ['3分态度问题', '扣分', 3, '态度问题'],
    ['3 分 态度问题', '扣分', 3, '态度问题'],
    ['-3 态度问题', '扣分', 3, '态度问题'],
    ['−3 态度问题', '扣分', 3, '态度问题'],
    ['+5 客户表扬', '加分', 5, '客户表扬'],
    ['100 表扬', '加分', 100, '表扬'],
    ['05 表扬', '加分', 5, '表扬'],
    ['5 ' + '很'.repeat(10), '加分', 5, '很'.repeat(10)],
  ])('%j (%s) → %d, %j', (text, verb, points, reason) => {
    expect(takePointsAndReason(text, verb, REASON)).toEqual({ ok: true, value: { points, reason } });
  });

  test.each<[string, '扣分' | '加分', string]>([
    ['0 表扬', '加分', '分数应为 1 到 100 的整数，如 3'],
    ['101 太差', '扣分', '分数应为 1 到 100 的整数，如 3'],
    ['1000 太差', '扣分', '分数应为 1 到 100 的整数，如 3'],
    ['2.5 太差', '扣分', '分数应为 1 到 100 的整数，如 3'],
    ['1e3 太差', '扣分', '分数“1e3”看不懂，请直接写数字，如 3'],
    ['0x10 太差', '扣分', '分数“0x10”看不懂，请直接写数字，如 3'],
    ['3a 太差', '扣分', '分数“3a”看不懂，请直接写数字，如 3'],
    ['三 态度问题', '扣分', '分数请用阿拉伯数字写，如 3'],
    ['十分 恶劣', '扣分', '分数请用阿拉伯数字写，如 3'],
    ['五分 表扬', '加分', '分数请用阿拉伯数字写，如 3'],
    ['+3 态度问题', '扣分', '扣分的分数请直接写数字，不带+号。'],
    ['-5 表扬', '加分', '加分的分数请直接写数字，不带-号。'],
    ['3', '扣分', '请写明原因。'],
    ['3分', '扣分', '请写明原因。'],
    ['3 ' + '很'.repeat(11), '扣分', '扣分原因最多 10 个字，你写了 11 个字'],
  ])('error: %j (%s)', (text, verb, error) => {
    expect(takePointsAndReason(text, verb, REASON)).toEqual({ ok: false, error });
  });

  test.each(['值日', '态度问题', '', '二次违规', '两人吵架'])('%j does not start with a number: null (a misconduct name, for 扣分)', (text) => {
    expect(takePointsAndReason(text, '扣分', REASON)).toBeNull();
  });
});

describe('parseReportArgs: the text after 日报 (H-2)', () => {
  test.each<[string, number, string]>([
    ['通话 120', 120, ''],
    ['通话120', 120, ''],
    ['通话:120', 120, ''],
    ['通话 = 120', 120, ''],
    ['通话数 120', 120, ''],
    ['拨打:120 备注:周五客户多', 120, '周五客户多'],
    ['拨打：１２０　备注：周五客户多', 120, '周五客户多'],
    ['拨打120备注周五客户多', 120, '周五客户多'],
    ['电话 120', 120, ''],
    ['外呼 120 个', 120, ''],
    ['通话 120个', 120, ''],
    ['通话 120通', 120, ''],
    ['120', 120, ''],
    ['１２０', 120, ''],
    ['120 周五客户多', 120, '周五客户多'],
    ['120 备注 周五客户多', 120, '周五客户多'],
    ['0', 0, ''],
    ['calls 120 note busy friday', 120, 'busy friday'],
    ['Calls:120 Note: busy', 120, 'busy'],
    ['call 120', 120, ''],
    ['备注:周五客户多 拨打:120', 120, '周五客户多'],
    ['备注:下午开会 通话 80 说明', 80, '下午开会 说明'],
    ['通话 120，备注：周五客户多', 120, '周五客户多'],
    [String(MAX_CALLS), MAX_CALLS, ''],
    ['1,000', 1000, ''],
    ['通话 0120', 120, ''],
    ['备注 电话一直占线 通话 120', 120, '电话一直占线'],
    ['备注 电话三次没接通 通话 120', 120, '电话三次没接通'],
    ['120，周五客户多', 120, '周五客户多'],
    ['通话 120 ' + '多'.repeat(NOTE), 120, '多'.repeat(NOTE)],
    ['通话 120 备注 ' + '😀'.repeat(NOTE), 120, '😀'.repeat(NOTE)],
  ])('%j → %d, %j', (text, calls, note) => {
    expect(parseReportArgs(text, POLICY)).toEqual({ ok: true, value: { calls, note } });
  });

  const range = `通话数应为 0 到 ${MAX_CALLS} 的整数，如 120，例：${REPORT_EXAMPLE}`;
  test.each<[string, string]>([
    ['', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['通话', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['通话 很多', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['备注:周五客户多', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['一切正常', `缺少通话数，例：${REPORT_EXAMPLE}`],
    // Issue 13: the wrong fault ("缺少通话数") for a number written in words.
    ['一百二十', `通话数请用阿拉伯数字写，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 一百二', `通话数请用阿拉伯数字写，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 两百个', `通话数请用阿拉伯数字写，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 ١٢٠', `通话数请用阿拉伯数字写，如 120，例：${REPORT_EXAMPLE}`],
    // Issue 13: `1e3` was stored as 1 call (the digits before the first letter), the rest as the note.
    ['通话 1e3', `通话数“1e3”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['1e3', `通话数“1e3”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 1E3 备注 x', `通话数“1E3”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 0x10', `通话数“0x10”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 1_000', `通话数“1_000”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 12o', `通话数“12o”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 1,20', `通话数“1,20”看不懂，请直接写数字，如 120，例：${REPORT_EXAMPLE}`],
    ['通话 120.5', range],
    ['通话 120.0', range],
    ['通话 -5', range],
    ['通话 +120', `通话数请直接写当天的总数，不带正负号，如 120，例：${REPORT_EXAMPLE}`],
    [String(MAX_CALLS + 1), range],
    ['10,000', range],
    ['9'.repeat(30), range],
    [`通话 120 ${'多'.repeat(NOTE + 1)}`, `日报备注最多 ${NOTE} 个字，你写了 ${NOTE + 1} 个字，例：${REPORT_EXAMPLE}`],
  ])('error: %j', (text, error) => {
    expect(parseReportArgs(text, POLICY)).toEqual({ ok: false, error });
  });

  test('the example is the canonical form', () => {
    expect(REPORT_EXAMPLE).toBe('日报 通话 120');
  });
});

describe('parseReportArgs stays linear on a message at textLimits.message', () => {
  test('ten thousand labels without a number are read in well under the turn budget', () => {
    const text = `${'电话 很多 '.repeat(Math.floor(POLICY.textLimits.message / 6) - 2)}通话 120`;
    parseReportArgs('电话 很多 通话 ١٢٠', POLICY); // compile the regular expressions first
    const started = process.hrtime.bigint();
    const r = parseReportArgs(text, POLICY);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(r.ok || r.error).toMatch(/日报备注最多/);
    expect(ms).toBeLessThan(1000);
  });
});
