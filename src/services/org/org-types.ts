import type { Role } from '../../domain/roles';

/** The chat platforms an employee or a team can be reached on, in file column order. */
export const PLATFORMS = ['feishu', 'wecom', 'wechaty'] as const;

/** One of {@link PLATFORMS}. */
export type Platform = (typeof PLATFORMS)[number];

/** How HR names each platform's account id in messages. */
export const PLATFORM_LABELS: Record<Platform, string> = { feishu: '飞书账号', wecom: '企业微信账号', wechaty: '微信账号' };

/** A team's broadcast chat per platform (Feishu chat id, WeCom group robot key, wechaty room id). */
export type OrgChats = Partial<Record<Platform, string>>;

/** A team as the org file gives it. `line` is where the file declares (or first mentions) it. */
export interface OrgTeam {
  name: string;
  /** Employee number of the team's supervisor; absent when the file names none. */
  supervisorNo?: string;
  chats: OrgChats;
  line: number;
}

/** An employee as the org file gives it, checked. Money in fen, dates 'YYYY-MM-DD'. */
export interface OrgEmployee {
  no: string;
  name: string;
  role: Role;
  team?: string;
  baseSalaryFen?: number;
  feishu?: string;
  wecom?: string;
  wechaty?: string;
  startDate?: string;
  endDate?: string;
  /** Digits only (normalised): what `org sync` matches a directory's mobile against. */
  mobile?: string;
  /** The file line of this employee's row (CSV) or list item (YAML). */
  line: number;
}

/** A whole org file, checked: every employee's team is among `teams`. */
export interface OrgFile {
  teams: OrgTeam[];
  employees: OrgEmployee[];
}

/** The fields of an employee record, as the CSV header and the YAML keys name them. */
export const EMPLOYEE_FIELDS = [
  'no', 'name', 'role', 'team', 'base_salary', 'feishu', 'wecom', 'wechaty', 'start_date', 'end_date', 'mobile',
] as const;

/** The fields of files written before `mobile` (a CSV header may end at end_date). */
export const LEGACY_EMPLOYEE_FIELDS = EMPLOYEE_FIELDS.slice(0, -1);

/** One of {@link EMPLOYEE_FIELDS}. */
export type EmployeeField = (typeof EMPLOYEE_FIELDS)[number];

/** A non-empty field value as read from the file, with the line it sits on. */
export interface RawField {
  value: string;
  line: number;
}

/** An employee record as read, before checking: its line and its non-empty fields. */
export interface RawEmployee {
  line: number;
  fields: Partial<Record<EmployeeField, RawField>>;
}
