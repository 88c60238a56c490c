import { CsvError, parse } from 'csv-parse/sync';
import { checkEmployees } from './org-employees';
import { IssueList } from './org-file-error';
import { teamsFromMembers } from './org-teams';
import { EMPLOYEE_FIELDS, LEGACY_EMPLOYEE_FIELDS, type OrgFile, type RawEmployee, type RawField } from './org-types';

/** One CSV record and the physical file line it starts on. */
interface CsvRecord {
  cells: string[];
  line: number;
}

const HEADER = EMPLOYEE_FIELDS.join(',');
/** A file written before the mobile column. */
const LEGACY_HEADER = LEGACY_EMPLOYEE_FIELDS.join(',');

/**
 * Parses the CSV org file: UTF-8 with an optional BOM, RFC 4180 quoting, the header
 * `no,name,role,team,base_salary,feishu,wecom,wechaty,start_date,end_date,mobile` (or without
 * the last column, `mobile`, as files were before it), one employee a
 * row. Teams come from the `team` column (created on first mention); a team's supervisor is
 * its one employee with role supervisor. Line numbers are physical lines of the file.
 */
export function parseOrgCsv(text: string): OrgFile {
  const issues = new IssueList();
  const records = readRecords(text, issues);
  issues.throwIfAny();
  const [header, ...rows] = records.map((r) => trimCells(r, EMPLOYEE_FIELDS.length));
  const columns = header?.cells.join(',') === LEGACY_HEADER ? LEGACY_EMPLOYEE_FIELDS : EMPLOYEE_FIELDS;
  if (!header) issues.add(1, null, `文件为空：第一行应为表头 ${HEADER}`);
  else if (header.cells.join(',') !== columns.join(',')) {
    issues.add(1, null, `表头应为 ${HEADER}（实际为 ${header.cells.length ? header.cells.join(',') : '空行'}）`);
  }
  issues.throwIfAny();
  const raws: RawEmployee[] = [];
  for (const row of rows) {
    if (row.cells.length === 0) continue;
    const cells = trimCells(row, columns.length).cells;
    if (cells.length !== columns.length) {
      issues.add(row.line, null, `应有 ${columns.length} 列（${columns.join(',')}），实际 ${cells.length} 列`);
      continue;
    }
    const fields: Partial<Record<(typeof EMPLOYEE_FIELDS)[number], RawField>> = {};
    columns.forEach((field, i) => {
      if (cells[i] !== '') fields[field] = { value: cells[i], line: row.line };
    });
    raws.push({ line: row.line, fields });
  }
  const employees = checkEmployees(raws, issues);
  const teams = teamsFromMembers(employees, issues);
  issues.throwIfAny();
  return { teams, employees };
}

/** Cells trimmed, and trailing empty cells dropped (spreadsheets add them): a blank row has none. */
function trimCells(record: CsvRecord, width: number): CsvRecord {
  const cells = record.cells.map((c) => c.trim());
  while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
  return { cells: cells.every((c) => c === '') ? [] : cells, line: record.line };
}

/**
 * Every record with the line it starts on. csv-parse's own line count is the record's last
 * line, and miscounts CRLF inside quotes, so the start line is counted here from the byte
 * offset where the record begins. A malformed record is reported at its first line.
 */
function readRecords(text: string, issues: IssueList): CsvRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineFinder(bytes);
  const records: CsvRecord[] = [];
  let start = 0;
  try {
    parse(bytes, {
      bom: true,
      relax_column_count: true,
      on_record: (cells: string[], info) => {
        records.push({ cells, line: lineAt(start) });
        start = info.bytes;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    issues.add(lineAt(start), null, describeCsvError(error));
  }
  return records;
}

/** Maps increasing byte offsets of `bytes` to 1-based lines (LF, CRLF or lone CR). */
function lineFinder(bytes: Buffer): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset; pos++) {
      if (bytes[pos] === 0x0a || (bytes[pos] === 0x0d && bytes[pos + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** csv-parse's error in a form HR can act on. */
function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return '引号未闭合：这一行开始的英文双引号没有配对的结束引号';
  if (/QUOTE/.test(error.code)) return '引号使用有误：含逗号的字段应整个用英文双引号括起，字段里的双引号写成两个（""）';
  return `CSV 格式有误（${error.code}）`;
}
