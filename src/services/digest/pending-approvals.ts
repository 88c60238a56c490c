import { employeesByIds } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { pendingRequests, type RequestLetter } from '../approvals';
import type { ServiceContext } from '../service-context';

/** Requests of one kind waiting for a team's supervisor: L 请假, B 补卡, S 申诉. */
export interface PendingCount {
  /** The request id's prefix users see: L, B, S. */
  prefix: RequestLetter;
  /** What the kind is called: 请假. */
  label: string;
  count: number;
}

const LABELS: Record<RequestLetter, string> = { L: '请假', B: '补卡', S: '申诉', U: '绑定' };

/**
 * Every request pending at `at` that a team's supervisor decides (approvals/deciders.ts: not a
 * supervisor's own, nor an appeal of an entry the supervisor made, which go to the admins),
 * counted per team of the requester and per kind, in the order L, B, S. Teams with nothing
 * pending are absent.
 */
export async function pendingApprovalsByTeam(tx: Tx, ctx: ServiceContext, at: Date): Promise<Map<number, PendingCount[]>> {
  const pending = (await pendingRequests(tx, ctx, { at })).filter((p) => p.supervisorId !== null);
  const teams = new Map((await employeesByIds(tx, [...new Set(pending.map((p) => p.requesterId))])).map((e) => [e.id, e.teamId]));
  const counts = new Map<number, Map<RequestLetter, number>>();
  for (const p of pending) {
    const team = teams.get(p.requesterId);
    if (team === null || team === undefined) continue;
    const byKind = counts.get(team) ?? new Map<RequestLetter, number>();
    byKind.set(p.letter, (byKind.get(p.letter) ?? 0) + 1);
    counts.set(team, byKind);
  }
  const out = new Map<number, PendingCount[]>();
  for (const [team, byKind] of counts) {
    out.set(team, (['L', 'B', 'S'] as const).flatMap((k) => (byKind.get(k) ? [{ prefix: k, label: LABELS[k], count: byKind.get(k) as number }] : [])));
  }
  return out;
}
