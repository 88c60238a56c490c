import type { DataSource } from 'typeorm';
import type { EventOutcome } from '../core/dispatcher';
import type { IncomingEvent, Platform } from '../core/incoming-event';
import type { EmployeeRecord } from '../domain/employee-record';
import { ProcessedEvent } from './entities';
import { isDuplicateKey } from './errors';
import { currentManager } from './transaction';
import { insertOne } from './lean-queries';
import { employeeByAccount } from './stores/org-store';

/**
 * Claims an event's dedup key (docs/architecture.md: the platform's own key) inside the current
 * transaction: the unique key decides, in one statement. False when it was claimed before,
 * or by a concurrent transaction that committed first. `outcome` is stored with the claim
 * ('handled' by default, as the column's default, so the hot path sends no extra value).
 */
export async function claimEvent(ds: DataSource, event: IncomingEvent, receivedAt: Date, outcome?: EventOutcome): Promise<boolean> {
  try {
    await insertOne(currentManager(ds), ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey, eventAt: event.sentAt, receivedAt, outcome });
    return true;
  } catch (e) {
    // A failed INSERT undoes only itself on both drivers; the transaction goes on.
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Records what became of an event claimed earlier in the current transaction. */
export async function recordEventOutcome(ds: DataSource, event: IncomingEvent, outcome: EventOutcome): Promise<void> {
  await currentManager(ds).update(ProcessedEvent, { platform: event.platform, dedupKey: event.dedupKey }, { outcome });
}

/** The employee bound to a platform account, or null (one statement, built once). */
export function findEmployeeByAccount(ds: DataSource, platform: Platform, externalId: string): Promise<EmployeeRecord | null> {
  return employeeByAccount(currentManager(ds), platform, externalId);
}
