import { Between, IsNull, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import { Appeal, CorrectionRequest, Delegation } from '../entities';
import { isSqlite } from '../data-source';
import { lockedRow } from '../locks';
import type { Tx } from './tx';

/** The second-wave requests: 补卡 (correction_requests), 申诉 (appeals) and the supervisors' 代理 (delegations). */

/** What a decision writes on a request. */
export type DecisionValues = Pick<CorrectionRequest, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'updatedAt'>;

/** A 补卡 by id, or null. */
export function findCorrection(tx: Tx, id: number): Promise<CorrectionRequest | null> {
  return tx.findOneBy(CorrectionRequest, { id });
}

/** A 补卡 read past this transaction's snapshot and locked: what a concurrent decider committed. */
export function lockCorrection(tx: Tx, id: number): Promise<CorrectionRequest> {
  return lockedRow(tx, CorrectionRequest, id);
}

/** Stores a new 补卡; returns it with its id (the B id users see). */
export function insertCorrection(tx: Tx, row: Omit<CorrectionRequest, 'id'>): Promise<CorrectionRequest> {
  return tx.save(tx.create(CorrectionRequest, row));
}

/** Decides a 补卡 that is still pending, in one conditional statement: false when a concurrent decision won. */
export async function decidePendingCorrection(tx: Tx, id: number, decision: DecisionValues): Promise<boolean> {
  return Boolean((await tx.update(CorrectionRequest, { id, status: 'pending' }, decision)).affected);
}

/** Records the punch an approved 补卡 wrote. */
export async function setCorrectionPunch(tx: Tx, id: number, punchId: number): Promise<void> {
  await tx.update(CorrectionRequest, { id }, { punchId });
}

/** The pending 补卡 of one employee for one punch of a day, or null. */
export function pendingCorrectionFor(tx: Tx, employeeId: number, workDate: string, kind: string): Promise<CorrectionRequest | null> {
  return tx.findOneBy(CorrectionRequest, { employeeId, workDate, kind, status: 'pending' });
}

/** How many 补卡 of `employeeId` for days from `from` to `to` were approved (the monthly quota). */
export function approvedCorrectionsBetween(tx: Tx, employeeId: number, from: string, to: string): Promise<number> {
  return tx.countBy(CorrectionRequest, { employeeId, status: 'approved', workDate: Between(from, to) });
}

/** Every pending 补卡, by id. */
export function pendingCorrections(tx: Tx): Promise<CorrectionRequest[]> {
  return tx.find(CorrectionRequest, { where: { status: 'pending' }, order: { id: 'ASC' } });
}

/** An appeal by id, or null. */
export function findAppeal(tx: Tx, id: number): Promise<Appeal | null> {
  return tx.findOneBy(Appeal, { id });
}

/** An appeal read past this transaction's snapshot and locked. */
export function lockAppeal(tx: Tx, id: number): Promise<Appeal> {
  return lockedRow(tx, Appeal, id);
}

/** The open appeal of a ledger entry, read past this transaction's snapshot (what a concurrent filer committed), or null. */
export function lockOpenAppealOf(tx: Tx, entryId: number): Promise<Appeal | null> {
  if (isSqlite(tx.connection)) return openAppealOf(tx, entryId);
  return tx.findOne(Appeal, { where: { openEntryId: entryId }, lock: { mode: 'pessimistic_write' } });
}

/** The open appeal of a ledger entry, or null. */
export function openAppealOf(tx: Tx, entryId: number): Promise<Appeal | null> {
  return tx.findOneBy(Appeal, { openEntryId: entryId });
}

/** Stores a new appeal; a second open appeal of the same entry fails on the unique key. */
export function insertAppeal(tx: Tx, row: Omit<Appeal, 'id'>): Promise<Appeal> {
  return tx.save(tx.create(Appeal, row));
}

/** Decides an appeal that is still pending (and frees its entry for a later appeal): false when a concurrent decision won. */
export async function decidePendingAppeal(tx: Tx, id: number, decision: DecisionValues & Pick<Appeal, 'reversalId'>): Promise<boolean> {
  return Boolean((await tx.update(Appeal, { id, status: 'pending' }, { ...decision, openEntryId: null })).affected);
}

/** Every pending appeal, by id. */
export function pendingAppeals(tx: Tx): Promise<Appeal[]> {
  return tx.find(Appeal, { where: { status: 'pending' }, order: { id: 'ASC' } });
}

/** Stores a delegation. */
export function insertDelegation(tx: Tx, row: Omit<Delegation, 'id'>): Promise<Delegation> {
  return tx.save(tx.create(Delegation, row));
}

/** The supervisor's delegations not cancelled that end on or after `date` (the current and coming ones), by start. */
export function liveDelegationsOf(tx: Tx, supervisorId: number, date: string): Promise<Delegation[]> {
  return tx.find(Delegation, { where: { supervisorId, cancelledAt: IsNull(), endDate: MoreThanOrEqual(date) }, order: { startDate: 'ASC' } });
}

/** Ends delegations (代理 取消, or replaced by a new one). */
export async function cancelDelegations(tx: Tx, ids: number[], at: Date): Promise<void> {
  for (const id of ids) await tx.update(Delegation, { id }, { cancelledAt: at });
}

/** The delegations active on `date` (not cancelled, dates inclusive) of supervisor `supervisorId`. */
export function activeDelegationsOf(tx: Tx, supervisorId: number, date: string): Promise<Delegation[]> {
  return tx.find(Delegation, { where: { supervisorId, cancelledAt: IsNull(), startDate: LessThanOrEqual(date), endDate: MoreThanOrEqual(date) } });
}

/** The delegations active on `date` that name `delegateId`, excluding those of `exceptSupervisorId` when given. */
export function activeDelegationsTo(tx: Tx, delegateId: number, date: string, exceptSupervisorId?: number): Promise<Delegation[]> {
  return tx.find(Delegation, {
    where: { delegateId, cancelledAt: IsNull(), startDate: LessThanOrEqual(date), endDate: MoreThanOrEqual(date), ...(exceptSupervisorId ? { supervisorId: Not(exceptSupervisorId) } : {}) },
  });
}

/** Records the entry an approved appeal added to reverse the appealed one. */
export async function setAppealReversal(tx: Tx, id: number, reversalId: number): Promise<void> {
  await tx.update(Appeal, { id }, { reversalId });
}

/** The delegations not cancelled that start on `date`. */
export function delegationsStartingOn(tx: Tx, date: string): Promise<Delegation[]> {
  return tx.find(Delegation, { where: { startDate: date, cancelledAt: IsNull() }, order: { id: 'ASC' } });
}
