import type { ApprovalReminder, BindingRequest, Employee } from '../../db/entities';
import { findBinding } from '../../db/stores/binding-store';
import { remindersOf } from '../../db/stores/console-read-store';
import { employeesByIds } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import { appealView, correctionView, pendingRequestsFor, type AppealView, type CorrectionView, type PendingRequest } from '../approvals';
import { leaveMonthSoFar, leaveWithPeople } from '../leave';
import type { ServiceContext } from '../service-context';

/** A pending leave with what its card shows: the request, the requester's month so far. */
export interface LeaveFacts {
  letter: 'L';
  leave: NonNullable<Awaited<ReturnType<typeof leaveWithPeople>>>;
  month: { score: number; approvedDays: number };
}

/** One pending request the viewer may decide, with its card's facts and the reminders sent for it. */
export type ApprovalItem = {
  pending: PendingRequest;
  requester: Employee;
  reminders: ApprovalReminder[];
  /** Who receives the card and its reminders now: the deciders, then their active 代理. */
  deciders: string[];
} & (
  | LeaveFacts
  | { letter: 'B'; correction: CorrectionView }
  | { letter: 'S'; appeal: AppealView }
  | { letter: 'U'; binding: BindingRequest }
);

/** How many pending requests the 审批 page shows at once, oldest first (each is read with its card's facts). */
export const APPROVALS_SHOWN = 50;

/**
 * The 审批 page's list (docs/console.md, "Pages"): the pending L/B/S/U requests `viewer` may
 * decide on `today` (approvals/pending-requests.ts, as the 审批 command lists them), each with
 * the facts its chat card shows (the same request views) and its reminders (approval_reminders).
 */
export async function approvalList(ctx: ServiceContext, viewer: Employee, today: string): Promise<{ items: ApprovalItem[]; total: number }> {
  const all = await pendingRequestsFor(ctx, viewer, today);
  // Each request is read with its card's facts: a page holds the oldest ones, the rest wait.
  const pending = all.slice(0, APPROVALS_SHOWN);
  const tx = currentManager(ctx.ds);
  const reminders = await remindersOf(tx, pending.map((p) => ({ letter: p.letter, id: p.id })));
  const names = new Map((await employeesByIds(tx, [...new Set(pending.flatMap((p) => [...p.deciderIds, ...p.delegateIds]))])).map((e) => [e.id, e.name]));
  const items: ApprovalItem[] = [];
  for (const p of pending) {
    const common = { pending: p, reminders: reminders.filter((r) => r.requestKind === p.letter && r.requestId === p.id), deciders: [...p.deciderIds, ...p.delegateIds].flatMap((id) => names.get(id) ?? []) };
    if (p.letter === 'L') {
      const leave = await leaveWithPeople(ctx, p.id);
      if (leave) items.push({ ...common, letter: 'L', requester: leave.requester, leave, month: await leaveMonthSoFar(ctx, leave.requester, leave.request.startDate) });
    } else if (p.letter === 'B') {
      const correction = await correctionView(ctx, p.id);
      if (correction) items.push({ ...common, letter: 'B', requester: correction.requester, correction });
    } else if (p.letter === 'S') {
      const appeal = await appealView(ctx, p.id);
      if (appeal) items.push({ ...common, letter: 'S', requester: appeal.requester, appeal });
    } else {
      const binding = await findBinding(tx, p.id);
      const [requester] = binding ? await employeesByIds(tx, [binding.employeeId]) : [];
      if (binding && requester) items.push({ ...common, letter: 'U', requester, binding });
    }
  }
  return { items, total: all.length };
}
