import type { Employee } from '../../db/entities';
import { allTeams, employeeByAccount, employeesNamed, employeesNumbered, findEmployee, teamMembers as membersOf } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import type { PersonRef } from '../../domain/grammar/people';
import type { ServiceContext } from '../service-context';

/** The employees a reference may mean: one for a mention or a number, any number for a name. */
export async function findPeople(ctx: ServiceContext, ref: PersonRef, platform: string): Promise<Employee[]> {
  const tx = currentManager(ctx.ds);
  if (ref.kind === 'mention') {
    const e = await employeeByAccount(tx, platform, ref.externalId);
    return e ? [e] : [];
  }
  if (ref.kind === 'no') return employeesNumbered(tx, ref.no);
  return employeesNamed(tx, ref.name);
}

/** Team names by id, for telling people apart. */
export async function teamNames(ctx: ServiceContext): Promise<Map<number, string>> {
  const teams = await allTeams(currentManager(ctx.ds));
  return new Map(teams.map((t) => [t.id, t.name]));
}

/** The members of a team, by employee number. */
export async function teamMembers(ctx: ServiceContext, teamId: number): Promise<Employee[]> {
  return membersOf(currentManager(ctx.ds), teamId);
}

/** An employee by id. */
export async function employeeById(ctx: ServiceContext, id: number): Promise<Employee | null> {
  return findEmployee(currentManager(ctx.ds), id);
}
