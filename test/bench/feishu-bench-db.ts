/**
 * The benchmark's own MariaDB database: created empty and migrated, seeded with one team of
 * 1,000 agents bound to Feishu open_ids, and read back after the run to check that no event
 * was lost or duplicated.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { Employee, OutboxMessage, PlatformIdentity, ProcessedEvent, Team } from '../../src/db/entities';

/** The agent i's open_id. */
export const benchOpenId = (i: number): string => `ou_bench_${String(i).padStart(4, '0')}`;

/** Drops and recreates `url`'s database on its server, then migrates it. */
export async function freshBenchDatabase(url: string): Promise<DataSource> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  if (!/^\w+$/.test(name)) throw new Error(`bench database name must be a plain identifier: ${name}`);
  const server = new URL(url);
  server.pathname = '/mysql';
  const admin = createDataSource(server.toString());
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.destroy();
  }
  const ds = createDataSource(url);
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

/** One team: a supervisor and `agents` agents, each bound to {@link benchOpenId}. */
export async function seedAgents(ds: DataSource, agents: number): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  const team = await ds.getRepository(Team).save({ name: '压测组', supervisorId: null, chats: null, createdAt: at, updatedAt: at });
  const boss = await ds.getRepository(Employee).save({ no: 'B0000', name: '主管', role: 'supervisor', teamId: team.id, baseSalaryFen: null, startDate: null, endDate: null, createdAt: at, updatedAt: at });
  await ds.getRepository(Team).update({ id: team.id }, { supervisorId: boss.id });
  for (let from = 0; from < agents; from += 200) {
    const rows = Array.from({ length: Math.min(200, agents - from) }, (_, k) => ({
      no: `B${String(from + k + 1).padStart(4, '0')}`, name: `坐席${from + k + 1}`, role: 'agent' as const, teamId: team.id,
      baseSalaryFen: null, startDate: null, endDate: null, createdAt: at, updatedAt: at,
    }));
    await ds.getRepository(Employee).insert(rows);
  }
  const employees = await ds.getRepository(Employee).find({ where: { role: 'agent' }, order: { id: 'ASC' } });
  const identities = employees.map((e, i) => ({ platform: 'feishu', externalId: benchOpenId(i), employeeId: e.id, createdAt: at, updatedAt: at }));
  for (let from = 0; from < identities.length; from += 200) await ds.getRepository(PlatformIdentity).insert(identities.slice(from, from + 200));
}

/** What the database says after the run. */
export interface BenchCounts {
  claimed: number;
  outboxRows: number;
  outboxSent: number;
  outboxFailed: number;
  outboxPending: number;
}

/** Counts the claims and the outbox rows. */
export async function benchCounts(ds: DataSource): Promise<BenchCounts> {
  const outbox = ds.getRepository(OutboxMessage);
  return {
    claimed: await ds.getRepository(ProcessedEvent).countBy({ platform: 'feishu' }),
    outboxRows: await outbox.count(),
    outboxSent: await outbox.countBy({ status: 'sent' }),
    outboxFailed: await outbox.countBy({ status: 'failed' }),
    outboxPending: await outbox.countBy({ status: 'pending' }),
  };
}

/** Waits (at most `timeoutMs`) until the outbox has nothing pending; returns the last counts. */
export async function drained(ds: DataSource, timeoutMs: number): Promise<BenchCounts> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await benchCounts(ds);
    if (counts.outboxPending === 0 || Date.now() > until) return counts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
