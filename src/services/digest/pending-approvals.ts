import { pendingLeaveCountsByTeam } from '../../db/stores/leave-store';
import type { Tx } from '../../db/stores/tx';

/** Requests of one kind waiting for a team's decider: 'L' leave (other kinds add their prefix here). */
export interface PendingCount {
  /** The request id's prefix users see: L (请假). */
  prefix: string;
  /** What the kind is called: 请假. */
  label: string;
  count: number;
}

/**
 * Every kind of request pending now, counted per team of the requester (one grouped statement
 * per kind): the one place a new kind of request (补卡 B, 申诉 S …) is added to be counted in
 * the supervisors' day summary. Teams with nothing pending are absent.
 */
export async function pendingApprovalsByTeam(tx: Tx): Promise<Map<number, PendingCount[]>> {
  const kinds: Array<{ prefix: string; label: string; counts: Map<number, number> }> = [{ prefix: 'L', label: '请假', counts: await pendingLeaveCountsByTeam(tx) }];
  const out = new Map<number, PendingCount[]>();
  for (const k of kinds) {
    for (const [teamId, count] of k.counts) {
      if (count > 0) out.set(teamId, [...(out.get(teamId) ?? []), { prefix: k.prefix, label: k.label, count }]);
    }
  }
  return out;
}
