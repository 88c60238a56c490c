import fc from 'fast-check';
import { parseYuan, takeLeadingYuan } from '../../../../src/domain/grammar/amount';
import { parseDate, parseMonth, parseWeekRef } from '../../../../src/domain/grammar/dates';
import { parseLeaveCommand } from '../../../../src/domain/grammar/leave';
import { parseReportArgs, takeLeadingId, takePointsAndReason } from '../../../../src/domain/grammar/misc';
import { splitCommand } from '../../../../src/domain/grammar/normalize';
import { parsePersonRef, takeLeadingPerson, type Mention } from '../../../../src/domain/grammar/people';
import { parseRecords } from '../../../../src/domain/grammar/records';
import { POLICY } from '../../../helpers/service-context';

const REASON = { label: '扣分原因', max: POLICY.textLimits.reason };

/** Every docs/commands.md example, read the way a handler will: split the word, then parse the rest. */
const ALIASES = {
  report: ['日报', 'report'],
  lead: ['客户', 'lead'],
  leave: ['请假', 'leave'],
  withdraw: ['撤回', 'withdraw'],
  approve: ['同意', 'approve'],
  reject: ['驳回', 'reject'],
  score: ['积分', 'score'],
  pay: ['工资', 'pay'],
  ranking: ['排名', 'ranking'],
  deduct: ['扣分', 'deduct'],
  award: ['加分', 'award'],
  revert: ['撤销', 'revert'],
  payment: ['回款', 'payment'],
  qualify: ['确认', 'qualify'],
} as const;
const TODAY = '2026-11-20';
const LEAVE = { today: TODAY, dates: POLICY.dates, maxCalendarDays: POLICY.leave.maxCalendarDays };
const RULES = POLICY.dates;
const MENTIONS: Mention[] = [{ token: '@张三', externalId: 'wxid_zhangsan' }, { token: '@李四', externalId: 'wxid_lisi' }];

function split(text: string): { command: string; rest: string } {
  const s = splitCommand(text, ALIASES);
  if (!s.ok) throw new Error(s.error);
  return s.value;
}

describe('docs/commands.md examples end to end', () => {
  test.each<[string, number, string]>([
    ['日报 通话 120', 120, ''],
    ['日报　通话　１２０', 120, ''],
    ['日报通话120', 120, ''],
    ['日报 拨打:120 备注:周五客户多', 120, '周五客户多'],
    ['日报：拨打：１２０，备注：周五客户多', 120, '周五客户多'],
    ['report calls 120 note busy', 120, 'busy'],
  ])('%j', (text, calls, note) => {
    const { command, rest } = split(text);
    expect(command).toBe('report');
    expect(parseReportArgs(rest, POLICY)).toEqual({ ok: true, value: { calls, note } });
  });

  test.each<[string, unknown, string, string, string]>([
    ['请假 事假 12月3日 全天 家里有事', null, '2026-12-03', '2026-12-03', '家里有事'],
    ['请假 事假 １２月３日 全天 家里有事', null, '2026-12-03', '2026-12-03', '家里有事'],
    ['请假　事假　１２月３日　全天　家里有事', null, '2026-12-03', '2026-12-03', '家里有事'],
    ['请假事假12月3日全天家里有事', null, '2026-12-03', '2026-12-03', '家里有事'],
    ['请假 @张三 事假 12月3日 全天 家里有事', { kind: 'mention', externalId: 'wxid_zhangsan' }, '2026-12-03', '2026-12-03', '家里有事'],
    ['leave personal 2026-12-03 family', null, '2026-12-03', '2026-12-03', 'family'],
  ])('%j', (text, onBehalfOf, startDate, endDate, reason) => {
    const { command, rest } = split(text);
    expect(command).toBe('leave');
    const leave = parseLeaveCommand(rest, MENTIONS, LEAVE);
    expect(leave.ok && [leave.value.onBehalfOf, leave.value.span.startDate, leave.value.span.endDate, leave.value.reason])
      .toEqual([onBehalfOf, startDate, endDate, reason]);
  });

  test('请假 病假 2026-12-03 下午 至 12-04 上午 发烧', () => {
    const leave = parseLeaveCommand(split('请假 病假 2026-12-03 下午 至 12-04 上午 发烧').rest, MENTIONS, LEAVE);
    expect(leave).toEqual({
      ok: true,
      value: {
        kind: 'sick', reason: '发烧', onBehalfOf: null,
        span: { startDate: '2026-12-03', startHalf: 'pm', endDate: '2026-12-04', endHalf: 'am' },
      },
    });
  });

  test.each<[string, number]>([
    ['客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', 1],
    ['客户 公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A', 1],
    ['客户：公司：华为 联系人：张经理 电话：13800000000 人数：200 信息化：有', 1],
    ['客户=华为 联系人=张经理 电话=13800000000 人数=200 信息化=有', 1],
    ['客户名称=华为 联系人=张经理 电话=13800000000 人数=200 信息化=有', 1],
    ['客户 华为|张|IT 13800000000|200|有\n客户 腾讯|李|IT 13900000000|300|无\n客户 阿里|王|IT 13700000000|400|有', 3],
    ['客户 华为|张|IT 13800000000|200|有\n腾讯|李|IT 13900000000|300|无\n客户 阿里|王|IT 13700000000|400|有', 3],
    ['客户\n客户名称\t联系人\t部门职务电话\t人数\t信息化现状\t等级\n华为\t张\tIT 13800000000\t200\t有\tA\n腾讯\t李\tIT 13900000000\t300\t无\t', 2],
    ['客户名称\t联系人\t部门职务电话\t人数\t信息化现状\n华为\t张\tIT 13800000000\t200\t有', 1],
    ['lead 华为|张|IT 13800000000|200|有', 1],
  ])('%j → %d records', (text, count) => {
    const { command, rest } = split(text);
    expect(command).toBe('lead');
    const records = parseRecords(rest, POLICY);
    expect(records.ok && records.value.length).toBe(count);
    expect(records.ok && records.value.every((r) => r.fields.company !== '' && r.fields.contact !== '')).toBe(true);
  });

  test('客户 then an Excel row whose first cell is empty keeps the empty company', () => {
    for (const text of ['客户\n\t张\tIT 13800000000\t200\t有', '客户\t\t张\tIT 13800000000\t200\t有']) {
      expect(parseRecords(split(text).rest, POLICY)).toEqual({
        ok: true,
        value: [{ row: 1, fields: { company: '', contact: '张', titlePhone: 'IT 13800000000', headcount: '200', itStatus: '有' } }],
      });
    }
  });

  test('撤回 L42, 同意 L42, 驳回 L42 当天有培训, 撤销 P1288 误扣, 确认 C310 …', () => {
    expect(takeLeadingId(split('撤回 L42').rest, 'L')).toEqual({ ok: true, value: { id: 42, rest: '' } });
    expect(takeLeadingId(split('同意 Ｌ４２').rest, 'L')).toEqual({ ok: true, value: { id: 42, rest: '' } });
    expect(takeLeadingId(split('驳回 L42 当天有培训').rest, 'L')).toEqual({ ok: true, value: { id: 42, rest: '当天有培训' } });
    expect(takeLeadingId(split('撤销 P1288 误扣').rest, 'P')).toEqual({ ok: true, value: { id: 1288, rest: '误扣' } });
    expect(takeLeadingId(split('确认 C310 已拜访 档案完整 已签字').rest, 'C'))
      .toEqual({ ok: true, value: { id: 310, rest: '已拜访 档案完整 已签字' } });
  });

  test('扣分 @张三 值日, 扣分 张三 3 态度问题, 加分 @李四 5 客户表扬', () => {
    const byRule = takeLeadingPerson(split('扣分 @张三 值日').rest, MENTIONS);
    expect(byRule).toEqual({ ok: true, value: { person: { kind: 'mention', externalId: 'wxid_zhangsan' }, rest: '值日' } });

    const byPoints = takeLeadingPerson(split('扣分 张三 3 态度问题').rest, MENTIONS);
    expect(byPoints).toEqual({ ok: true, value: { person: { kind: 'name', name: '张三' }, rest: '3 态度问题' } });
    expect(takePointsAndReason(byPoints.ok ? byPoints.value.rest : '', '扣分', REASON)).toEqual({ ok: true, value: { points: 3, reason: '态度问题' } });

    const award = takeLeadingPerson(split('加分 @李四 5 客户表扬').rest, MENTIONS);
    expect(award).toEqual({ ok: true, value: { person: { kind: 'mention', externalId: 'wxid_lisi' }, rest: '5 客户表扬' } });
  });

  test('回款 @张三 52000 华为技术', () => {
    const person = takeLeadingPerson(split('回款 @张三 52000 华为技术').rest, MENTIONS);
    expect(person.ok && person.value.person).toEqual({ kind: 'mention', externalId: 'wxid_zhangsan' });
    expect(takeLeadingYuan(person.ok ? person.value.rest : '')).toEqual({ ok: true, value: { fen: 5200000, rest: '华为技术' } });
  });

  test('积分, 积分 @张三, 工资, 工资 11月, 排名, 排名 上周', () => {
    expect(takeLeadingPerson(split('积分').rest, MENTIONS)).toEqual({ ok: true, value: { person: null, rest: '' } });
    expect(takeLeadingPerson(split('积分 @张三').rest, MENTIONS))
      .toEqual({ ok: true, value: { person: { kind: 'mention', externalId: 'wxid_zhangsan' }, rest: '' } });
    expect(parseMonth(split('工资').rest, { today: TODAY, rules: RULES })).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonth(split('工资 11月').rest, { today: '2027-01-05', rules: RULES })).toEqual({ ok: true, value: '2026-11' });
    expect(parseWeekRef(split('排名').rest)).toEqual({ ok: true, value: 0 });
    expect(parseWeekRef(split('排名 上周').rest)).toEqual({ ok: true, value: -1 });
  });
});

describe('every parser answers, and never throws, whatever is typed', () => {
  const pieces = fc.constantFrom(
    '事假', '病假', '12月3日', '2月30日', '明天', '下周一', '上午', '全天', '至', '-', '~', '|', '\t', '\n', '=', '：', '　',
    '@张三', '@', 'E001', '客户', '公司=', '120', '5.2万', '１２０', '"', '""', 'L42', '备注', '通话', ' ',
  );
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')));
  const shaped = (r: { ok: boolean; error?: string }): boolean => r.ok || (typeof r.error === 'string' && r.error.length > 0);

  test('results are { ok: true, value } or { ok: false, error } with a non-empty error', () => {
    fc.assert(fc.property(text, (t) => {
      const results = [
        splitCommand(t, ALIASES), parseReportArgs(t, POLICY), parseLeaveCommand(t, MENTIONS, LEAVE), parseRecords(t, POLICY),
        takeLeadingId(t, 'P'), takePointsAndReason(t, '加分', REASON) ?? { ok: true }, parseYuan(t), takeLeadingYuan(t),
        parseDate(t, { today: TODAY, mode: 'nearest', rules: RULES }), parseDate(t, { today: TODAY, mode: 'past', rules: RULES }),
        parseMonth(t, { today: TODAY, rules: RULES }), parseWeekRef(t), parsePersonRef(t, MENTIONS), takeLeadingPerson(t, MENTIONS),
      ];
      return results.every(shaped);
    }), { numRuns: 500 });
  });
});
