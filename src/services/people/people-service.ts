import { Employee, PlatformIdentity, Team } from '../../db/entities';
import { currentManager } from '../../db/transaction';
import type { PersonRef } from '../../domain/grammar/people';
import type { ServiceContext } from '../service-context';

/** The employees a reference may mean: one for a mention or a number, any number for a name. */
export async function findPeople(ctx: ServiceContext, ref: PersonRef, platform: string): Promise<Employee[]> {
  const em = currentManager(ctx.ds);
  if (ref.kind === 'mention') {
    const identity = await em.findOneBy(PlatformIdentity, { platform, externalId: ref.externalId });
    const e = identity ? await em.findOneBy(Employee, { id: identity.employeeId }) : null;
    return e ? [e] : [];
  }
  if (ref.kind === 'no') return em.findBy(Employee, { no: ref.no });
  return em.find(Employee, { where: { name: ref.name }, order: { no: 'ASC' } });
}

/** Team names by id, for telling people apart. */
export async function teamNames(ctx: ServiceContext): Promise<Map<number, string>> {
  const teams = await currentManager(ctx.ds).find(Team);
  return new Map(teams.map((t) => [t.id, t.name]));
}

/** The members of a team, by employee number. */
export async function teamMembers(ctx: ServiceContext, teamId: number): Promise<Employee[]> {
  return currentManager(ctx.ds).find(Employee, { where: { teamId }, order: { no: 'ASC' } });
}

/** An employee by id. */
export async function employeeById(ctx: ServiceContext, id: number): Promise<Employee | null> {
  return currentManager(ctx.ds).findOneBy(Employee, { id });
}
