import { DAY_DIGEST } from './day-digest-job';
import type { JobSpec } from './job-spec';
import { JUDGING_JOBS } from './judging-jobs';
import { DELEGATION_HANDOVER } from './delegation-jobs';
import { REMINDER_JOBS } from './reminder-jobs';
import { SENDING_JOBS } from './sending-jobs';
import { WELCOME } from './welcome-job';

export type { JobRunArgs, JobSpec } from './job-spec';
export { JUDGING_JOBS } from './judging-jobs';

/** Finds a job by name. */
export function findJob(name: string): JobSpec | undefined {
  return ALL_JOBS.find((j) => j.name === name);
}

/** Every job: the judging ones, the sending ones, the approval reminders, the day digest (after close-day), the delegation hand-over and the first-day welcome. */
export const ALL_JOBS: JobSpec[] = [...JUDGING_JOBS, ...SENDING_JOBS, ...REMINDER_JOBS, DAY_DIGEST, DELEGATION_HANDOVER, WELCOME];
