/**
 * Work too long for a chat turn (a whole company's month close): started by a command, run
 * outside the turn's transaction and budget as the job of that name and period, once per
 * (job, slot) like any run; what it did is reported by the job's own notices.
 */
export interface BackgroundJobs {
  /** Starts `job` for `slot` after the current turn; `force` re-runs a period already run. */
  start(job: string, slot: string, opts: { force: boolean }): void;
}
