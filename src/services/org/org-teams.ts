import type { IssueList } from './org-file-error';
import { parseText } from './org-values';
import type { OrgChats, OrgEmployee, OrgTeam, Platform, RawEmployee, RawField } from './org-types';

/** A team item of a YAML file as read, before checking. */
export interface RawTeam {
  line: number;
  name?: RawField;
  supervisor?: RawField;
  chats: Partial<Record<Platform, RawField>>;
}

/** Length of teams.name. */
const MAX_TEAM_NAME = 64;

/**
 * YAML: checks the declared teams. Names are required and unique; a supervisor must be an
 * employee of the file whose role is supervisor or admin, else the team's line is reported.
 * `employees` are the records that passed their own checks (an employee with errors is
 * already reported, so naming it as supervisor is not reported again).
 */
export function checkTeams(raws: RawTeam[], rawEmployees: RawEmployee[], employees: OrgEmployee[], issues: IssueList): OrgTeam[] {
  const lineOfName = new Map<string, number>();
  const inFile = new Set(rawEmployees.map((r) => r.fields.no?.value));
  const byNo = new Map(employees.map((e) => [e.no, e]));
  const teams: OrgTeam[] = [];
  for (const raw of raws) {
    const before = issues.count;
    const name = raw.name;
    if (!name) issues.add(raw.line, 'name', '缺少组名');
    else {
      const length = parseText(name.value, MAX_TEAM_NAME);
      if (!length.ok) issues.add(name.line, 'name', length.error);
      const earlier = lineOfName.get(name.value);
      if (earlier === undefined) lineOfName.set(name.value, name.line);
      else issues.add(name.line, 'name', `组名「${name.value}」与第 ${earlier} 行重复`);
    }
    const supervisorNo = raw.supervisor?.value;
    const supervisor = supervisorNo === undefined ? undefined : byNo.get(supervisorNo);
    if (supervisorNo !== undefined && !inFile.has(supervisorNo)) {
      issues.add(raw.line, 'supervisor', `主管 ${supervisorNo} 不在本文件的 employees 中`);
    } else if (supervisor && supervisor.role !== 'supervisor' && supervisor.role !== 'admin') {
      issues.add(raw.line, 'supervisor', `${supervisor.no}（${supervisor.name}）的角色是 ${supervisor.role}，组主管应为 supervisor 或 admin`);
    }
    if (!name || issues.count > before) continue;
    const chats: OrgChats = {};
    for (const [platform, field] of Object.entries(raw.chats)) chats[platform as Platform] = field.value;
    teams.push({ name: name.value, ...(supervisorNo === undefined ? {} : { supervisorNo }), chats, line: raw.line });
  }
  return teams;
}

/**
 * CSV: a team per name in order of first mention (its line is that row's); its supervisor is
 * its one employee with role supervisor, and a second one is reported at its own line.
 */
export function teamsFromMembers(employees: OrgEmployee[], issues: IssueList): OrgTeam[] {
  const teams = new Map<string, OrgTeam>();
  const supervisorLine = new Map<string, number>();
  for (const e of employees) {
    if (e.team === undefined) continue;
    let team = teams.get(e.team);
    if (!team) {
      team = { name: e.team, chats: {}, line: e.line };
      teams.set(e.team, team);
    }
    if (e.role !== 'supervisor') continue;
    if (team.supervisorNo === undefined) {
      team.supervisorNo = e.no;
      supervisorLine.set(e.team, e.line);
    } else {
      issues.add(e.line, 'role', `「${e.team}」已有主管 ${team.supervisorNo}（第 ${supervisorLine.get(e.team)} 行），一个组只能有一名主管`);
    }
  }
  return [...teams.values()];
}
