import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { checkEmployees } from './org-employees';
import { IssueList } from './org-file-error';
import { checkTeams, type RawTeam } from './org-teams';
import { EMPLOYEE_FIELDS, PLATFORMS, type EmployeeField, type OrgFile, type Platform, type RawEmployee, type RawField } from './org-types';

/** A key of a YAML mapping with the line it is on and its (alias-resolved) value node. */
interface Entry {
  key: string;
  line: number;
  value: unknown;
}

/** Plain scalars that mean "no value" in YAML; with the failsafe schema they arrive as text. */
const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);

/**
 * Parses the YAML org file of docs/architecture.md (`teams:` and `employees:` lists). The failsafe schema
 * keeps every scalar as the text written, so `no: 0012` stays '0012' and `wecom: 10086` is
 * '10086'. Line numbers are the offending field's, or the list item's when the field is missing.
 */
export function parseOrgYaml(text: string): OrgFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: true });
  const issues = new IssueList();
  for (const error of doc.errors) issues.add(lines.linePos(error.pos[0]).line, null, describeYamlError(error));
  issues.throwIfAny();
  const reader = new YamlReader(doc, lines, issues);
  const root = reader.deref(doc.contents);
  if (root === null || (isScalar(root) && reader.text(root) === undefined)) {
    issues.add(null, null, '文件为空：应包含 teams 和 employees 两个列表');
    issues.throwIfAny();
  }
  let teamNodes: unknown[] = [];
  let employeeNodes: unknown[] = [];
  for (const { key, line, value } of reader.entries(root, 1, null)) {
    if (key === 'teams') teamNodes = reader.items(value, line, key);
    else if (key === 'employees') employeeNodes = reader.items(value, line, key);
    else issues.add(line, key, '未知字段（顶层只能有 teams 和 employees）');
  }
  const rawEmployees = employeeNodes.flatMap((node) => reader.employee(node) ?? []);
  const employees = checkEmployees(rawEmployees, issues);
  const rawTeams = teamNodes.flatMap((node) => reader.team(node) ?? []);
  const teams = checkTeams(rawTeams, rawEmployees, employees, issues);
  const declared = new Set(rawTeams.map((t) => t.name?.value));
  for (const raw of rawEmployees) {
    const team = raw.fields.team;
    if (team && !declared.has(team.value)) issues.add(team.line, 'team', `未声明的组「${team.value}」（请先在 teams 中声明）`);
  }
  issues.throwIfAny();
  return { teams, employees };
}

/** The yaml library's error in a form HR can act on (its own text is English). */
function describeYamlError(error: YAMLError): string {
  if (error.code === 'DUPLICATE_KEY') return '同一项里有重复的字段';
  return `YAML 格式有误（${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}）`;
}

/** Walks the document's nodes, reporting shape problems with their lines. */
class YamlReader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly issues: IssueList,
  ) {}

  /** The node an alias points to; any other value as it is. */
  deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) ?? null : node ?? null;
  }

  /** The 1-based line a node starts on, or `fallback` for a node without a position. */
  lineOf(node: unknown, fallback: number): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lines.linePos(range[0]).line : fallback;
  }

  /** A scalar's trimmed text; undefined for an empty or null value, null for a list or map. */
  text(node: unknown): string | undefined | null {
    const value = this.deref(node);
    if (value === null) return undefined;
    if (!isScalar(value)) return null;
    const text = String(value.value ?? '').trim();
    if (text === '' || (value.type === 'PLAIN' && NULL_WORDS.has(text))) return undefined;
    return text;
  }

  /** The entries of a mapping; a non-mapping is reported at `line` under `field`. */
  entries(node: unknown, line: number, field: string | null, what = '应为若干「字段: 值」'): Entry[] {
    const map = this.deref(node);
    if (!isMap(map)) {
      this.issues.add(this.lineOf(map, line), field, what);
      return [];
    }
    return map.items.map((pair) => ({
      key: String(this.text(pair.key) ?? ''),
      line: this.lineOf(pair.key, this.lineOf(map, line)),
      value: this.deref(pair.value),
    }));
  }

  /** The items of a list; an empty value is an empty list, anything else not a list is reported. */
  items(node: unknown, line: number, field: string): unknown[] {
    if (this.text(node) === undefined) return [];
    const seq = this.deref(node);
    if (isSeq(seq)) return seq.items;
    this.issues.add(line, field, `应为列表（每项以「- 」开头）`);
    return [];
  }

  /** A scalar field as a {@link RawField}; undefined when empty; a list or map is reported. */
  field(entry: Entry, field: string): RawField | undefined {
    const text = this.text(entry.value);
    if (text === null) this.issues.add(entry.line, field, '应为单个值，不能是列表或多个字段');
    return typeof text === 'string' ? { value: text, line: entry.line } : undefined;
  }

  /** One item of `employees:`; undefined (and reported) when it is not a mapping. */
  employee(node: unknown): RawEmployee | undefined {
    const line = this.lineOf(node, 1);
    const raw: RawEmployee = { line, fields: {} };
    const entries = this.entries(node, line, null, '员工应为若干「字段: 值」（no、name、role…）');
    if (!isMap(this.deref(node))) return undefined;
    for (const entry of entries) {
      if (!(EMPLOYEE_FIELDS as readonly string[]).includes(entry.key)) {
        this.issues.add(entry.line, entry.key, `未知字段（员工的字段为 ${EMPLOYEE_FIELDS.join('、')}）`);
        continue;
      }
      const value = this.field(entry, entry.key);
      if (value) raw.fields[entry.key as EmployeeField] = value;
    }
    return raw;
  }

  /** One item of `teams:`; undefined (and reported) when it is not a mapping. */
  team(node: unknown): RawTeam | undefined {
    const line = this.lineOf(node, 1);
    const raw: RawTeam = { line, chats: {} };
    const entries = this.entries(node, line, null, '组应为若干「字段: 值」（name、supervisor、chats）');
    if (!isMap(this.deref(node))) return undefined;
    for (const entry of entries) {
      if (entry.key === 'name' || entry.key === 'supervisor') raw[entry.key] = this.field(entry, entry.key);
      else if (entry.key === 'chats') this.chats(entry, raw);
      else this.issues.add(entry.line, entry.key, '未知字段（组的字段为 name、supervisor、chats）');
    }
    return raw;
  }

  /** A team's `chats: { feishu, wecom, wechaty }`, each optional. */
  private chats(entry: Entry, raw: RawTeam): void {
    if (this.text(entry.value) === undefined) return;
    for (const chat of this.entries(entry.value, entry.line, 'chats')) {
      const field = `chats.${chat.key}`;
      if (!(PLATFORMS as readonly string[]).includes(chat.key)) {
        this.issues.add(chat.line, field, `未知平台（应为 ${PLATFORMS.join('、')}）`);
        continue;
      }
      const value = this.field(chat, field);
      if (value) raw.chats[chat.key as Platform] = value;
    }
  }
}
