import { In, MoreThanOrEqual } from 'typeorm';
import { BindingRequest, PlatformIdentity } from '../entities';
import { lockedRow } from '../locks';
import type { DecisionValues } from './request-store';
import type { Tx } from './tx';

/** 绑定 requests (U, binding_requests) and the binding they make (platform_identities). */

/** A 绑定 request by id, or null. */
export function findBinding(tx: Tx, id: number): Promise<BindingRequest | null> {
  return tx.findOneBy(BindingRequest, { id });
}

/** A 绑定 request by id, locked for the decision (after a lost conditional update). */
export function lockBinding(tx: Tx, id: number): Promise<BindingRequest> {
  return lockedRow(tx, BindingRequest, id);
}

/** Stores a new 绑定 request. */
export function insertBinding(tx: Tx, row: Omit<BindingRequest, 'id'>): Promise<BindingRequest> {
  return tx.save(tx.create(BindingRequest, row));
}

/** Decides a pending 绑定 request; false when it was no longer pending (another decider was first). */
export async function decidePendingBinding(tx: Tx, id: number, decision: DecisionValues): Promise<boolean> {
  return Boolean((await tx.update(BindingRequest, { id, status: 'pending' }, decision)).affected);
}

/** The pending 绑定 request of an employee on a platform, or of an account, or null. */
export function pendingBindingFor(tx: Tx, where: { employeeId: number; platform: string } | { platform: string; externalId: string }): Promise<BindingRequest | null> {
  return tx.findOneBy(BindingRequest, { ...where, status: 'pending' });
}

/** Every pending 绑定 request, oldest first. */
export function pendingBindings(tx: Tx): Promise<BindingRequest[]> {
  return tx.find(BindingRequest, { where: { status: 'pending' }, order: { id: 'ASC' } });
}

/** The ids of `employeeIds` whose 绑定 was approved on or after `since` (their welcome went with the approval). */
export async function boundByRequestSince(tx: Tx, employeeIds: number[], since: Date): Promise<Set<number>> {
  if (!employeeIds.length) return new Set();
  const rows = await tx.findBy(BindingRequest, { employeeId: In(employeeIds), status: 'approved', decidedAt: MoreThanOrEqual(since) });
  return new Set(rows.map((r) => r.employeeId));
}

/** The account an employee has on a platform, or null. */
export function identityOn(tx: Tx, employeeId: number, platform: string): Promise<PlatformIdentity | null> {
  return tx.findOneBy(PlatformIdentity, { employeeId, platform });
}

/** Binds an account to an employee. */
export async function insertIdentity(tx: Tx, row: { employeeId: number; platform: string; externalId: string; at: Date }): Promise<void> {
  await tx.insert(PlatformIdentity, { employeeId: row.employeeId, platform: row.platform, externalId: row.externalId, createdAt: row.at, updatedAt: row.at });
}
