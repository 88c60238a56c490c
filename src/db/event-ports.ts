import type { DataSource } from 'typeorm';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { EmployeeRecord } from '../domain/employee-record';
import { Employee, PlatformIdentity, ProcessedEvent } from './entities';
import { isDuplicateKey } from './errors';
import { currentManager } from './transaction';

/**
 * Claims an event's dedup key (DESIGN.md: the platform's own key) inside the current
 * transaction: the unique key decides, in one statement. False when it was claimed before,
 * or by a concurrent transaction that committed first.
 */
export async function claimEvent(ds: DataSource, event: IncomingEvent, receivedAt: Date): Promise<boolean> {
  try {
    await currentManager(ds).insert(ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey, eventAt: event.sentAt, receivedAt });
    return true;
  } catch (e) {
    // A failed INSERT undoes only itself on both drivers; the transaction goes on.
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** The employee bound to a platform account, or null (one query). */
export async function findEmployeeByAccount(ds: DataSource, platform: Platform, externalId: string): Promise<EmployeeRecord | null> {
  return currentManager(ds)
    .createQueryBuilder(Employee, 'e')
    .innerJoin(PlatformIdentity, 'i', 'i.employee_id = e.id')
    .where('i.platform = :platform AND i.external_id = :externalId', { platform, externalId })
    .getOne();
}
