import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OrgFileError, parseOrgFile, readOrgFile, type OrgFileIssue } from '../../../../src/services/org';

const fixture = (name: string) => path.join(__dirname, '../../../fixtures/org', name);
const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The issues parseOrgFile throws for `text` (fails the test when it does not throw). */
function issuesOf(text: string, fileName: string): OrgFileIssue[] {
  try {
    parseOrgFile(text, fileName);
  } catch (error) {
    if (error instanceof OrgFileError) return error.issues;
    throw error;
  }
  throw new Error('expected an OrgFileError');
}

/** Lines 1–5 of every YAML case: team 一组 led by E001, and E001 itself. */
const YAML_HEAD = [
  'teams:',
  '  - name: 一组',
  '    supervisor: E001',
  'employees:',
  '  - { no: E001, name: 王强, role: supervisor, team: 一组, feishu: ou_1 }',
];

/** Line 1–2 of every CSV case: the header and a supervisor. */
const CSV_HEAD = ['no,name,role,team,base_salary,feishu,wecom,wechaty,start_date,end_date', 'E001,王强,supervisor,一组,,ou_1,,,,'];

describe('org file: YAML errors name their line and field', () => {
  it.each([
    ['undeclared team', ['  - no: E002', '    name: 张伟', '    role: agent', '    team: 二组'], 9, 'team', '未声明的组「二组」'],
    ['duplicate employee number', ['  - { no: E001, name: 张伟, role: agent, team: 一组 }'], 6, 'no', '工号 E001 与第 5 行重复'],
    ['unknown role', ['  - no: E002', '    name: 张伟', '    role: manager', '    team: 一组'], 8, 'role', '未知角色（应为 agent、supervisor、salesperson、admin 之一）'],
    ['duplicate platform id', ['  - no: E002', '    name: 张伟', '    role: agent', '    team: 一组', '    feishu: ou_1'], 10, 'feishu', '飞书账号 ou_1 与第 5 行重复'],
    ['date that does not exist', ['  - { no: E002, name: 张伟, role: agent, team: 一组, start_date: 2026-02-30 }'], 6, 'start_date', '2026-02-30 不是有效日期'],
    ['start after end', ['  - no: E002', '    name: 张伟', '    role: agent', '    team: 一组', '    start_date: 2026-03-10', '    end_date: 2026-03-09'], 11, 'end_date', '离职日期 2026-03-09 早于入职日期 2026-03-10'],
    ['base salary with 3 decimals', ['  - no: E002', '    name: 张伟', '    role: agent', '    team: 一组', '    base_salary: 1000.105'], 10, 'base_salary', '最多两位小数'],
    ['negative base salary', ['  - { no: E002, name: 张伟, role: agent, team: 一组, base_salary: -1000 }'], 6, 'base_salary', '必须为正数'],
    ['base salary past the limit, named', ['  - { no: E002, name: 张伟, role: agent, team: 一组, base_salary: 21474836.48 }'], 6, 'base_salary', '金额过大（最多 21474836.47 元）'],
    ['missing name', ['  - no: E002', '    role: agent', '    team: 一组'], 6, 'name', '缺少姓名'],
    ['agent without a team', ['  - { no: E002, name: 张伟, role: agent }'], 6, 'team', '必须填写所属组'],
    ['unknown field', ['  - { no: E002, name: 张伟, role: agent, team: 一组, base_salery: 1000 }'], 6, 'base_salery', '未知字段'],
  ])('%s', (_title, rows, line, field, message) => {
    const issues = issuesOf(lines(...YAML_HEAD, ...rows), 'org.yaml');
    expect(issues).toEqual([{ line, field, message: expect.stringContaining(message) }]);
  });

  it('reports a team supervisor who is not a supervisor at the team line', () => {
    const text = lines('teams:', '  - name: 一组', '    supervisor: E002', 'employees:', '  - { no: E001, name: 王强, role: supervisor, team: 一组 }', '  - { no: E002, name: 张伟, role: agent, team: 一组 }');
    expect(issuesOf(text, 'org.yml')).toEqual([{ line: 2, field: 'supervisor', message: expect.stringContaining('组主管应为 supervisor 或 admin') }]);
  });

  it('reports a team supervisor missing from the file at the team line', () => {
    const text = lines('teams:', '  - name: 一组', '    supervisor: E404', 'employees:', '  - { no: E001, name: 王强, role: supervisor, team: 一组 }');
    expect(issuesOf(text, 'org.yaml')).toEqual([{ line: 2, field: 'supervisor', message: expect.stringContaining('E404 不在本文件') }]);
  });

  it('reports a YAML syntax error at its line', () => {
    const issues = issuesOf(lines('teams:', '  - name: 一组', 'employees:', '  - { no: E001, name: 王强'), 'org.yaml');
    expect(issues[0]).toMatchObject({ field: null, message: expect.stringContaining('YAML 格式有误') });
    expect(issues[0].line).toBeGreaterThanOrEqual(4);
  });
});

describe('org file: CSV errors name their physical line and field', () => {
  it.each([
    ['duplicate employee number', ['E001,张伟,agent,一组,,,,,,'], 3, 'no', '工号 E001 与第 2 行重复'],
    ['unknown role', ['E002,张伟,boss,一组,,,,,,'], 3, 'role', '未知角色（应为 agent、supervisor、salesperson、admin 之一）'],
    ['duplicate feishu id', ['E002,张伟,agent,一组,,ou_2,,,,', 'E003,李娜,agent,一组,,ou_1,,,,'], 4, 'feishu', '飞书账号 ou_1 与第 2 行重复'],
    ['date that does not exist', ['E002,张伟,agent,一组,,,,,2026-02-30,'], 3, 'start_date', '2026-02-30 不是有效日期'],
    ['date in another format', ['E002,张伟,agent,一组,,,,,2026/3/1,'], 3, 'start_date', 'YYYY-MM-DD'],
    ['two supervisors in one team', ['E002,张伟,agent,一组,,,,,,', 'E003,李娜,supervisor,一组,,,,,,'], 4, 'role', '「一组」已有主管 E001（第 2 行）'],
    ['wrong number of columns', ['E002,张伟,agent,一组'], 3, null, '应有 10 列'],
  ])('%s', (_title, rows, line, field, message) => {
    expect(issuesOf(lines(...CSV_HEAD, ...rows), 'org.csv')).toEqual([{ line, field, message: expect.stringContaining(message) }]);
  });

  it('reports a wrong header at line 1 and nothing else', () => {
    const text = lines('工号,姓名,角色,组,底薪,feishu,wecom,wechaty,start_date,end_date', 'E001,王强,boss,一组,,,,,,');
    expect(issuesOf(text, 'org.csv')).toEqual([{ line: 1, field: null, message: expect.stringContaining('表头应为 no,name,role,team,base_salary') }]);
  });

  it('counts lines physically: blank lines, CRLF and a quoted field over two lines', () => {
    const text = [...CSV_HEAD, '', 'E002,"张伟\r\n（夜班）",agent,一组,,,,,,', 'E003,李娜,boss,一组,,,,,,', ''].join('\r\n');
    expect(issuesOf(text, 'org.csv')).toEqual([{ line: 6, field: 'role', message: expect.any(String) }]);
  });

  it('reports an unclosed quote at the line where the record starts', () => {
    const text = lines(...CSV_HEAD, 'E002,"张伟,agent,一组,,,,,,', 'E003,李娜,agent,一组,,,,,,');
    expect(issuesOf(text, 'org.csv')).toEqual([{ line: 3, field: null, message: expect.stringContaining('引号未闭合') }]);
  });
});

describe('org file: reading', () => {
  it('reports every problem together, ordered by line, in one Chinese message', () => {
    const text = lines(...YAML_HEAD, '  - { no: E002, name: 张伟, role: manager, team: 一组 }', '  - { no: E001, role: agent, team: 二组 }');
    let error: unknown;
    try {
      parseOrgFile(text, 'org.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrgFileError);
    const { issues, message } = error as OrgFileError;
    expect(issues.map((i) => `${i.line}:${i.field}`)).toEqual(['6:role', '7:name', '7:no', '7:team']);
    expect(message).toContain('组织文件有 4 处错误，未导入任何数据');
    expect(message).toContain('第 6 行 role：未知角色（应为 agent、supervisor、salesperson、admin 之一）');
    expect(message).toContain('第 7 行 no：工号 E001 与第 5 行重复');
  });

  it('never puts a phone number in a message', () => {
    const text = lines(...CSV_HEAD, 'E002,张伟,agent,一组,,13800138000,,,,', 'E003,李娜,agent,一组,,13800138000,,,,');
    const [issue] = issuesOf(text, 'org.csv');
    expect(issue).toMatchObject({ line: 4, field: 'feishu' });
    expect(issue.message).not.toContain('13800138000');
  });

  it('reads the good fixtures: YAML and CSV describe the same organisation', async () => {
    const yaml = await readOrgFile(fixture('good.yaml'));
    const csv = await readOrgFile(fixture('good.csv'));
    const withoutLines = (o: { line: number }) => ({ ...o, line: 0 });
    expect(csv.employees.map(withoutLines)).toEqual(yaml.employees.map(withoutLines));
    expect(yaml.teams).toEqual([{ name: '一组', supervisorNo: 'E001', chats: { feishu: 'oc_team1chat' }, line: 4 }]);
    expect(csv.teams).toEqual([{ name: '一组', supervisorNo: 'E001', chats: {}, line: 2 }]);
    expect(yaml.employees.find((e) => e.no === 'E002')).toEqual({
      no: 'E002', name: '张伟', role: 'agent', team: '一组', feishu: 'ou_zhangwei', wecom: '10086', startDate: '2026-03-01', line: 16,
    });
    expect(csv.employees.find((e) => e.no === 'E003')).toMatchObject({ baseSalaryFen: 100010, line: 4 });
    expect(csv.employees.find((e) => e.no === 'E900')).toEqual({ no: 'E900', name: '赵敏', role: 'admin', feishu: 'ou_zhaomin', line: 7 });
  });

  it('takes YAML numbers as the text written', () => {
    const file = parseOrgFile(lines('employees:', '  - { no: 0012, name: 赵敏, role: admin, wecom: 10086, wechaty: 1e3, base_salary: 1000.10 }'), 'org.yaml');
    expect(file.employees[0]).toMatchObject({ no: '0012', wecom: '10086', wechaty: '1e3', baseSalaryFen: 100010 });
  });

  it('converts yuan to fen without float errors', () => {
    const rows = ['0.01', '1000', '1000.1', '1000.10', '1234.56', '0.29'].map((b, i) => `E10${i},某,admin,,${b},,,,,`);
    const file = parseOrgFile(lines(CSV_HEAD[0], ...rows), 'org.csv');
    expect(file.employees.map((e) => e.baseSalaryFen)).toEqual([1, 100000, 100010, 100010, 123456, 29]);
  });

  it('handles a BOM and quoted fields with commas and quotes', () => {
    const text = `\uFEFF${lines(CSV_HEAD[0], 'E001,"Smith, John",admin,,,"ou_""x""",,,,')}`;
    expect(parseOrgFile(text, 'org.csv').employees[0]).toMatchObject({ no: 'E001', name: 'Smith, John', feishu: 'ou_"x"', line: 2 });
    expect(parseOrgFile(`\uFEFF${lines('employees:', '  - { no: E001, name: 赵敏, role: admin }')}`, 'org.yaml').employees).toHaveLength(1);
  });

  it('parses the shipped example org file', async () => {
    const file = await readOrgFile(path.join(__dirname, '../../../../config/org.example.yaml'));
    expect(file.teams[0]).toMatchObject({ name: '一组', supervisorNo: 'E001' });
    expect(file.employees.length).toBeGreaterThan(0);
  });

  it('explains a wrong extension, a missing file and a file not in UTF-8', async () => {
    await expect(readOrgFile(fixture('good.xlsx'))).rejects.toThrow('不支持的文件类型 .xlsx');
    await expect(readOrgFile(fixture('missing.yaml'))).rejects.toThrow(OrgFileError);
    await expect(readOrgFile(fixture('missing.yaml'))).rejects.toThrow('找不到组织文件');
    const dir = mkdtempSync(path.join(tmpdir(), 'org-file-'));
    const gbk = path.join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.concat([Buffer.from(`${CSV_HEAD[0]}\nE001,`), Buffer.from([0xcd, 0xf5, 0xc7, 0xbf]), Buffer.from(',admin,,,,,,,\n')]));
    try {
      await expect(readOrgFile(gbk)).rejects.toThrow('文件不是 UTF-8 编码');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('org file: mobile (for org sync)', () => {
  test('YAML and CSV with the mobile column: normalised to digits (+86, spaces and dashes dropped); CSV without it still reads', () => {
    const yaml = parseOrgFile(lines('employees:', "  - { no: E900, name: 赵敏, role: admin, mobile: '+86 138-0013-8000' }"), 'org.yaml');
    expect(yaml.employees[0].mobile).toBe('13800138000');
    const csv = parseOrgFile(lines(`${CSV_HEAD[0]},mobile`, `${CSV_HEAD[1]},13900139000`, 'E002,张伟,agent,一组,,,,,,,'), 'org.csv');
    expect(csv.employees.map((e) => e.mobile)).toEqual(['13900139000', undefined]);
    expect(parseOrgFile(lines(...CSV_HEAD), 'org.csv').employees[0].mobile).toBeUndefined();
  });

  test('a mobile that is not 5–15 digits is refused with its line', () => {
    expect(issuesOf(lines(`${CSV_HEAD[0]},mobile`, `${CSV_HEAD[1]},abc123`), 'org.csv')).toEqual([expect.objectContaining({ line: 2, field: 'mobile', message: expect.stringContaining('手机号应为') })]);
  });
});
