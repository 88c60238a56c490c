import { In } from 'typeorm';
import { JobRun } from '../entities';
import type { Tx } from './tx';

/** What the job runs (job_runs) tell other features; the claims themselves are in src/db/job-claims.ts. */

/** The slots among `slots` that `job` has run for (claimed, whatever the outcome). */
export async function slotsRun(tx: Tx, job: string, slots: string[]): Promise<string[]> {
  if (slots.length === 0) return [];
  const runs = await tx.find(JobRun, { select: { slot: true }, where: { job, slot: In(slots) } });
  return runs.map((r) => r.slot);
}

/** When the latest job run started, or null when none ever did. */
export async function latestRunStart(tx: Tx): Promise<Date | null> {
  const [job] = await tx.find(JobRun, { order: { startedAt: 'DESC' }, take: 1 });
  return job?.startedAt ?? null;
}
