import type { DataSource } from 'typeorm';
import type { Employee, Team } from '../../db/entities';
import type { TeamChats } from '../../db/entities/team.entity';
import { appendAudit } from '../../db/stores/audit-store';
import { employeesByNos, insertEmployee, insertTeam, teamsByNames, updateEmployee, updateTeam } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { inTransaction } from '../../db/transaction';
import { OrgFileError, type OrgFileIssue } from './org-file-error';
import { applyIdentities, planIdentities } from './org-identities';
import type { OrgChats, OrgFile } from './org-types';

/** What an import did, in counts; also the details of its audit_log row. */
export interface OrgImportSummary {
  teamsCreated: number;
  teamsUpdated: number;
  employeesCreated: number;
  employeesUpdated: number;
  identitiesBound: number;
}

/** The clock reading that stamps every row written, and who imports (for the audit log, e.g. 'cli'). */
export interface OrgImportOptions {
  now: Date;
  actor: string;
}

/** The audit_log action of an import. */
export const ORG_IMPORT_ACTION = 'org.import';

/** Reads and parses an org file from disk (see org-file.ts); re-exported for the CLI. */
export { readOrgFile } from './org-file';

/**
 * Imports a checked org file in one transaction: all or nothing.
 * - Teams are upserted by name and employees by number; teams and employees not in the file
 *   are left as they are (to let someone go, give an end_date). Importing the same file again
 *   changes no row and reports 0 created, 0 updated.
 * - An employee's name, role, team, base (empty: the policy's), start and end dates are the file's.
 * - A team keeps its supervisor, and each broadcast chat, when the file gives none (a CSV
 *   gives no chats); a named supervisor is set.
 * - Platform ids: an EMPTY column leaves the employee's existing binding on that platform
 *   unchanged; a value binds it, replacing the employee's previous id on that platform. An
 *   id bound in the database to another employee is an error naming the line
 *   ("已绑定到员工 E007"), unless the file gives that employee a new id on that platform.
 * - createdAt/updatedAt are `opts.now`; updatedAt moves only on rows that really changed.
 * - One audit_log row: action 'org.import', the actor, details = the summary.
 * @throws OrgFileError on an id conflict or a file that refers to an undeclared team or supervisor.
 */
export async function importOrg(ds: DataSource, file: OrgFile, opts: OrgImportOptions): Promise<OrgImportSummary> {
  checkReferences(file);
  return inTransaction(ds, async (tx) => {
    const run: Run = {
      tx,
      now: opts.now,
      summary: { teamsCreated: 0, teamsUpdated: 0, employeesCreated: 0, employeesUpdated: 0, identitiesBound: 0 },
      teams: new Map((await teamsByNames(tx, file.teams.map((t) => t.name))).map((t) => [t.name, t])),
      employees: new Map((await employeesByNos(tx, file.employees.map((e) => e.no))).map((e) => [e.no, e])),
      created: new Set(),
    };
    const identities = await planIdentities(tx, file, run.employees);
    await createTeams(run, file);
    await upsertEmployees(run, file);
    await settleTeams(run, file);
    const employeeId = (no: string) => (run.employees.get(no) as Employee).id;
    run.summary.identitiesBound = await applyIdentities(tx, identities, employeeId, opts.now);
    await appendAudit(tx, {
      actorId: null, actor: opts.actor, action: ORG_IMPORT_ACTION, subjectType: null, subjectId: null, details: run.summary, at: opts.now,
    });
    return run.summary;
  });
}

/** The state of one import inside its transaction: rows by name / number, what was created. */
interface Run {
  tx: Tx;
  now: Date;
  summary: OrgImportSummary;
  teams: Map<string, Team>;
  employees: Map<string, Employee>;
  /** Names of the teams this import created (not counted again as updated). */
  created: Set<string>;
}

/** Inserts the file's teams that do not exist yet, without a supervisor (set once employees exist). */
async function createTeams(run: Run, file: OrgFile): Promise<void> {
  for (const t of file.teams) {
    if (run.teams.has(t.name)) continue;
    const row = await insertTeam(run.tx, { name: t.name, supervisorId: null, chats: mergeChats(null, t.chats), createdAt: run.now, updatedAt: run.now });
    run.teams.set(t.name, row);
    run.created.add(t.name);
    run.summary.teamsCreated++;
  }
}

/** Inserts new employees and updates those whose fields differ from the file's. */
async function upsertEmployees(run: Run, file: OrgFile): Promise<void> {
  for (const e of file.employees) {
    const wanted = {
      name: e.name,
      role: e.role,
      teamId: e.team === undefined ? null : (run.teams.get(e.team) as Team).id,
      baseSalaryFen: e.baseSalaryFen ?? null,
      startDate: e.startDate ?? null,
      endDate: e.endDate ?? null,
      mobile: e.mobile ?? null,
    };
    const row = run.employees.get(e.no);
    if (!row) {
      const fresh = await insertEmployee(run.tx, { no: e.no, ...wanted, createdAt: run.now, updatedAt: run.now });
      run.employees.set(e.no, fresh);
      run.summary.employeesCreated++;
    } else if (Object.entries(wanted).some(([key, value]) => row[key as keyof typeof wanted] !== value)) {
      await updateEmployee(run.tx, row.id, { ...wanted, updatedAt: run.now });
      Object.assign(row, wanted, { updatedAt: run.now });
      run.summary.employeesUpdated++;
    }
  }
}

/**
 * Sets each team's supervisor and merges its chats; counts teams that existed and changed. A
 * team the file names no supervisor for keeps its own, unless this file makes that person
 * something other than a supervisor or admin (then it has none until one is named).
 */
async function settleTeams(run: Run, file: OrgFile): Promise<void> {
  const demoted = new Set([...run.employees.values()].filter((e) => e.role !== 'supervisor' && e.role !== 'admin').map((e) => e.id));
  for (const t of file.teams) {
    const row = run.teams.get(t.name) as Team;
    const kept = row.supervisorId !== null && demoted.has(row.supervisorId) ? null : row.supervisorId;
    const supervisorId = t.supervisorNo === undefined ? kept : (run.employees.get(t.supervisorNo) as Employee).id;
    const chats = mergeChats(row.chats, t.chats);
    if (supervisorId === row.supervisorId && JSON.stringify(chats) === JSON.stringify(row.chats)) continue;
    await updateTeam(run.tx, row.id, { supervisorId, chats, updatedAt: run.now });
    if (!run.created.has(t.name)) run.summary.teamsUpdated++;
  }
}

/** A team's chats with the file's given over the stored ones; null when there are none. */
function mergeChats(stored: TeamChats | null, given: OrgChats): TeamChats | null {
  const merged: TeamChats = { ...(stored ?? {}), ...given };
  return Object.keys(merged).length > 0 ? merged : null;
}

/** An OrgFile built by hand (not by the parser) may name teams or supervisors it lacks. */
function checkReferences(file: OrgFile): void {
  const teams = new Set(file.teams.map((t) => t.name));
  const nos = new Set(file.employees.map((e) => e.no));
  const issues: OrgFileIssue[] = [
    ...file.employees.filter((e) => e.team !== undefined && !teams.has(e.team))
      .map((e) => ({ line: e.line, field: 'team', message: `未声明的组「${e.team}」` })),
    ...file.teams.filter((t) => t.supervisorNo !== undefined && !nos.has(t.supervisorNo))
      .map((t) => ({ line: t.line, field: 'supervisor', message: `主管 ${t.supervisorNo} 不在本文件的员工中` })),
  ];
  if (issues.length > 0) throw new OrgFileError(issues);
}
