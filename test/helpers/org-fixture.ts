import type { DataSource } from 'typeorm';
import { Employee, Team } from '../../src/db/entities';
import type { Role } from '../../src/domain/roles';

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

const STAMP = new Date('2026-01-01T00:00:00Z');
let seq = 0;

async function employee(ds: DataSource, name: string, role: Role, teamId: number | null): Promise<Employee> {
  seq += 1;
  return ds.getRepository(Employee).save({
    no: `F${String(seq).padStart(4, '0')}`, name, role, teamId, baseSalaryFen: null, startDate: null, endDate: null, createdAt: STAMP, updatedAt: STAMP,
  });
}

/** Creates a team (its name unique in the database) with its supervisor, agents, salespeople and some admins. */
export async function createTeam(ds: DataSource, spec: TeamSpec): Promise<TeamFixture> {
  seq += 1;
  const team: Team = await ds.getRepository(Team).save({ name: spec.name ?? `测试组${seq}`, supervisorId: null, chats: null, createdAt: STAMP, updatedAt: STAMP });
  const supervisor = spec.supervisor ? await employee(ds, spec.supervisor, 'supervisor', team.id) : null;
  if (supervisor) {
    await ds.getRepository(Team).update({ id: team.id }, { supervisorId: supervisor.id });
    team.supervisorId = supervisor.id;
  }
  const many = async (names: string[] | undefined, role: Role, teamId: number | null) => {
    const out: Employee[] = [];
    for (const n of names ?? []) out.push(await employee(ds, n, role, teamId));
    return out;
  };
  return {
    team,
    supervisor,
    agents: await many(spec.agents, 'agent', team.id),
    salespeople: await many(spec.salespeople, 'salesperson', team.id),
    admins: await many(spec.admins, 'admin', null),
  };
}
