/**
 * Customer records after 客户 (docs/commands.md, H-3): one record per line, fields separated by `|`
 * or tabs (Excel), or written as key=value pairs. Whether a record is complete is judged by
 * assessRecord, not here; this only reads what was typed, all rows or none.
 */
import { recordFieldTooLong, type RecordFields } from '../customer-record';
import type { TextLimits } from '../policy';
import { quoted } from './free-text';
import { fail, normalizeUntrimmed, ok, type Parsed } from './normalize';

/** One record as typed, with its row: the 1-based count of non-blank lines after 客户 (a header row counts). */
export interface ParsedRecord {
  row: number;
  fields: RecordFields;
}

/** The positional example shown with record errors. */
export const RECORD_EXAMPLE = '客户 华为技术 | 张 | IT经理 13800000000 | 200 | 已上ERP | A';
const KV_KEYS_HINT = '可用：公司 联系人 职务 电话 人数 信息化 等级';

type Field = keyof RecordFields;
const POSITIONS: readonly Field[] = ['company', 'contact', 'titlePhone', 'headcount', 'itStatus', 'grade'];
const KEYS: Readonly<Record<string, Field>> = {
  公司: 'company', 公司名称: 'company', 客户: 'company', 客户名称: 'company', 名称: 'company',
  联系人: 'contact',
  部门: 'titlePhone', 职务: 'titlePhone', 职位: 'titlePhone', 部门职务: 'titlePhone', 部门职务电话: 'titlePhone',
  电话: 'titlePhone', 手机: 'titlePhone', 手机号: 'titlePhone', 电话号码: 'titlePhone',
  人数: 'headcount',
  信息化: 'itStatus', 信息化现状: 'itStatus', it: 'itStatus',
  等级: 'grade', 级别: 'grade',
};
const HEADER_LABELS = new Set([
  ...Object.keys(KEYS), '企业名称', '单位名称', '联系人姓名', '姓名', '联系电话', '公司人数', '员工人数', '客户等级', '序号', '备注',
]);
const KEY_AT = /(^|[\s,;、|])([\p{Script=Han}A-Za-z]{1,10})\s*[=:]/gu;
const STARTS_WITH_KEY = /^([\p{Script=Han}A-Za-z]{1,10})\s*[=:]/u;

/** Excel quotes a cell holding a newline or a quote: `"IT经理\n138…"` becomes one line. */
function unquoteCells(text: string): string {
  return text.replace(/(^|[\t\n])"((?:[^"]|"")*)"(?=[\t\n]|$)/g, (_all, before: string, inner: string) =>
    `${before}${inner.replace(/""/g, '"').replace(/\s*\n\s*/g, ' ')}`);
}

function stripCommandWord(line: string): string {
  const spaced = /^(?:客户|lead)(?: *\t| +|$)/i.exec(line);
  if (spaced) return line.slice(spaced[0].length);
  const joined = /^客户 *:? *(?![=:]|名称)/.exec(line);
  return joined && /[|\t]/.test(line) ? line.slice(joined[0].length) : line;
}

const label = (field: string): string => field.replace(/[\s/、|\\()（）\-_]/g, '').toLowerCase();

function isHeader(fields: string[]): boolean {
  const filled = fields.filter((f) => f !== '');
  const labels = filled.filter((f) => HEADER_LABELS.has(label(f))).length;
  return labels >= 3 || (filled.length >= 2 && labels === filled.length);
}

function build(values: Partial<Record<Field, string>>): RecordFields {
  const fields: RecordFields = {
    company: values.company ?? '', contact: values.contact ?? '', titlePhone: values.titlePhone ?? '',
    headcount: values.headcount ?? '', itStatus: values.itStatus ?? '',
  };
  if (values.grade) fields.grade = values.grade;
  return fields;
}

function positional(line: string, row: number): Parsed<RecordFields | null> {
  const fields = line.split(line.includes('\t') ? '\t' : '|').map((f) => f.trim());
  while (fields.length > 6 && fields[fields.length - 1] === '') fields.pop();
  if (fields.every((f) => f === '') || isHeader(fields)) return ok(null);
  if (fields.length < 5 || fields.length > 6) return fail(`第 ${row} 行有 ${fields.length} 列，应为 5 或 6 列，例：${RECORD_EXAMPLE}`);
  return ok(build(Object.fromEntries(fields.map((f, i) => [POSITIONS[i], f]))));
}

const cleanValue = (v: string): string => v.replace(/^[\s,;、|]+|[\s,;、|]+$/g, '');

function keyValue(line: string, row: number): Parsed<RecordFields> {
  const keys = [...line.matchAll(KEY_AT)].map((m) => ({ key: m[2], at: m.index + m[1].length, end: m.index + m[0].length }));
  const values: Partial<Record<Field, string>> = {};
  const lead = cleanValue(line.slice(0, keys[0]?.at ?? line.length));
  for (const [i, k] of keys.entries()) {
    const field = KEYS[k.key.toLowerCase()];
    if (!field) return fail(`第 ${row} 行有不认识的项“${k.key}”，${KV_KEYS_HINT}`);
    const value = cleanValue(line.slice(k.end, keys[i + 1]?.at ?? line.length));
    if (/[=]/.test(value)) return fail(`第 ${row} 行各项之间请用空格隔开，例：公司=华为 联系人=张经理`);
    if (field !== 'titlePhone' && values[field] !== undefined) return fail(`第 ${row} 行“${k.key}”写了两次`);
    values[field] = field === 'titlePhone' && values.titlePhone ? `${values.titlePhone} ${value}`.trim() : value;
  }
  if (lead !== '' && values.company !== undefined) return fail(`第 ${row} 行${quoted(lead)}不属于任何一项，${KV_KEYS_HINT}`);
  if (lead !== '') values.company = lead;
  return ok(build(values));
}

function parseLine(line: string, row: number): Parsed<RecordFields | null> {
  const known = (m: RegExpExecArray | null): boolean => m !== null && KEYS[m[1].toLowerCase()] !== undefined;
  if (known(STARTS_WITH_KEY.exec(line))) return keyValue(line, row);
  if (/[\t|]/.test(line)) return positional(line, row);
  if ([...line.matchAll(KEY_AT)].some((m) => KEYS[m[2].toLowerCase()] !== undefined)) return keyValue(line, row);
  return fail(`第 ${row} 行看不懂，请用 | 分隔各项，例：${RECORD_EXAMPLE}`);
}

/** The limits records are read with: the policy's textLimits of the five H-3 fields. */
export interface RecordLimits {
  textLimits: Pick<TextLimits, 'company' | 'contact' | 'titlePhone' | 'headcount' | 'itStatus'>;
}

/**
 * Reads every record in the text after 客户: one per line (`客户` may start each line again),
 * `|` or tab separated in the order 客户名称 | 联系人 | 部门职务电话 | 人数 | 信息化现状 | 等级(optional),
 * or `公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A`
 * (`=` or `:`; 职务 / 部门 and 电话 join into titlePhone). Blank lines and a pasted header row
 * are skipped. Any unreadable row, or a field longer than its policy limit (textLimits), fails
 * the whole text, naming the row (and the field and the limit).
 */
export function parseRecords(text: string, limits: RecordLimits): Parsed<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  let row = 0;
  for (const raw of unquoteCells(normalizeUntrimmed(text)).split('\n')) {
    const line = stripCommandWord(raw.replace(/^ +| +$/g, ''));
    if (line.trim() === '') continue;
    row += 1;
    const fields = parseLine(line, row);
    if (!fields.ok) return fields;
    if (!fields.value) continue;
    const tooLong = recordFieldTooLong(fields.value, limits.textLimits);
    if (tooLong) return fail(`第 ${row} 行${tooLong}，例：${RECORD_EXAMPLE}`);
    records.push({ row, fields: fields.value });
  }
  return records.length > 0 ? ok(records) : fail(`缺少客户记录，例：${RECORD_EXAMPLE}`);
}
