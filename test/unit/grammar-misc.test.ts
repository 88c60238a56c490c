import { REPORT_EXAMPLE, parseIds, parsePoints, parseReportArgs, takeLeadingId, takeLeadingIdOf, type IdPrefix } from '../../src/domain/grammar/misc';

describe('parseIds: L42 / P1288 / C310 (COMMANDS.md identifiers)', () => {
  test.each<[string, IdPrefix, number[]]>([
    ['L42', 'L', [42]],
    ['l42', 'L', [42]],
    ['Ｌ４２', 'L', [42]],
    ['42', 'L', [42]],
    ['#42', 'L', [42]],
    ['L042', 'L', [42]],
    ['P1288', 'P', [1288]],
    ['p1288', 'P', [1288]],
    ['1288', 'P', [1288]],
    ['C310', 'C', [310]],
    ['ｃ３１０', 'C', [310]],
    ['L42 L43', 'L', [42, 43]],
    ['L42,L43', 'L', [42, 43]],
    ['L42，L43、44', 'L', [42, 43, 44]],
    ['L42 L42', 'L', [42]],
    ['  L42  ', 'L', [42]],
  ])('%j with prefix %s', (text, prefix, ids) => {
    expect(parseIds(text, prefix)).toEqual({ ok: true, value: ids });
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
    ['L42 x', 'L', '看不懂编号“x”，应为 L 加数字，如 L42'],
    ['L1234567890', 'L', '看不懂编号“L1234567890”，应为 L 加数字，如 L42'],
  ])('error: %j with prefix %s', (text, prefix, error) => {
    expect(parseIds(text, prefix)).toEqual({ ok: false, error });
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

describe('takeLeadingIdOf: 撤销 P1288 误扣 or 撤销 R17 输错了 (COMMANDS.md second wave, 回款 row)', () => {
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

describe('parsePoints: 1–100 for 扣分 / 加分', () => {
  test.each<[string, number]>([
    ['1', 1],
    ['3', 3],
    ['３', 3],
    ['3分', 3],
    ['100', 100],
    ['05', 5],
    [' 5 ', 5],
  ])('%j → %d', (token, points) => {
    expect(parsePoints(token)).toEqual({ ok: true, value: points });
  });

  test.each(['0', '101', '-3', '+3', '2.5', '三', '', 'abc', '1000'])('error: %j', (token) => {
    expect(parsePoints(token)).toEqual({ ok: false, error: '分数应为 1 到 100 的整数，如 3' });
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
    ['9999', 9999, ''],
  ])('%j → %d, %j', (text, calls, note) => {
    expect(parseReportArgs(text)).toEqual({ ok: true, value: { calls, note } });
  });

  test.each<[string, string]>([
    ['', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['通话', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['通话 很多', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['备注:周五客户多', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['一百二十', `缺少通话数，例：${REPORT_EXAMPLE}`],
    ['通话 120.5', `通话数应为 0 到 9999 的整数，例：${REPORT_EXAMPLE}`],
    ['通话 -5', `通话数应为 0 到 9999 的整数，例：${REPORT_EXAMPLE}`],
    ['10000', `通话数应为 0 到 9999 的整数，例：${REPORT_EXAMPLE}`],
  ])('error: %j', (text, error) => {
    expect(parseReportArgs(text)).toEqual({ ok: false, error });
  });

  test('the example is the canonical form', () => {
    expect(REPORT_EXAMPLE).toBe('日报 通话 120');
  });
});
