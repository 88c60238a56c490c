import type { Employee } from '../db/entities';
import { isRetryableWriteError } from '../db/transaction';
import type { ServiceContext } from './service-context';

/** Who a batch job runs for: only these columns are read for the list. */
export type EmployeeRef = Pick<Employee, 'id' | 'no' | 'name'>;

/** One employee a batch job (close-day, the weekly check, close-month) could not handle, and why. */
export interface EmployeeFailure {
  employeeId: number;
  no: string;
  name: string;
  /** The error's own first line, short: for the admins' notice, the audit log and the job's outcome. */
  reason: string;
}

const MAX_REASON = 200;

/** Why `e` happened, as one short line: the database's own message when there is one (never the SQL or its parameters). */
export function failureReason(e: unknown): string {
  const err = e as { driverError?: { message?: unknown }; message?: unknown };
  const raw = typeof err?.driverError?.message === 'string' ? err.driverError.message : typeof err?.message === 'string' ? err.message : String(e);
  const line = raw.split('\n')[0].trim() || 'unknown error';
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

/**
 * Runs `run` for each employee of `roster` in turn, so one person's data can never stop a batch
 * for everyone: a failure is logged, recorded and the next employee runs. `run` must give each
 * employee its own transaction or savepoint, so a failure leaves nothing half-written. A lost
 * race (deadlock, duplicate key) is rethrown for the caller's retry, and so is the first error
 * when every employee failed: that is the database or the program, not one person's data.
 */
export async function forEachEmployee<T>(
  ctx: ServiceContext,
  job: string,
  roster: EmployeeRef[],
  run: (ref: EmployeeRef) => Promise<T>,
): Promise<{ results: T[]; failures: EmployeeFailure[] }> {
  const results: T[] = [];
  const failures: EmployeeFailure[] = [];
  let first: unknown;
  for (const ref of roster) {
    try {
      results.push(await run(ref));
    } catch (e) {
      if (isRetryableWriteError(e)) throw e;
      first ??= e;
      const failure = { employeeId: ref.id, no: ref.no, name: ref.name, reason: failureReason(e) };
      failures.push(failure);
      ctx.logger?.error({ job, employeeNo: ref.no, reason: failure.reason }, 'one employee could not be handled; the others go on');
    }
  }
  if (failures.length > 0 && failures.length === roster.length) throw first;
  return { results, failures };
}
