import type { DataSource } from 'typeorm';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { EmployeeRecord } from '../domain/employee-record';
import { Employee, PlatformIdentity, ProcessedEvent } from './entities';
import { isDuplicateKey } from './errors';
import { currentManager } from './transaction';
import { hydrate, insertOne } from './lean-queries';

/**
 * Claims an event's dedup key (DESIGN.md: the platform's own key) inside the current
 * transaction: the unique key decides, in one statement. False when it was claimed before,
 * or by a concurrent transaction that committed first.
 */
export async function claimEvent(ds: DataSource, event: IncomingEvent, receivedAt: Date): Promise<boolean> {
  try {
    await insertOne(currentManager(ds), ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey, eventAt: event.sentAt, receivedAt });
    return true;
  } catch (e) {
    // A failed INSERT undoes only itself on both drivers; the transaction goes on.
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

const accountSql = new WeakMap<DataSource, string>();

/** The employee bound to a platform account, or null (one statement, built once). */
export async function findEmployeeByAccount(ds: DataSource, platform: Platform, externalId: string): Promise<EmployeeRecord | null> {
  const em = currentManager(ds);
  const employees = ds.getMetadata(Employee);
  let sql = accountSql.get(ds);
  if (!sql) {
    const ids = ds.getMetadata(PlatformIdentity);
    const q = (name: string) => ds.driver.escape(name);
    const col = (m: typeof ids, prop: string) => q(m.findColumnWithPropertyName(prop)?.databaseName as string);
    sql =
      `SELECT e.* FROM ${q(employees.tableName)} e JOIN ${q(ids.tableName)} i ON i.${col(ids, 'employeeId')} = e.${col(employees, 'id')}` +
      ` WHERE i.${col(ids, 'platform')} = ? AND i.${col(ids, 'externalId')} = ?`;
    accountSql.set(ds, sql);
  }
  const rows: Array<Record<string, unknown>> = await em.query(sql, [platform, externalId]);
  return rows.length ? hydrate<Employee>(em, employees, rows[0]) : null;
}
