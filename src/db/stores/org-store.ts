import { In, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import type { Role } from '../../domain/roles';
import { Employee, PlatformIdentity, Team } from '../entities';
import { hydrate, Statement } from '../lean-queries';
import type { Tx } from './tx';

/**
 * The organisation: employees, teams (with their broadcast chats, the web chat's group among
 * them) and the platform accounts bound to employees (platform_identities, the web chat's
 * accounts included).
 */

// ---- employees ----

/** The employees whose start date is `date`. */
export function employeesStartingOn(tx: Tx, date: string): Promise<Employee[]> {
  return tx.find(Employee, { where: { startDate: date }, order: { id: 'ASC' } });
}

/** An employee by id, or null. */
export function findEmployee(tx: Tx, id: number): Promise<Employee | null> {
  return tx.findOneBy(Employee, { id });
}

/** An employee by id; throws when there is none. */
export function employee(tx: Tx, id: number): Promise<Employee> {
  return tx.findOneByOrFail(Employee, { id });
}

/**
 * Every employee by number, reading only id, number and name: a row whose other values cannot
 * be read (a corrupt amount) does not stop the listing of everyone.
 */
export function employeeRoster(tx: Tx): Promise<Array<Pick<Employee, 'id' | 'no' | 'name'>>> {
  return tx.find(Employee, { select: { id: true, no: true, name: true }, order: { no: 'ASC' } });
}

/** Every employee, by number. */
export function allEmployees(tx: Tx): Promise<Employee[]> {
  return tx.find(Employee, { order: { no: 'ASC' } });
}

/** How many employees there are. */
export function countEmployees(tx: Tx): Promise<number> {
  return tx.count(Employee);
}

/** The employees of `ids` (those that exist), by number. */
export async function employeesByIds(tx: Tx, ids: number[]): Promise<Employee[]> {
  return ids.length ? tx.find(Employee, { where: { id: In(ids) }, order: { no: 'ASC' } }) : [];
}

/** The employees of `roles` (everyone when not given), by number. */
export function employeesWithRoles(tx: Tx, roles?: string[]): Promise<Employee[]> {
  return tx.find(Employee, { where: roles ? { role: In(roles as Role[]) } : {}, order: { no: 'ASC' } });
}

/** The agents (电话销售员) of a team, or of the company; in no particular order. */
export function agents(tx: Tx, teamId?: number): Promise<Employee[]> {
  return tx.find(Employee, { where: teamId === undefined ? { role: 'agent' } : { role: 'agent', teamId } });
}

/** The employee with number `no` (none or one: numbers are unique). */
export function employeesNumbered(tx: Tx, no: string): Promise<Employee[]> {
  return tx.findBy(Employee, { no });
}

/** The employees with numbers among `nos`. */
export async function employeesByNos(tx: Tx, nos: string[]): Promise<Employee[]> {
  return nos.length ? tx.findBy(Employee, { no: In(nos) }) : [];
}

/** The employees called `name`, by number. */
export function employeesNamed(tx: Tx, name: string): Promise<Employee[]> {
  return tx.find(Employee, { where: { name }, order: { no: 'ASC' } });
}

/** The members of a team, by number. */
export function teamMembers(tx: Tx, teamId: number): Promise<Employee[]> {
  return tx.find(Employee, { where: { teamId }, order: { no: 'ASC' } });
}

/** Stores a new employee; returns it with its id. */
export async function insertEmployee(tx: Tx, values: Omit<Employee, 'id'>): Promise<Employee> {
  const row = tx.create(Employee, values);
  await tx.insert(Employee, row);
  return row;
}

/** Changes an employee's columns. */
export async function updateEmployee(tx: Tx, id: number, values: Partial<Omit<Employee, 'id'>>): Promise<void> {
  await tx.update(Employee, { id }, values);
}

/** The employee bound to a platform account (the dispatcher's first read of every event): one statement, built once. */
const BY_ACCOUNT = new Statement(
  (n) =>
    `SELECT e.* FROM ${n.table(Employee)} e JOIN ${n.table(PlatformIdentity)} i ON i.${n.column(PlatformIdentity, 'employeeId')} = e.${n.column(Employee, 'id')}` +
    ` WHERE i.${n.column(PlatformIdentity, 'platform')} = ? AND i.${n.column(PlatformIdentity, 'externalId')} = ?`,
);

/** The employee bound to `externalId` on `platform`, or null. */
export async function employeeByAccount(tx: Tx, platform: string, externalId: string): Promise<Employee | null> {
  const rows = await BY_ACCOUNT.run(tx, [platform, externalId]);
  return rows.length ? hydrate<Employee>(tx, tx.dataSource.getMetadata(Employee), rows[0]) : null;
}

// ---- teams ----

/** A team by id, or null. */
export function findTeam(tx: Tx, id: number): Promise<Team | null> {
  return tx.findOneBy(Team, { id });
}

/** Every team, by name. */
export function allTeams(tx: Tx): Promise<Team[]> {
  return tx.find(Team, { order: { name: 'ASC' } });
}

/** The teams of `ids` (those that exist). */
export async function teamsByIds(tx: Tx, ids: number[]): Promise<Team[]> {
  return ids.length ? tx.findBy(Team, { id: In(ids) }) : [];
}

/** The teams named among `names`. */
export async function teamsByNames(tx: Tx, names: string[]): Promise<Team[]> {
  return names.length ? tx.findBy(Team, { name: In(names) }) : [];
}

/** Stores a new team; returns it with its id. */
export async function insertTeam(tx: Tx, values: Omit<Team, 'id'>): Promise<Team> {
  const row = tx.create(Team, values);
  await tx.insert(Team, row);
  return row;
}

/** Changes a team's columns (its supervisor, its chats). */
export async function updateTeam(tx: Tx, id: number, values: Partial<Omit<Team, 'id'>>): Promise<void> {
  await tx.update(Team, { id }, values);
}

// ---- platform accounts ----

/** The accounts of one employee, on every platform. */
export function identitiesOf(tx: Tx, employeeId: number): Promise<PlatformIdentity[]> {
  return tx.findBy(PlatformIdentity, { employeeId });
}

/** The accounts of the employees `employeeIds`, on every platform. */
export async function identitiesOfEmployees(tx: Tx, employeeIds: number[]): Promise<PlatformIdentity[]> {
  return employeeIds.length ? tx.findBy(PlatformIdentity, { employeeId: In(employeeIds), externalId: Not(IsNull()) }) : [];
}

/** Every account on `platform`. */
export function identitiesOnPlatform(tx: Tx, platform: string): Promise<PlatformIdentity[]> {
  return tx.findBy(PlatformIdentity, { platform });
}

/** The accounts bound to any of `employeeIds`, or equal to any of `accounts` (platform and id): what an org import may touch. */
export async function identitiesTouching(tx: Tx, employeeIds: number[], accounts: Array<{ platform: string; externalIds: string[] }>): Promise<PlatformIdentity[]> {
  const where: FindOptionsWhere<PlatformIdentity>[] = [];
  if (employeeIds.length > 0) where.push({ employeeId: In(employeeIds) });
  for (const { platform, externalIds } of accounts) if (externalIds.length > 0) where.push({ platform, externalId: In(externalIds) });
  return where.length > 0 ? tx.find(PlatformIdentity, { where }) : [];
}

/** Deletes the account bindings `ids`. */
export async function removeIdentities(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length > 0) await tx.delete(PlatformIdentity, { id: In(ids) });
}

/** Binds accounts to employees. */
export async function insertIdentities(tx: Tx, rows: Array<Omit<PlatformIdentity, 'id'>>): Promise<void> {
  if (rows.length > 0) await tx.insert(PlatformIdentity, rows);
}
