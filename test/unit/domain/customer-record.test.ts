import path from 'node:path';
import { loadPolicy } from '../../../src/config/policy-loader';
import { RECORD_FIELD_NAMES, RecordFields, assessRecord } from '../../../src/domain/customer-record';

const PATTERN = loadPolicy(path.join(__dirname, '../../../config/policy.yaml')).customerRecord.phonePattern;

const record = (f: Partial<RecordFields> = {}): RecordFields => ({
  company: '深圳市某某科技有限公司',
  contact: '王经理',
  titlePhone: '信息部 主任 13800000000',
  headcount: '120',
  itStatus: '用金蝶财务，无CRM',
  ...f,
});

describe('assessRecord: the five H-3 fields', () => {
  test('H-3 a complete record is a valid call', () => {
    expect(assessRecord(record(), PATTERN)).toEqual({ complete: true, missing: [], phone: '13800000000', badPhone: false, grade: 'C' });
  });

  test.each<[string, Partial<RecordFields>, string[]]>([
    ['H-3 company missing: 客户名称', { company: '' }, ['客户名称']],
    ['H-3 contact missing: 联系人', { contact: '' }, ['联系人']],
    ['H-3 department/title/phone missing: 部门职务电话', { titlePhone: '' }, ['部门职务电话']],
    ['H-3 headcount missing: 人数', { headcount: '' }, ['人数']],
    ['H-3 IT status missing: 信息化现状', { itStatus: '' }, ['信息化现状']],
    ['H-3 whitespace-only company counts as missing', { company: '   ' }, ['客户名称']],
    ['H-3 a tab and a full-width space only count as missing', { contact: '\t\u3000' }, ['联系人']],
    ['H-3 whitespace-only third field is missing, not "no phone"', { titlePhone: ' \n ' }, ['部门职务电话']],
    ['H-3 whitespace-only headcount', { headcount: ' ' }, ['人数']],
    ['H-3 whitespace-only IT status', { itStatus: '  ' }, ['信息化现状']],
    ['H-3 a title without a phone number: 电话号码', { titlePhone: '信息部 主任' }, ['电话号码']],
    ['H-3 every field missing, in handbook order', { company: '', contact: ' ', titlePhone: '', headcount: '', itStatus: '' }, ['客户名称', '联系人', '部门职务电话', '人数', '信息化现状']],
    ['H-3 two missing fields are both named', { company: '', titlePhone: '经理' }, ['客户名称', '电话号码']],
  ])('%s', (_title, f, missing) => {
    const a = assessRecord(record(f), PATTERN);
    expect(a.missing).toEqual(missing);
    expect(a.complete).toBe(false);
  });

  test('H-3 the field names are the users\' words', () => {
    expect(RECORD_FIELD_NAMES).toEqual({ company: '客户名称', contact: '联系人', titlePhone: '部门职务电话', headcount: '人数', itStatus: '信息化现状' });
  });

  test('H-3 a contact with a surname only is enough', () => {
    expect(assessRecord(record({ contact: '王' }), PATTERN).complete).toBe(true);
  });
});

describe('assessRecord: the phone in 部门职务电话 (H-3, edges "Customer records")', () => {
  test.each<[string, string, string | null]>([
    ['H-3 a mobile 13800000000', '经理 13800000000', '13800000000'],
    ['H-3 a mobile starting 19', '经理 19912345678', '19912345678'],
    ['H-3 a mobile right after Chinese text', '经理手机13800000000', '13800000000'],
    ['H-3 a landline 010-12345678', '行政部 主管 010-12345678', '01012345678'],
    ['H-3 a landline 0755-1234567', '财务 0755-1234567', '07551234567'],
    ['H-3 a landline without the dash', '财务 07551234567', '07551234567'],
    ['H-3 a landline 0755-12345678', '财务 0755-12345678 转 8001', '075512345678'],
    ['H-3 12800000000 is not a mobile (1[3-9])', '经理 12800000000', null],
    ['H-3 11 digits starting 10 are not a mobile', '经理 10800000000', null],
    ['H-3 a 12-digit run is not a mobile', '经理 138000000001', null],
    ['H-3 a 10-digit run is not a mobile', '经理 1380000000', null],
    ['H-3 a landline with too few digits', '财务 010-123456', null],
    ['H-3 a landline with too many digits', '财务 010-123456789', null],
    ['H-3 digits inside a longer number do not count', '编号 913800000000', null],
    ['H-3 a mobile with spaces is not recognised', '经理 138 0000 0000', null],
  ])('%s', (_title, titlePhone, phone) => {
    const a = assessRecord(record({ titlePhone }), PATTERN);
    expect(a.phone).toBe(phone);
    expect(a.complete).toBe(phone !== null);
    // Issue 13: a number that is no phone is that fault, not "缺电话号码".
    expect([a.missing, a.badPhone]).toEqual([[], phone === null]);
  });

  test.each<[string, string, boolean]>([
    ['issue 13: 12345 is a bad number, not a missing one', 'IT经理 12345', true],
    ['issue 13: a bad landline', '财务 010-1234', true],
    ['issue 13: a mobile in groups is a bad number (the pattern takes no spaces)', '经理 138-0000-0000', true],
    ['issue 13: +86 written against the number', '经理 +8613800000000', true],
    ['no digits at all: missing', 'IT经理', false],
    ['a floor or an extension is no phone attempt: missing', '3楼 IT部 转 801', false],
    ['four digits split by a space are no phone attempt', '3 200', false],
  ])('%s', (_title, titlePhone, bad) => {
    const a = assessRecord(record({ titlePhone }), PATTERN);
    expect(a).toMatchObject({ phone: null, complete: false, badPhone: bad, missing: bad ? [] : ['电话号码'] });
  });
});

describe('assessRecord: the grade (H-4, edges "Customer records")', () => {
  test.each<[string, string | undefined, 'A' | 'B' | 'C']>([
    ['H-4 no grade is C', undefined, 'C'],
    ['H-4 an empty grade is C', '', 'C'],
    ['H-4 A', 'A', 'A'],
    ['H-4 lowercase a is A', 'a', 'A'],
    ['H-4 b with spaces is B', ' b ', 'B'],
    ['H-4 C', 'C', 'C'],
    ['H-4 an unknown grade is C', 'D', 'C'],
    ['H-4 AB is not A', 'AB', 'C'],
  ])('%s', (_title, grade, expected) => {
    expect(assessRecord(record({ grade }), PATTERN).grade).toBe(expected);
  });

  test('H-4 the grade does not make an incomplete record complete', () => {
    expect(assessRecord(record({ grade: 'A', headcount: '' }), PATTERN)).toEqual({ complete: false, missing: ['人数'], phone: '13800000000', badPhone: false, grade: 'A' });
  });
});
