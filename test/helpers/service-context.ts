import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadCalendar } from '../../src/config/calendar-loader';
import { loadPolicy } from '../../src/config/policy-loader';
import { Employee, PlatformIdentity, Team } from '../../src/db/entities';
import type { Role } from '../../src/domain/roles';
import { databaseConsoleLinks } from '../../src/services/console';
import type { ServiceContext } from '../../src/services/service-context';
import { systemClock, type Clock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import type { JobDeps } from '../../src/jobs/run-job';
import { jobDeps } from '../../src/main';

/** The real policy and calendar of config/. */
export const POLICY = loadPolicy(path.join(__dirname, '../../config/policy.yaml'));
export const CALENDAR = loadCalendar(POLICY.calendar.overridesFile);

/** The PUBLIC_URL of tests that do not serve HTTP (the links `后台` sends). */
export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';

/** A ServiceContext on `ds` with the real policy and calendar (and console links under {@link TEST_PUBLIC_URL}). */
export function serviceContext(ds: DataSource): ServiceContext {
  return { ds, policy: POLICY, calendar: CALENDAR, consoleLinks: databaseConsoleLinks({ ds, policy: POLICY }, TEST_PUBLIC_URL) };
}

/** An instant given as Shanghai wall-clock time: sh('2026-12-03 09:01:00'). */
export function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}+08:00`);
}

let counter = 0;

/** Creates a team with a supervisor and the given members; returns them by name. */
export async function makeTeam(
  ds: DataSource,
  members: Array<{ name: string; role: Role; no?: string; baseSalaryFen?: number; startDate?: string; endDate?: string }>,
  teamName = `组${++counter}`,
): Promise<{ team: Team; people: Record<string, Employee> }> {
  const at = new Date('2026-01-01T00:00:00Z');
  const team = await ds.getRepository(Team).save({ name: teamName, supervisorId: null, chats: null, createdAt: at, updatedAt: at });
  const people: Record<string, Employee> = {};
  for (const m of members) {
    people[m.name] = await ds.getRepository(Employee).save({
      no: m.no ?? `T${counter}-${m.name}`,
      name: m.name,
      role: m.role,
      teamId: m.role === 'admin' ? null : team.id,
      baseSalaryFen: m.baseSalaryFen ?? null,
      startDate: m.startDate ?? null,
      endDate: m.endDate ?? null,
      createdAt: at,
      updatedAt: at,
    });
  }
  const sup = members.find((m) => m.role === 'supervisor');
  if (sup) await ds.getRepository(Team).update({ id: team.id }, { supervisorId: people[sup.name].id });
  return { team, people };
}

/** What a job needs in tests: notices go to the in-memory 'web' platform's outbox rows. */
export function testJobDeps(ctx: ServiceContext, clock: Clock = systemClock): JobDeps {
  return jobDeps(ctx, ['web'], clock, createLogger({ level: 'silent' }));
}

/** Binds each of `people` to a web account `u-<number>` (what the jobs' notices resolve to in tests). */
export async function bindWebAccounts(ds: DataSource, people: Employee[]): Promise<void> {
  await ds.getRepository(PlatformIdentity).save(people.map((p) => ({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) })));
}
