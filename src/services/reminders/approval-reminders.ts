import type { Employee } from '../../db/entities';
import { allPendingLeave } from '../../db/stores/leave-store';
import { employeesByIds } from '../../db/stores/org-store';
import { recordReminders, remindedSteps } from '../../db/stores/reminder-store';
import type { Tx } from '../../db/stores/tx';
import { writeTransaction } from '../../db/transaction';
import { addDays, zonedInstant, zonedMinute } from '../../domain/dates';
import { workingMinutesBetween } from '../../domain/working-time';
import { pendingRequests, type RequestLetter } from '../approvals';
import { employedOn } from '../people';
import type { ServiceContext } from '../service-context';

/**
 * The reminders of pending requests (催办, docs/commands.md): after
 * approvals.remindAfterHours working hours a request is sent again to its deciders, after
 * approvals.escalateAfterHours to the admins; a leave still pending at
 * approvals.leaveEveEscalation the day before its first day goes to the admins at once.
 * Each step is sent once per request (approval_reminders).
 */

/** `decider`: sent again to the deciders; `escalate`: to the admins; `eve`: a leave about to start. */
export type ReminderStep = 'decider' | 'escalate' | 'eve';

/** A pending request of any kind, as the reminders see it. */
export interface PendingApproval {
  /** The request's letter: L (请假), B (补卡), S (申诉). */
  letter: RequestLetter;
  id: number;
  requester: Employee;
  requestedAt: Date;
  /** A leave's first day: the eve step applies to it. */
  firstDay: string | null;
  /** Who receives the request's card and decides it now (an active 代理 included). */
  deciders: Employee[];
}

/** A reminder to send now. */
export interface DueReminder {
  approval: PendingApproval;
  step: ReminderStep;
  recipients: Employee[];
  /** Working minutes the request has waited. */
  waitedMinutes: number;
}

/** Where pending requests come from: each request kind lists its own. */
export type PendingSource = (tx: Tx, ctx: ServiceContext) => Promise<PendingApproval[]>;

/**
 * Pending leave (L), 补卡 (B) and 申诉 (S) with who receives their card on the day of `now`: the
 * deciders, then an active 代理 (approvals/deciders.ts); a leave with its first day.
 */
export function pendingRequestSource(now: Date): PendingSource {
  return async (tx, ctx) => {
    const pending = await pendingRequests(tx, ctx, { at: now });
    const firstDays = new Map((await allPendingLeave(tx)).map((l) => [l.id, l.startDate]));
    const ids = new Set(pending.flatMap((p) => [p.requesterId, ...p.deciderIds, ...p.delegateIds]));
    const people = new Map((await employeesByIds(tx, [...ids])).map((e) => [e.id, e]));
    const known = (list: number[]) => list.flatMap((id) => people.get(id) ?? []);
    return pending.flatMap((p) => {
      const requester = people.get(p.requesterId);
      if (!requester) return [];
      const firstDay = p.letter === 'L' ? (firstDays.get(p.id) ?? null) : null;
      return [{ letter: p.letter, id: p.id, requester, requestedAt: p.requestedAt, firstDay, deciders: known([...p.deciderIds, ...p.delegateIds]) }];
    });
  };
}

/** The steps due for one request at `now`, in order, whatever was sent before. */
export function stepsDue(ctx: ServiceContext, a: PendingApproval, now: Date): { steps: ReminderStep[]; waited: number } {
  const { approvals, workHours, timezone } = ctx.policy;
  const waited = workingMinutesBetween(a.requestedAt, now, workHours, ctx.calendar, timezone, approvals.escalateAfterMinutes);
  const steps: ReminderStep[] = [];
  if (waited >= approvals.remindAfterMinutes) steps.push('decider');
  if (waited >= approvals.escalateAfterMinutes) steps.push('escalate');
  if (a.firstDay) {
    // Only a leave asked for before it starts: one filed afterwards is no emergency.
    const starts = zonedInstant(a.firstDay, workHours.start, timezone);
    const eve = zonedInstant(addDays(a.firstDay, -1), approvals.leaveEveEscalation, timezone);
    if (a.requestedAt < starts && now >= eve) steps.push('eve');
  }
  return { steps, waited };
}

/** Who a step goes to: the deciders, or the admins employed today (never the requester; escalation skips admins who decide it anyway). */
function recipientsOf(step: ReminderStep, a: PendingApproval, admins: Employee[]): Employee[] {
  if (step === 'decider') return a.deciders;
  const deciders = new Set(a.deciders.map((d) => d.id));
  return admins.filter((x) => x.id !== a.requester.id && (step === 'eve' || !deciders.has(x.id)));
}

/** The reminders due at `now` that were not sent yet, across every source. */
export async function dueReminders(tx: Tx, ctx: ServiceContext, now: Date, sources: PendingSource[]): Promise<DueReminder[]> {
  const admins = await employedOn(ctx, zonedMinute(now, ctx.policy.timezone).date, ['admin']);
  const due: DueReminder[] = [];
  for (const source of sources) {
    const pending = (await source(tx, ctx)).sort((a, b) => a.id - b.id);
    const sent = new Map<string, Set<string>>();
    for (const letter of new Set(pending.map((p) => p.letter))) {
      sent.set(letter, await remindedSteps(tx, letter, pending.filter((p) => p.letter === letter).map((p) => p.id)));
    }
    for (const a of pending) {
      const { steps, waited } = stepsDue(ctx, a, now);
      for (const step of steps) {
        if (sent.get(a.letter)?.has(`${a.id}:${step}`)) continue;
        due.push({ approval: a, step, recipients: recipientsOf(step, a, admins), waitedMinutes: waited });
      }
    }
  }
  return due;
}

/**
 * Sends the reminders due at `now`: `deliver` writes their notices, and the steps are recorded
 * as sent (a step with nobody to tell too, so it is not weighed again), in one transaction.
 * Resolves to how many steps were due and what `deliver` answered (messages written).
 */
export async function sendDueReminders(ctx: ServiceContext, now: Date, sources: PendingSource[], deliver: (due: DueReminder[]) => Promise<number>): Promise<{ steps: number; messages: number }> {
  return writeTransaction(ctx.ds, async (tx) => {
    const due = await dueReminders(tx, ctx, now, sources);
    await recordReminders(tx, due.map((d) => ({ requestKind: d.approval.letter, requestId: d.approval.id, step: d.step, sentAt: now, recipients: d.recipients.length })));
    return { steps: due.length, messages: await deliver(due) };
  });
}
