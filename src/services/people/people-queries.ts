import { Employee, Team } from '../../db/entities';
import { currentManager } from '../../db/transaction';
import type { ServiceContext } from '../service-context';

/** Every team, by name. */
export async function allTeams(ctx: ServiceContext): Promise<Team[]> {
  return currentManager(ctx.ds).find(Team, { order: { name: 'ASC' } });
}

/** Employees of `roles` employed on `date` (start and end dates), by employee number. */
export async function employedOn(ctx: ServiceContext, date: string, roles?: string[]): Promise<Employee[]> {
  const all = await currentManager(ctx.ds).find(Employee, { order: { no: 'ASC' } });
  return all.filter((e) => (!roles || roles.includes(e.role)) && (!e.startDate || e.startDate <= date) && (!e.endDate || e.endDate >= date));
}
