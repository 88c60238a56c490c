import { maskPhones } from '../../core/mask';

/** One problem in an org file (phone numbers in the message are masked): the file line (null: the file as a whole), the field, and what is wrong, in Chinese. */
export interface OrgFileIssue {
  line: number | null;
  field: string | null;
  message: string;
}

/** Renders one issue the way HR admins read it: `第 4 行 role：未知角色（…）`. */
export function formatIssue(issue: OrgFileIssue): string {
  const where = [issue.line === null ? '' : `第 ${issue.line} 行`, issue.field ?? ''].filter(Boolean).join(' ');
  return where ? `${where}：${issue.message}` : issue.message;
}

/**
 * Every problem found in an org file (or in importing it), thrown together so HR can fix them
 * all in one pass. The message lists them in Chinese, one a line, ordered by line; phone numbers
 * in them are masked (a phone typed into a wrong column must not reach a log).
 */
export class OrgFileError extends Error {
  /** The problems, ordered by line. */
  readonly issues: OrgFileIssue[];

  constructor(issues: OrgFileIssue[]) {
    const sorted = issues.map((i) => ({ ...i, message: maskPhones(i.message) })).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const head = sorted.length === 1 ? '组织文件有错误，未导入任何数据：' : `组织文件有 ${sorted.length} 处错误，未导入任何数据：`;
    super([head, ...sorted.map((i) => `  ${formatIssue(i)}`)].join('\n'));
    this.name = 'OrgFileError';
    this.issues = sorted;
  }
}

/** Collects issues while a file is checked, to throw them together. */
export class IssueList {
  private readonly items: OrgFileIssue[] = [];

  /** Records a problem at `line` (null: the whole file) in `field` (null: no single field). */
  add(line: number | null, field: string | null, message: string): void {
    this.items.push({ line, field, message });
  }

  /** How many problems have been recorded so far. */
  get count(): number {
    return this.items.length;
  }

  /** Throws one {@link OrgFileError} with everything recorded, if anything was. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new OrgFileError(this.items);
  }
}
