import type { IssueList } from './org-file-error';
import { PLATFORM_LABELS, PLATFORMS, type EmployeeField, type OrgEmployee, type RawEmployee } from './org-types';
import { parseMobile, parseRole, parseText, parseWorkDate, parseYuanToFen, type Parsed } from './org-values';

/** Column lengths of employees and platform_identities: longer values would not fit. */
const MAX = { no: 32, name: 64, team: 64, externalId: 128 } as const;

/**
 * Checks every employee record of a file, both formats alike: each field on its own, then
 * across the file (employee numbers and platform ids unique, the later line naming the
 * earlier). Problems go to `issues`; only records without any come back.
 */
export function checkEmployees(raws: RawEmployee[], issues: IssueList): OrgEmployee[] {
  const lineOfNo = new Map<string, number>();
  const lineOfId = new Map<string, number>();
  const valid: OrgEmployee[] = [];
  for (const raw of raws) {
    const before = issues.count;
    const employee = checkOne(raw, issues);
    const no = raw.fields.no;
    if (no) {
      const earlier = lineOfNo.get(no.value);
      if (earlier === undefined) lineOfNo.set(no.value, no.line);
      else issues.add(no.line, 'no', `工号 ${no.value} 与第 ${earlier} 行重复`);
    }
    for (const platform of PLATFORMS) {
      const id = raw.fields[platform];
      if (!id) continue;
      const key = `${platform}\u0000${id.value}`;
      const earlier = lineOfId.get(key);
      if (earlier === undefined) lineOfId.set(key, id.line);
      else issues.add(id.line, platform, `${PLATFORM_LABELS[platform]} ${id.value} 与第 ${earlier} 行重复`);
    }
    if (employee && issues.count === before) valid.push(employee);
  }
  return valid;
}

/** One record's own fields; undefined when any is missing or wrong. */
function checkOne(raw: RawEmployee, issues: IssueList): OrgEmployee | undefined {
  const read = <T>(field: EmployeeField, parse: (text: string) => Parsed<T>): T | undefined => {
    const f = raw.fields[field];
    if (!f) return undefined;
    const parsed = parse(f.value);
    if (parsed.ok) return parsed.value;
    issues.add(f.line, field, parsed.error);
    return undefined;
  };
  const missing = (field: EmployeeField, message: string) => {
    if (!raw.fields[field]) issues.add(raw.line, field, message);
  };
  missing('no', '缺少工号');
  missing('name', '缺少姓名');
  missing('role', '缺少角色（应为 agent、supervisor、salesperson、admin 之一）');
  const no = read('no', (t) => parseText(t, MAX.no));
  const name = read('name', (t) => parseText(t, MAX.name));
  const role = read('role', parseRole);
  const team = read('team', (t) => parseText(t, MAX.team));
  if (role && role !== 'admin') missing('team', `角色为 ${role} 的员工必须填写所属组（只有 admin 可以不属于任何组）`);
  const baseSalaryFen = read('base_salary', parseYuanToFen);
  const startDate = read('start_date', parseWorkDate);
  const endDate = read('end_date', parseWorkDate);
  const mobile = read('mobile', parseMobile);
  if (startDate && endDate && startDate > endDate) {
    issues.add(raw.fields.end_date?.line ?? raw.line, 'end_date', `离职日期 ${endDate} 早于入职日期 ${startDate}`);
  }
  const ids = PLATFORMS.map((p) => [p, read(p, (t) => parseText(t, MAX.externalId))] as const);
  if (no === undefined || name === undefined || role === undefined) return undefined;
  const employee: OrgEmployee = { no, name, role, line: raw.line };
  if (team !== undefined) employee.team = team;
  if (baseSalaryFen !== undefined) employee.baseSalaryFen = baseSalaryFen;
  if (startDate !== undefined) employee.startDate = startDate;
  if (endDate !== undefined) employee.endDate = endDate;
  if (mobile !== undefined) employee.mobile = mobile;
  for (const [platform, id] of ids) if (id !== undefined) employee[platform] = id;
  return employee;
}
