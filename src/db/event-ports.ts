import type { DataSource } from 'typeorm';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { EmployeeRecord } from '../domain/employee-record';
import { Employee, PlatformIdentity, ProcessedEvent } from './entities';
import { currentManager } from './transaction';

/**
 * Claims an event's dedup key (DESIGN.md: the platform's own key) inside the current
 * transaction. False when it was claimed before; a concurrent claim loses on the unique key
 * and its transaction is retried, finding this one.
 */
export async function claimEvent(ds: DataSource, event: IncomingEvent, receivedAt: Date): Promise<boolean> {
  const em = currentManager(ds);
  if (await em.findOneBy(ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey })) return false;
  await em.insert(ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey, eventAt: event.sentAt, receivedAt });
  return true;
}

/** The employee bound to a platform account, or null. */
export async function findEmployeeByAccount(ds: DataSource, platform: Platform, externalId: string): Promise<EmployeeRecord | null> {
  const em = currentManager(ds);
  const identity = await em.findOneBy(PlatformIdentity, { platform, externalId });
  return identity ? em.findOneBy(Employee, { id: identity.employeeId }) : null;
}
