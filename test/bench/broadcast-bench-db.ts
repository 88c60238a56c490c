/**
 * The broadcast benchmark's company: `employees` people in teams of 50 (one supervisor and 49
 * agents each), every one bound to a Feishu open_id, half of the teams with a Feishu group chat
 * and half without, plus one admin (who gets the company ranking). Written with bulk inserts;
 * no work records, so the ranking is all zeros but still one card per team.
 */
import type { DataSource } from 'typeorm';
import { Employee, PlatformIdentity, Team } from '../../src/db/entities';

/** People per team. */
export const TEAM_SIZE = 50;
const CHUNK = 1000;

/** Team i's Feishu group chat id (even teams have one). */
export const benchChatId = (i: number): string => `oc_bench_${String(i).padStart(4, '0')}`;

/** What was seeded. */
export interface SeededCompany {
  teams: number;
  teamsWithChat: number;
  employees: number;
  admins: number;
}

async function insertChunks<T extends object>(ds: DataSource, entity: new () => T, rows: object[]): Promise<void> {
  for (let from = 0; from < rows.length; from += CHUNK) {
    await ds.createQueryBuilder().insert().into(entity).values(rows.slice(from, from + CHUNK) as never).updateEntity(false).execute();
  }
}

/** Seeds `employees` (a multiple of {@link TEAM_SIZE}) people in `employees / 50` teams. */
export async function seedCompany(ds: DataSource, employees: number): Promise<SeededCompany> {
  const at = new Date('2026-01-01T00:00:00Z');
  const teamCount = Math.ceil(employees / TEAM_SIZE);
  await insertChunks(ds, Team, Array.from({ length: teamCount }, (_, i) => ({
    name: `压测${String(i).padStart(4, '0')}组`, supervisorId: null, chats: i % 2 === 0 ? { feishu: benchChatId(i) } : null, createdAt: at, updatedAt: at,
  })));
  const teams = await ds.getRepository(Team).find({ order: { id: 'ASC' } });
  const people = Array.from({ length: employees }, (_, i) => {
    const t = Math.floor(i / TEAM_SIZE);
    return {
      no: `E${String(i + 1).padStart(5, '0')}`, name: `员工${i + 1}`, role: i % TEAM_SIZE === 0 ? 'supervisor' : 'agent', teamId: teams[t].id,
      baseSalaryFen: null, startDate: null, endDate: null, createdAt: at, updatedAt: at,
    };
  });
  people.push({ no: 'A00001', name: '管理员', role: 'admin', teamId: null as never, baseSalaryFen: null, startDate: null, endDate: null, createdAt: at, updatedAt: at });
  await insertChunks(ds, Employee, people);
  const saved = await ds.getRepository(Employee).find({ select: { id: true, no: true, role: true, teamId: true }, order: { id: 'ASC' } });
  for (const boss of saved.filter((e) => e.role === 'supervisor')) await ds.getRepository(Team).update({ id: boss.teamId as number }, { supervisorId: boss.id });
  await insertChunks(ds, PlatformIdentity, saved.map((e) => ({ platform: 'feishu', externalId: `ou_${e.no}`, employeeId: e.id, createdAt: at, updatedAt: at })));
  return { teams: teamCount, teamsWithChat: Math.ceil(teamCount / 2), employees, admins: 1 };
}
