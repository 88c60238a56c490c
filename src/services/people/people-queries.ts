import { In } from 'typeorm';
import { Employee, Team } from '../../db/entities';
import { currentManager } from '../../db/transaction';
import type { Role } from '../../domain/roles';
import type { ServiceContext } from '../service-context';

/** Every team, by name. */
export async function allTeams(ctx: ServiceContext): Promise<Team[]> {
  return currentManager(ctx.ds).find(Team, { order: { name: 'ASC' } });
}

/** Employees of `roles` employed on `date` (start and end dates), by employee number. */
export async function employedOn(ctx: ServiceContext, date: string, roles?: string[]): Promise<Employee[]> {
  // The roles in SQL: the admins of a notice are read without the rows of everyone else.
  const all = await currentManager(ctx.ds).find(Employee, { where: roles ? { role: In(roles as Role[]) } : {}, order: { no: 'ASC' } });
  return all.filter((e) => (!e.startDate || e.startDate <= date) && (!e.endDate || e.endDate >= date));
}
