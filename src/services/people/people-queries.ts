import type { Employee, Team } from '../../db/entities';
import { allTeams as teamsByName, employeesWithRoles } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import type { ServiceContext } from '../service-context';

/** Every team, by name. */
export async function allTeams(ctx: ServiceContext): Promise<Team[]> {
  return teamsByName(currentManager(ctx.ds));
}

/** Employees of `roles` employed on `date` (start and end dates), by employee number. */
export async function employedOn(ctx: ServiceContext, date: string, roles?: string[]): Promise<Employee[]> {
  // The roles in SQL: the admins of a notice are read without the rows of everyone else.
  const all = await employeesWithRoles(currentManager(ctx.ds), roles);
  return all.filter((e) => (!e.startDate || e.startDate <= date) && (!e.endDate || e.endDate >= date));
}
