import path from 'node:path';
import { loadPolicy } from '../../../../src/config/policy-loader';
import { assessRecord, type RecordFields } from '../../../../src/domain/customer-record';
import { RECORD_EXAMPLE, parseRecords as parseWith, type ParsedRecord } from '../../../../src/domain/grammar/records';
import { POLICY } from '../../../helpers/service-context';

const LIMITS = POLICY.textLimits;
const parseRecords = (text: string) => parseWith(text, POLICY);

const HUAWEI: RecordFields = {
  company: '华为技术', contact: '张', titlePhone: 'IT经理 13800000000', headcount: '200', itStatus: '已上ERP', grade: 'A',
};
const TENCENT: RecordFields = {
  company: '腾讯', contact: '李总', titlePhone: '信息部 主任 0755-86013388', headcount: '300', itStatus: '无CRM',
};
const KV_HUAWEI: RecordFields = {
  company: '华为', contact: '张经理', titlePhone: 'IT经理 13800000000', headcount: '200', itStatus: '已上ERP', grade: 'A',
};
const at = (row: number, fields: RecordFields): ParsedRecord => ({ row, fields });

describe('parseRecords: rows separated by | (H-3)', () => {
  test.each<[string, string, ParsedRecord[]]>([
    ['docs/commands.md example', '华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', [at(1, HUAWEI)]],
    ['no spaces around bars', '华为技术|张|IT经理 13800000000|200|已上ERP|A', [at(1, HUAWEI)]],
    ['full-width bars and digits', '华为技术｜张｜IT经理　１３８００００００００｜２００｜已上ERP｜Ａ', [at(1, HUAWEI)]],
    ['five fields: no grade', '腾讯 | 李总 | 信息部 主任 0755-86013388 | 300 | 无CRM', [at(1, TENCENT)]],
    ['an empty grade is no grade', '腾讯 | 李总 | 信息部 主任 0755-86013388 | 300 | 无CRM |', [at(1, TENCENT)]],
    ['an empty field keeps its place (incomplete record)', '腾讯 | 李总 | 信息部 主任 0755-86013388 |  | 无CRM',
      [at(1, { ...TENCENT, headcount: '' })]],
    ['客户 repeated on the first row (the whole message)', '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A', [at(1, HUAWEI)]],
    ['several lines, 客户 written once', '华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A\n腾讯 | 李总 | 信息部 主任 0755-86013388 | 300 | 无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['客户 at the start of every line', '华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A\n客户 腾讯 | 李总 | 信息部 主任 0755-86013388 | 300 | 无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['客户 joined to the row, and with a colon', '客户华为技术|张|IT经理 13800000000|200|已上ERP|A\n客户：腾讯|李总|信息部 主任 0755-86013388|300|无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['mixed: 客户 on some lines only', '华为技术|张|IT经理 13800000000|200|已上ERP|A\n客户 腾讯|李总|信息部 主任 0755-86013388|300|无CRM\n华为技术|张|IT经理 13800000000|200|已上ERP|A',
      [at(1, HUAWEI), at(2, TENCENT), at(3, HUAWEI)]],
    ['the English alias on a line', 'lead 腾讯|李总|信息部 主任 0755-86013388|300|无CRM', [at(1, TENCENT)]],
    ['a 客户 line on its own, then rows', '客户\n腾讯|李总|信息部 主任 0755-86013388|300|无CRM', [at(1, TENCENT)]],
    ['blank lines are skipped and not counted', '\n华为技术|张|IT经理 13800000000|200|已上ERP|A\n\n  \n腾讯|李总|信息部 主任 0755-86013388|300|无CRM\n',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['CRLF line ends', '华为技术|张|IT经理 13800000000|200|已上ERP|A\r\n腾讯|李总|信息部 主任 0755-86013388|300|无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['a typed header row is skipped but counted', '客户名称|联系人|部门职务电话|人数|信息化现状|等级\n华为技术|张|IT经理 13800000000|200|已上ERP|A',
      [at(2, HUAWEI)]],
  ])('%s', (_title, text, records) => {
    expect(parseRecords(text)).toEqual({ ok: true, value: records });
  });
});

describe('parseRecords: rows pasted from Excel (tabs)', () => {
  test.each<[string, string, ParsedRecord[]]>([
    ['one row, six cells', '华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, HUAWEI)]],
    ['one row, five cells', '腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM', [at(1, TENCENT)]],
    ['rows with a header row (Excel row numbers)', '客户名称\t联系人\t部门职务电话\t人数\t信息化现状\t等级\n华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA\n腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM\t',
      [at(2, HUAWEI), at(3, TENCENT)]],
    ['a header with other wording', '公司名称\t联系人姓名\t部门/职务/电话\t员工人数\t信息化\t客户等级\n华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(2, HUAWEI)]],
    ['a header whose 客户 the command word took', '名称\t联系人\t部门职务电话\t人数\t信息化现状\n腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM', [at(2, TENCENT)]],
    ['a header cell 客户 with 客户 stripped from the line', '客户\t联系人\t部门职务电话\t人数\t信息化现状\n腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM', [at(2, TENCENT)]],
    ['客户 at the start of every Excel line', '客户 华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA\n客户 腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['客户 in its own Excel column', '客户\t华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, HUAWEI)]],
    ['客户 in its own Excel column, then an empty company cell', '华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA\n客户\t\t张\tIT经理 13800000000\t200\t已上ERP\tA',
      [at(1, HUAWEI), at(2, { ...HUAWEI, company: '' })]],
    ['empty trailing cells beyond six are dropped', '华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA\t\t\t', [at(1, HUAWEI)]],
    ['an empty first cell keeps its place', '\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, { ...HUAWEI, company: '' })]],
    ['a blank Excel row is skipped', '\t\t\t\t\n华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, HUAWEI)]],
    ['a quoted cell with a line break (Alt+Enter)', '华为技术\t张\t"IT经理\n13800000000"\t200\t已上ERP\tA\n腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM',
      [at(1, HUAWEI), at(2, TENCENT)]],
    ['a quoted cell with a quote', '"华为""技术"""\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, { ...HUAWEI, company: '华为"技术"' })]],
    ['a | inside an Excel cell stays in the cell', '华为|技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', [at(1, { ...HUAWEI, company: '华为|技术' })]],
    ['full-width spaces inside cells', '华为技术\t张\tIT经理\u300013800000000\t２００\t已上ERP\tA', [at(1, HUAWEI)]],
  ])('%s', (_title, text, records) => {
    expect(parseRecords(text)).toEqual({ ok: true, value: records });
  });
});

describe('parseRecords: key=value form', () => {
  test.each<[string, string, ParsedRecord[]]>([
    ['docs/commands.md example', '公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A', [at(1, KV_HUAWEI)]],
    ['colons', '公司:华为 联系人:张经理 职务:IT经理 电话:13800000000 人数:200 信息化:已上ERP 等级:A', [at(1, KV_HUAWEI)]],
    ['full-width colons, equals and digits', '公司：华为　联系人＝张经理　职务：IT经理　电话：１３８００００００００　人数：２００　信息化：已上ERP　等级：A', [at(1, KV_HUAWEI)]],
    ['spaces around the separator', '公司 = 华为 联系人 = 张经理 职务 = IT经理 电话 = 13800000000 人数 = 200 信息化 = 已上ERP 等级 = A', [at(1, KV_HUAWEI)]],
    ['commas between pairs', '公司=华为，联系人=张经理，职务=IT经理，电话=13800000000，人数=200，信息化=已上ERP，等级=A', [at(1, KV_HUAWEI)]],
    ['bars between pairs', '公司=华为 | 联系人=张经理 | 职务=IT经理 | 电话=13800000000 | 人数=200 | 信息化=已上ERP | 等级=A', [at(1, KV_HUAWEI)]],
    ['alias keys', '客户名称=华为 联系人=张经理 部门=IT经理 手机=13800000000 人数=200 信息化现状=已上ERP 级别=A', [at(1, KV_HUAWEI)]],
    ['客户= as the company key', '客户=华为 联系人=张经理 部门职务=IT经理 电话=13800000000 人数=200 IT=已上ERP 等级=A', [at(1, KV_HUAWEI)]],
    ['客户: as the company key', '客户:华为 联系人:张经理 职务:IT经理 电话:13800000000 人数:200 it:已上ERP 等级:A', [at(1, KV_HUAWEI)]],
    ['名称= (客户名称 after the command word took 客户)', '名称=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A', [at(1, KV_HUAWEI)]],
    ['the order does not matter', '电话=13800000000 等级=A 公司=华为 人数=200 职务=IT经理 信息化=已上ERP 联系人=张经理',
      [at(1, { ...KV_HUAWEI, titlePhone: '13800000000 IT经理' })]],
    ['部门 and 职务 and 电话 all join', '公司=华为 联系人=张经理 部门=信息部 职务=主任 电话=13800000000 人数=200 信息化=已上ERP',
      [at(1, { company: '华为', contact: '张经理', titlePhone: '信息部 主任 13800000000', headcount: '200', itStatus: '已上ERP' })]],
    ['部门职务电话 in one key', '公司=华为 联系人=张经理 部门职务电话=IT经理 13800000000 人数=200 信息化=已上ERP 等级=A', [at(1, KV_HUAWEI)]],
    ['values with spaces', '公司=华为 技术 联系人=张 经理 电话=13800000000 人数=200 信息化=用 金蝶',
      [at(1, { company: '华为 技术', contact: '张 经理', titlePhone: '13800000000', headcount: '200', itStatus: '用 金蝶' })]],
    ['missing keys are empty (incomplete record)', '公司=华为 电话=13800000000',
      [at(1, { company: '华为', contact: '', titlePhone: '13800000000', headcount: '', itStatus: '' })]],
    ['an empty value', '公司= 联系人=张经理 电话=13800000000 人数=200 信息化=有',
      [at(1, { company: '', contact: '张经理', titlePhone: '13800000000', headcount: '200', itStatus: '有' })]],
    ['leading text is the company', '华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A', [at(1, KV_HUAWEI)]],
    ['客户 on every line, several records', '公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A\n客户 公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A',
      [at(1, KV_HUAWEI), at(2, KV_HUAWEI)]],
    ['kv and | rows mixed in one message', '公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A\n华为技术|张|IT经理 13800000000|200|已上ERP|A',
      [at(1, KV_HUAWEI), at(2, HUAWEI)]],
  ])('%s', (_title, text, records) => {
    expect(parseRecords(text)).toEqual({ ok: true, value: records });
  });
});

describe('parseRecords: errors name the row; nothing is returned for the others', () => {
  test.each<[string, string, string]>([
    ['more than 6 fields', '华为技术|张|IT经理 13800000000|200|已上ERP|A\n腾讯|李总|主任|0755-86013388|300|无CRM|B|备注',
      `第 2 行有 8 列，应为 5 或 6 列，例：${RECORD_EXAMPLE}`],
    ['seven Excel cells', '华为技术\t张\tIT经理\t13800000000\t200\t已上ERP\tA', `第 1 行有 7 列，应为 5 或 6 列，例：${RECORD_EXAMPLE}`],
    ['fewer than 5 fields', '华为技术|张|IT经理 13800000000|已上ERP', `第 1 行有 4 列，应为 5 或 6 列，例：${RECORD_EXAMPLE}`],
    ['the row counts a header', '客户名称|联系人|部门职务电话|人数|信息化现状\n华为技术|张', `第 2 行有 2 列，应为 5 或 6 列，例：${RECORD_EXAMPLE}`],
    ['space separated only', '华为技术 张 IT经理 13800000000 200 已上ERP', `第 1 行看不懂，请用 | 分隔各项，例：${RECORD_EXAMPLE}`],
    ['a chatty line among rows', '华为技术|张|IT经理 13800000000|200|已上ERP|A\n今天就这些', `第 2 行看不懂，请用 | 分隔各项，例：${RECORD_EXAMPLE}`],
    ['an unknown key', '公司=华为 联系人=张经理 备注=老客户', '第 1 行有不认识的项“备注”，可用：公司 联系人 职务 电话 人数 信息化 等级'],
    ['pairs without spaces', '公司=华为联系人=张经理', '第 1 行各项之间请用空格隔开，例：公司=华为 联系人=张经理'],
    ['a key twice', '公司=华为 联系人=张 公司=腾讯', '第 1 行“公司”写了两次'],
    ['leading text and a company key', '老客户 公司=华为 联系人=张', '第 1 行“老客户”不属于任何一项，可用：公司 联系人 职务 电话 人数 信息化 等级'],
    ['nothing after 客户', '', `缺少客户记录，例：${RECORD_EXAMPLE}`],
    ['only a 客户 line', '客户', `缺少客户记录，例：${RECORD_EXAMPLE}`],
    ['only a header row', '客户名称\t联系人\t部门职务电话\t人数\t信息化现状', `缺少客户记录，例：${RECORD_EXAMPLE}`],
    ['only blank lines', '\n \n\u3000\n', `缺少客户记录，例：${RECORD_EXAMPLE}`],
    ['a long leading text is quoted by its start only', `${'老'.repeat(30)} 公司=华为`, `第 1 行“${'老'.repeat(20)}…”不属于任何一项，可用：公司 联系人 职务 电话 人数 信息化 等级`],
  ])('%s', (_title, text, error) => {
    expect(parseRecords(text)).toEqual({ ok: false, error });
  });
});

describe('parseRecords: each field within its policy limit (textLimits; issue 13)', () => {
  const fields = (f: Partial<RecordFields>): RecordFields => {
    const { grade: _grade, ...five } = { ...HUAWEI, ...f };
    return five;
  };
  const row = (f: Partial<RecordFields>): string => {
    const r = fields(f);
    return [r.company, r.contact, r.titlePhone, r.headcount, r.itStatus].join(' | ');
  };
  const PHONE = ' 13800000000';
  test.each<[string, keyof typeof LIMITS, (n: number) => string]>([
    ['客户名称', 'company', (n) => '华'.repeat(n)],
    ['联系人', 'contact', (n) => '张'.repeat(n)],
    ['部门职务电话', 'titlePhone', (n) => `${'经'.repeat(n - PHONE.length)}${PHONE}`],
    ['人数', 'headcount', (n) => '2'.repeat(n)],
    ['信息化现状', 'itStatus', (n) => '😀'.repeat(n)],
  ])('%s at its limit is read whole; one character more names the row, the field and the limit', (label, key, text) => {
    const max = LIMITS[key];
    expect(parseRecords(row({ [key]: text(max) }))).toEqual({ ok: true, value: [at(1, fields({ [key]: text(max) }))] });
    expect(parseRecords(`${row({})}\n${row({ [key]: text(max + 1) })}`))
      .toEqual({ ok: false, error: `第 2 行${label}最多 ${max} 个字，你写了 ${max + 1} 个字，例：${RECORD_EXAMPLE}` });
  });

  test('key=value rows are held to the same limits', () => {
    const text = `公司=华为 联系人=${'张'.repeat(LIMITS.contact + 1)} 电话=13800000000`;
    expect(parseRecords(text)).toEqual({ ok: false, error: `第 1 行联系人最多 ${LIMITS.contact} 个字，你写了 ${LIMITS.contact + 1} 个字，例：${RECORD_EXAMPLE}` });
  });
});

describe('parsed records feed assessRecord (H-3)', () => {
  const PATTERN = loadPolicy(path.join(__dirname, '../../../../config/policy.yaml')).customerRecord.phonePattern;

  test('a full-width row, an Excel row and a key=value row are all complete', () => {
    const parsed = parseRecords('华为技术｜张｜IT经理　１３８００００００００｜２００｜已上ERP｜Ａ\n客户 腾讯\t李总\t信息部 主任 0755-86013388\t300\t无CRM\n客户 公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=B');
    expect(parsed.ok).toBe(true);
    const assessed = parsed.ok ? parsed.value.map((r) => assessRecord(r.fields, PATTERN)) : [];
    expect(assessed.map((a) => [a.complete, a.phone, a.grade])).toEqual([
      [true, '13800000000', 'A'],
      [true, '075586013388', 'C'],
      [true, '13800000000', 'B'],
    ]);
  });
});
