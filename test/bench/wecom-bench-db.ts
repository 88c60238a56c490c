import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { Employee, OutboxMessage, PlatformIdentity, ProcessedEvent, Team } from '../../src/db/entities';

/** The benchmark's own database on the local MariaDB (never a test or production one). */
export const BENCH_DB_URL = process.env.WECOM_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/bot_bench_wecom';

/** Runs one statement on the server of `url`, outside its database. */
async function onServer(url: string, sql: string): Promise<void> {
  const u = new URL(url);
  u.pathname = '/mysql';
  const admin = createDataSource(u.toString());
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

const dbName = (url: string): string => new URL(url).pathname.replace(/^\//, '');

/**
 * A fresh, migrated bench database with `count` agents in teams of 100, each bound to the
 * WeCom userid agent0001…; returns the userids in order.
 */
export async function prepareBenchDatabase(url: string, count: number): Promise<string[]> {
  await onServer(url, `CREATE DATABASE IF NOT EXISTS \`${dbName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    await ds.dropDatabase();
    await ds.runMigrations();
    const at = new Date('2026-01-01T00:00:00Z');
    const userids: string[] = [];
    for (let t = 0; t * 100 < count; t++) {
      const team = await ds.getRepository(Team).save({ name: `压测${t + 1}组`, supervisorId: null, chats: null, createdAt: at, updatedAt: at });
      const size = Math.min(100, count - t * 100);
      const nos = Array.from({ length: size }, (_, i) => String(t * 100 + i + 1).padStart(4, '0'));
      await ds.getRepository(Employee).insert(nos.map((no) => ({ no: `B${no}`, name: `坐席${no}`, role: 'agent' as const, teamId: team.id, baseSalaryFen: null, startDate: null, endDate: null, createdAt: at, updatedAt: at })));
      const employees = await ds.getRepository(Employee).findBy({ teamId: team.id });
      await ds.getRepository(PlatformIdentity).insert(employees.map((e) => ({ platform: 'wecom', externalId: `agent${e.no.slice(1)}`, employeeId: e.id, createdAt: at, updatedAt: at })));
      userids.push(...nos.map((no) => `agent${no}`));
    }
    return userids;
  } finally {
    await ds.destroy();
  }
}

/** What the bot stored: the claimed MsgIds and the outbox rows by status. */
export async function benchCounts(url: string): Promise<{ claimed: string[]; outbox: Record<string, number> }> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const events = await ds.getRepository(ProcessedEvent).find({ where: { platform: 'wecom' }, select: { dedupKey: true } });
    const rows = await ds.getRepository(OutboxMessage).createQueryBuilder('o').select('o.status', 'status').addSelect('COUNT(*)', 'n').groupBy('o.status').getRawMany<{ status: string; n: string }>();
    return { claimed: events.map((e) => e.dedupKey.replace(/^msg:/, '')), outbox: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) };
  } finally {
    await ds.destroy();
  }
}

/** The number of outbox rows still pending (the target polls it to know delivery is done). */
export async function pendingOutbox(ds: DataSource): Promise<number> {
  return ds.getRepository(OutboxMessage).countBy({ status: 'pending' });
}

/** Drops the bench database. */
export async function dropBenchDatabase(url: string): Promise<void> {
  await onServer(url, `DROP DATABASE IF EXISTS \`${dbName(url)}\``);
}
