import type { DataSource } from 'typeorm';
import type { Employee, Team } from '../../src/db/entities';
import type { Role } from '../../src/domain/roles';
import { makeTeam } from './service-context';

/** Who to create: names per role; the supervisor is optional. */
export interface TeamSpec {
  name?: string;
  supervisor?: string;
  agents?: string[];
  salespeople?: string[];
  /** Admins belong to no team. */
  admins?: string[];
}

/** The rows {@link createTeam} made, by role, in the order given. */
export interface TeamFixture {
  team: Team;
  supervisor: Employee | null;
  agents: Employee[];
  salespeople: Employee[];
  admins: Employee[];
}

let seq = 0;

/**
 * Creates a team (its name unique in the database) with its supervisor, agents, salespeople and
 * some admins, numbered F0001, F0002 … in the order given: makeTeam by role.
 */
export async function createTeam(ds: DataSource, spec: TeamSpec): Promise<TeamFixture> {
  const members: Array<{ name: string; role: Role; no: string }> = [];
  const add = (names: string[] | undefined, role: Role) => {
    for (const name of names ?? []) members.push({ name, role, no: `F${String(++seq).padStart(4, '0')}` });
  };
  add(spec.supervisor ? [spec.supervisor] : [], 'supervisor');
  add(spec.agents, 'agent');
  add(spec.salespeople, 'salesperson');
  add(spec.admins, 'admin');
  const { team, people } = await makeTeam(ds, members, spec.name ?? `测试组${seq}`);
  const byRole = (role: Role) => members.filter((m) => m.role === role).map((m) => people[m.name]);
  if (spec.supervisor) team.supervisorId = people[spec.supervisor].id;
  return { team, supervisor: spec.supervisor ? people[spec.supervisor] : null, agents: byRole('agent'), salespeople: byRole('salesperson'), admins: byRole('admin') };
}
