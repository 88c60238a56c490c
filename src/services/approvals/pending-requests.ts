import type { Employee } from '../../db/entities';
import { pendingLeaveExcept } from '../../db/stores/leave-store';
import { findEntry } from '../../db/stores/ledger-store';
import { employeesByIds } from '../../db/stores/org-store';
import { pendingAppeals, pendingCorrections } from '../../db/stores/request-store';
import { pendingBindings } from '../../db/stores/binding-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { zonedMinute } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { decidersOf, type DecisionBasis, type RequestLetter } from './deciders';

/** One pending request of any kind, with who decides it (for 审批, 代理 and the reminder job). */
export interface PendingRequest {
  letter: RequestLetter;
  id: number;
  requesterId: number;
  requestedAt: Date;
  /** Who decides by role: the team's supervisor, or the admins. */
  deciderIds: number[];
  /** That supervisor's delegates active on `today` (empty when the admins decide). */
  delegateIds: number[];
  /** The supervisor whose card it is (a 代理 hands it on); null when the admins decide. */
  supervisorId: number | null;
}

/**
 * Every pending leave (L), 补卡 (B), 申诉 (S) and 绑定 (U; its requester is the claimed employee), oldest request first, each with its deciders
 * as approvals/deciders.ts names them on `today` (company zone; default: the day of `at`, or
 * of now when neither is given). The card's recipients are deciderIds then delegateIds.
 */
export async function pendingRequests(tx: Tx, ctx: ServiceContext, opts: { today?: string; at?: Date } = {}): Promise<PendingRequest[]> {
  const today = opts.today ?? zonedMinute(opts.at ?? new Date(), ctx.policy.timezone).date;
  const rows: Array<{ letter: RequestLetter; id: number; requesterId: number; requestedAt: Date; basis: DecisionBasis }> = [];
  for (const l of await pendingLeaveExcept(tx, 0)) rows.push({ letter: 'L', id: l.id, requesterId: l.employeeId, requestedAt: l.requestedAt, basis: { letter: 'L' } });
  for (const b of await pendingCorrections(tx)) rows.push({ letter: 'B', id: b.id, requesterId: b.employeeId, requestedAt: b.requestedAt, basis: { letter: 'B' } });
  for (const s of await pendingAppeals(tx)) {
    const entry = await findEntry(tx, s.entryId);
    rows.push({ letter: 'S', id: s.id, requesterId: s.employeeId, requestedAt: s.requestedAt, basis: { letter: 'S', entryCreatedBy: entry?.createdBy ?? null } });
  }
  for (const u of await pendingBindings(tx)) rows.push({ letter: 'U', id: u.id, requesterId: u.employeeId, requestedAt: u.requestedAt, basis: { letter: 'U' } });
  const people = new Map((await employeesByIds(tx, [...new Set(rows.map((r) => r.requesterId))])).map((e) => [e.id, e]));
  const cache = new Map<string, Awaited<ReturnType<typeof decidersOf>>>();
  const out: PendingRequest[] = [];
  for (const r of rows.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.id - b.id)) {
    const requester = people.get(r.requesterId) as Employee;
    const key = `${r.requesterId}:${r.basis.letter === 'S' ? `S${r.basis.entryCreatedBy}` : r.basis.letter === 'U' ? 'U' : 'LB'}`;
    let d = cache.get(key);
    if (!d) cache.set(key, (d = await decidersOf(tx, requester, r.basis, today)));
    out.push({
      letter: r.letter, id: r.id, requesterId: r.requesterId, requestedAt: r.requestedAt,
      deciderIds: d.primary.map((e) => e.id), delegateIds: d.delegates.map((e) => e.id), supervisorId: d.supervisorId,
    });
  }
  return out;
}

/** The pending requests `actor` may decide on `today`: an admin every one but their own; anyone else those they receive. */
export async function pendingRequestsFor(ctx: ServiceContext, actor: Employee, today: string): Promise<PendingRequest[]> {
  const all = await pendingRequests(currentManager(ctx.ds), ctx, { today });
  return all.filter((p) => p.requesterId !== actor.id && (actor.role === 'admin' ? p.supervisorId !== null || p.deciderIds.includes(actor.id) : [...p.deciderIds, ...p.delegateIds].includes(actor.id)));
}
