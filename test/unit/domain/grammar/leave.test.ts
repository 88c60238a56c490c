import path from 'node:path';
import { loadPolicy } from '../../../../src/config/policy-loader';
import type { LeaveSpan } from '../../../../src/domain/leave-halves';
import { LEAVE_EXAMPLE, parseLeave, parseLeaveCommand, type LeaveKind } from '../../../../src/domain/grammar/leave';

const POLICY = loadPolicy(path.join(__dirname, '../../../../config/policy.yaml'));
/** A Friday; next Monday is 2026-11-23. */
const TODAY = '2026-11-20';
const OPTIONS = { today: TODAY, dates: POLICY.dates, maxCalendarDays: POLICY.leave.maxCalendarDays };
const RANGE_EXAMPLE = '请假 病假 2026-12-03 下午 至 12-04 上午 发烧';

const span = (startDate: string, startHalf: 'am' | 'pm', endDate: string, endHalf: 'am' | 'pm'): LeaveSpan => ({
  startDate, startHalf, endDate, endHalf,
});
const day = (d: string): LeaveSpan => span(d, 'am', d, 'pm');

describe('parseLeave: the text after 请假 (H-14)', () => {
  test.each<[string, string, LeaveKind, LeaveSpan, string]>([
    ['docs/commands.md example, whole day', '事假 12月3日 全天 家里有事', 'personal', day('2026-12-03'), '家里有事'],
    ['docs/commands.md example, half-day range', '病假 2026-12-03 下午 至 12-04 上午 发烧', 'sick', span('2026-12-03', 'pm', '2026-12-04', 'am'), '发烧'],
    ['no half = whole day', '事假 12月3日 家里有事', 'personal', day('2026-12-03'), '家里有事'],
    ['明天 上午', '事假 明天 上午 去银行', 'personal', span('2026-11-21', 'am', '2026-11-21', 'am'), '去银行'],
    ['明天 下午', '事假 明天 下午 去银行', 'personal', span('2026-11-21', 'pm', '2026-11-21', 'pm'), '去银行'],
    ['后天 整天', '事假 后天 整天 搬家', 'personal', day('2026-11-22'), '搬家'],
    ['下周一 全日', '事假 下周一 全日 搬家', 'personal', day('2026-11-23'), '搬家'],
    ['上半天 / 下半天', '事假 下周一 上半天 体检', 'personal', span('2026-11-23', 'am', '2026-11-23', 'am'), '体检'],
    ['English halves', '事假 下周一 PM 体检', 'personal', span('2026-11-23', 'pm', '2026-11-23', 'pm'), '体检'],
    ['range with 到, no halves = whole days', '病假 12月3日 到 12月5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range with -', '病假 12月3日 - 12月5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range with ~', '病假 12月3日~12月5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range with full-width ～', '病假 12月3日～12月5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range with —', '病假 12月3日—12月5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range written without spaces', '病假 12月3日至12月5日发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range 12-3-12-5', '病假 12-3-12-5 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range of full dates with -', '病假 2026-12-03-2026-12-05 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range with 全天 at both ends', '病假 12月3日 全天 至 12月4日 全天 发烧', 'sick', span('2026-12-03', 'am', '2026-12-04', 'pm'), '发烧'],
    ['range from a morning', '病假 12月3日 上午 至 12月4日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-04', 'pm'), '发烧'],
    ['range to an afternoon', '病假 12月3日 至 12月4日 下午 发烧', 'sick', span('2026-12-03', 'am', '2026-12-04', 'pm'), '发烧'],
    ['same-day range morning to afternoon', '事假 12月3日 上午 至 12月3日 下午 办事', 'personal', day('2026-12-03'), '办事'],
    ['range end as a day of the month', '病假 12月3日至5日 发烧', 'sick', span('2026-12-03', 'am', '2026-12-05', 'pm'), '发烧'],
    ['range over New Year (end read from its start)', '事假 12月28日 至 1月3日 回老家', 'personal', span('2026-12-28', 'am', '2027-01-03', 'pm'), '回老家'],
    ['range end 3号 after a start in late December', '事假 12月28日至3号 回老家', 'personal', span('2026-12-28', 'am', '2027-01-03', 'pm'), '回老家'],
    ['relative range', '事假 明天 到 后天 搬家', 'personal', span('2026-11-21', 'am', '2026-11-22', 'pm'), '搬家'],
    ['weekday range', '事假 下周一 到 下周三 回老家', 'personal', span('2026-11-23', 'am', '2026-11-25', 'pm'), '回老家'],
    ['full-width everything', '事假 １２月３日 全天 家里有事', 'personal', day('2026-12-03'), '家里有事'],
    ['full-width spaces and colon', '事假　１２月３日　全天：家里有事', 'personal', day('2026-12-03'), '家里有事'],
    ['commas between parts', '事假，明天，上午，去银行', 'personal', span('2026-11-21', 'am', '2026-11-21', 'am'), '去银行'],
    ['everything joined', '事假明天上午去银行', 'personal', span('2026-11-21', 'am', '2026-11-21', 'am'), '去银行'],
    ['a reason starting with 到 is not a range', '事假 明天 到医院复查', 'personal', day('2026-11-21'), '到医院复查'],
    ['a reason starting with 至 is not a range', '事假 明天 至亲婚礼', 'personal', day('2026-11-21'), '至亲婚礼'],
    ['原因: label is dropped', '事假 明天 原因:家里有事', 'personal', day('2026-11-21'), '家里有事'],
    ['理由 label is dropped', '事假 明天 理由 家里有事', 'personal', day('2026-11-21'), '家里有事'],
    ['a long reason keeps its spaces', '病假 明天 发烧 38度 要去医院', 'sick', day('2026-11-21'), '发烧 38度 要去医院'],
    ['kind after the dates', '明天 上午 事假 去银行', 'personal', span('2026-11-21', 'am', '2026-11-21', 'am'), '去银行'],
    ['English kind personal', 'personal 12月3日 家里有事', 'personal', day('2026-12-03'), '家里有事'],
    ['English kind Sick', 'Sick 2026-12-03 fever', 'sick', day('2026-12-03'), 'fever'],
  ])('%s: %j', (_title, text, kind, s, reason) => {
    expect(parseLeave(text, OPTIONS)).toEqual({ ok: true, value: { kind, span: s, reason } });
  });

  test('a date without a year less than 2 months back stays this year (sent on 28 December; the notice rule refuses it)', () => {
    expect(parseLeave('事假 12月3日 全天 家里有事', { ...OPTIONS, today: '2026-12-28' })).toEqual({
      ok: true, value: { kind: 'personal', span: day('2026-12-03'), reason: '家里有事' },
    });
  });

  test('the same day is read as today (the notice rule is the service\'s)', () => {
    expect(parseLeave('事假 10月27日 全天 家里有事', { ...OPTIONS, today: '2026-10-27' })).toEqual({
      ok: true, value: { kind: 'personal', span: day('2026-10-27'), reason: '家里有事' },
    });
  });

  test.each<[string, string, string]>([
    ['empty', '', `缺少请假内容，例：${LEAVE_EXAMPLE}`],
    ['spaces only', '　 ', `缺少请假内容，例：${LEAVE_EXAMPLE}`],
    ['no kind, no date', '家里有事', `缺少请假类型（事假 或 病假），例：${LEAVE_EXAMPLE}`],
    ['no kind', '12月3日 全天 家里有事', `缺少请假类型（事假 或 病假），例：${LEAVE_EXAMPLE}`],
    ['an unknown kind names itself and the kinds there are', '年假 12月3日 全天 旅游', `没有“年假”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`],
    ['no date', '事假 家里有事', `缺少请假日期，例：${LEAVE_EXAMPLE}`],
    ['kind only', '事假', `缺少请假日期，例：${LEAVE_EXAMPLE}`],
    ['no reason', '事假 12月3日 全天', `缺少请假原因，例：${LEAVE_EXAMPLE}`],
    ['no reason after a range', '病假 12月3日 到 12月5日', `缺少请假原因，例：${LEAVE_EXAMPLE}`],
    ['no reason after a label', '事假 明天 原因:', `缺少请假原因，例：${LEAVE_EXAMPLE}`],
    ['a nonexistent date', '事假 2月30日 全天 家里有事', '日期不存在：2月30日'],
    ['a nonexistent range end', '病假 12月3日 至 12月32日 发烧', '日期不存在：12月32日'],
    ['a range ending before it starts', '病假 2026-12-05 至 2026-12-03 发烧', `结束日期早于开始日期：12月5日（周六）至 12月3日（周四），例：${RANGE_EXAMPLE}`],
    ['the afternoon to the same morning', '事假 12月3日 下午 至 12月3日 上午 办事', `结束时间早于开始时间：同一天的下午到上午，例：${RANGE_EXAMPLE}`],
  ])('error: %s', (_title, text, error) => {
    expect(parseLeave(text, OPTIONS)).toEqual({ ok: false, error });
  });
});

describe('parseLeaveCommand: an admin filing for someone (docs/commands.md reading rules)', () => {
  const MENTIONS = [
    { token: '@_user_1', externalId: 'ou_agent0002', name: '张伟' },
    { token: '@李娜', externalId: 'wxid_lina' },
  ];

  test.each<[string, string, unknown]>([
    ['no person: the sender', '事假 12月3日 全天 家里有事', null],
    ['a Feishu mention placeholder', '@_user_1 事假 12月3日 全天 家里有事', { kind: 'mention', externalId: 'ou_agent0002' }],
    ['a WeChat mention', '@李娜 事假 12月3日 全天 家里有事', { kind: 'mention', externalId: 'wxid_lina' }],
    ['@name not in the mentions', '@张三 事假 12月3日 全天 家里有事', { kind: 'name', name: '张三' }],
    ['an employee number', 'E002 事假 12月3日 全天 家里有事', { kind: 'no', no: 'E002' }],
    ['a bare name before the kind', '张三 事假 12月3日 全天 家里有事', { kind: 'name', name: '张三' }],
    ['a bare name before the date', '张三 12月3日 全天 事假 家里有事', { kind: 'name', name: '张三' }],
    ['full-width @ and spaces', '＠张三　事假　１２月３日　全天　家里有事', { kind: 'name', name: '张三' }],
  ])('%s', (_title, text, onBehalfOf) => {
    expect(parseLeaveCommand(text, MENTIONS, OPTIONS)).toEqual({
      ok: true, value: { kind: 'personal', span: day('2026-12-03'), reason: '家里有事', onBehalfOf },
    });
  });

  test.each<[string, string, string]>([
    ['a bare word that is not followed by a kind or date is not a person', '家里有事', `缺少请假类型（事假 或 病假），例：${LEAVE_EXAMPLE}`],
    ['a person and nothing else', '@张三', `缺少请假内容，例：${LEAVE_EXAMPLE}`],
    ['an unreadable mention', '@_user_9 事假 明天 家里有事', '看不懂“@_user_9”是谁，请用 @张三、姓名 或 工号（如 E001）'],
    ['a person, then no reason', '@_user_1 事假 明天', `缺少请假原因，例：${LEAVE_EXAMPLE}`],
    ['a bare name before another kind of leave is the person; the kind is refused by name', '张三 年假 12月3日 全天 旅游', `没有“年假”这种请假类型，只能请 事假 或 病假，例：${LEAVE_EXAMPLE}`],
  ])('error: %s', (_title, text, error) => {
    expect(parseLeaveCommand(text, MENTIONS, OPTIONS)).toEqual({ ok: false, error });
  });
});
