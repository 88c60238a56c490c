import { In, IsNull, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import { Attachment, LeaveRequest } from '../entities';
import { Bound, selectWhere } from '../lean-queries';
import { lockedRow } from '../locks';
import type { Tx } from './tx';

/** Leave: requests (请假) pending → approved / rejected / cancelled, and their sick notes (attachments). */


/** The approved leave of `employeeId` (of `kind` when given) that touches a day from `from` to `to`. */
export function approvedLeaveBetween(tx: Tx, employeeId: number, from: string, to: string, kind?: string): Promise<LeaveRequest[]> {
  return tx.find(LeaveRequest, {
    where: { employeeId, ...(kind === undefined ? {} : { kind }), status: 'approved', startDate: LessThanOrEqual(to), endDate: MoreThanOrEqual(from) },
  });
}

/** The approved leave touching `date` of every employee in `employeeIds`, by id ({@link approvedLeaveOfEmployeesBetween}). */
export function approvedLeaveOfEmployeesOn(tx: Tx, employeeIds: number[], date: string): Promise<LeaveRequest[]> {
  return approvedLeaveOfEmployeesBetween(tx, employeeIds, date, date);
}

/**
 * The approved leave touching a day from `from` to `to` of every employee in `employeeIds`, by
 * id: one statement, built once per set size (the clock-in and a close read it).
 */
export async function approvedLeaveOfEmployeesBetween(tx: Tx, employeeIds: number[], from: string, to: string): Promise<LeaveRequest[]> {
  if (employeeIds.length === 0) return [];
  return selectWhere(tx, LeaveRequest, { employeeId: Bound.oneOf(employeeIds), status: 'approved', startDate: Bound.atMost(to), endDate: Bound.atLeast(from) });
}

/** The pending or approved requests of `employeeId` whose dates touch `from` … `to` (half days are the caller's to compare). */
export function liveLeaveTouching(tx: Tx, employeeId: number, from: string, to: string): Promise<LeaveRequest[]> {
  return tx.find(LeaveRequest, {
    where: { employeeId, status: In(['pending', 'approved']), startDate: LessThanOrEqual(to), endDate: MoreThanOrEqual(from) },
  });
}

/** A request by id, or null. */
export function findLeaveRequest(tx: Tx, id: number): Promise<LeaveRequest | null> {
  return tx.findOneBy(LeaveRequest, { id });
}

/** A request by id; throws when there is none. */
export function leaveRequest(tx: Tx, id: number): Promise<LeaveRequest> {
  return tx.findOneByOrFail(LeaveRequest, { id });
}

/** A request read past this transaction's snapshot and locked (lockedRow): what a concurrent decider committed. */
export function lockLeaveRequest(tx: Tx, id: number): Promise<LeaveRequest> {
  return lockedRow(tx, LeaveRequest, id);
}

/** Stores a new request; returns it with its id (the L id users see). */
export function insertLeaveRequest(tx: Tx, request: Omit<LeaveRequest, 'id'>): Promise<LeaveRequest> {
  return tx.save(tx.create(LeaveRequest, request));
}

/**
 * Decides a request that is still pending, in one conditional statement: false when it was
 * not pending any more (a concurrent decision or withdrawal won).
 */
export async function decidePendingLeave(
  tx: Tx,
  id: number,
  decision: Pick<LeaveRequest, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'updatedAt'>,
): Promise<boolean> {
  return Boolean((await tx.update(LeaveRequest, { id, status: 'pending' }, decision)).affected);
}

/** Withdraws a request that is still pending (撤回); false when it was not pending any more. */
export async function cancelPendingLeave(tx: Tx, id: number, at: Date): Promise<boolean> {
  return Boolean((await tx.update(LeaveRequest, { id, status: 'pending' }, { status: 'cancelled', updatedAt: at })).affected);
}

/** Every pending request but those of `exceptEmployeeId`, by id. */
export function pendingLeaveExcept(tx: Tx, exceptEmployeeId: number): Promise<LeaveRequest[]> {
  return tx.find(LeaveRequest, { where: { status: 'pending', employeeId: Not(exceptEmployeeId) }, order: { id: 'ASC' } });
}

/** The latest pending sick-leave request of `employeeId` that has no note attached yet, or null. */
export function latestSickLeaveAwaitingNote(tx: Tx, employeeId: number): Promise<LeaveRequest | null> {
  return tx.findOne(LeaveRequest, { where: { employeeId, kind: 'sick', status: 'pending', attachmentId: IsNull() }, order: { id: 'DESC' } });
}

/** Stores a received file; returns it with its id. */
export function insertAttachment(tx: Tx, attachment: Omit<Attachment, 'id'>): Promise<Attachment> {
  return tx.save(tx.create(Attachment, attachment));
}

/** Attaches a stored file to a request as its sick note. */
export async function attachToLeave(tx: Tx, requestId: number, attachmentId: number, at: Date): Promise<void> {
  await tx.update(LeaveRequest, { id: requestId }, { attachmentId, updatedAt: at });
}

/** Every pending request, oldest first (the approval reminders walk them). */
export function allPendingLeave(tx: Tx): Promise<LeaveRequest[]> {
  return selectWhere(tx, LeaveRequest, { status: 'pending' });
}
