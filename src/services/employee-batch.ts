import type { Employee } from '../db/entities';
import { employee, employeesByIds } from '../db/stores/org-store';
import type { Tx } from '../db/stores/tx';
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

/**
 * Employees a set-based batch job (close-day, the weekly check) handles in one transaction:
 * each kind of fact is read for the chunk in one statement and its entries written in
 * multi-row inserts; each chunk commits on its own, so a crash mid-close leaves whole chunks
 * and a re-run converges.
 */
export const EMPLOYEES_PER_CHUNK = 500;

const MAX_REASON = 200;

/** Why `e` happened, as one short line: the database's own message when there is one (never the SQL or its parameters). */
export function failureReason(e: unknown): string {
  const err = e as { driverError?: { message?: unknown }; message?: unknown };
  const raw = typeof err?.driverError?.message === 'string' ? err.driverError.message : typeof err?.message === 'string' ? err.message : String(e);
  const line = raw.split('\n')[0].trim() || 'unknown error';
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

/**
 * Runs `run` for the employees of `roster` in chunks of `size`, so one person's data can never
 * stop a batch for everyone: when a chunk fails, each of its employees runs again alone (a set
 * of one), and a failure is logged, recorded and the next employee runs. `run` must give each
 * call its own transaction or savepoint, so a failure leaves nothing half-written, and return
 * one result per employee. A lost race (deadlock, duplicate key) is rethrown for the caller's
 * retry, and so is the first error when every employee failed: that is the database or the
 * program, not one person's data.
 */
export async function forEachChunk<T>(
  ctx: ServiceContext,
  job: string,
  roster: EmployeeRef[],
  size: number,
  run: (refs: EmployeeRef[]) => Promise<T[]>,
): Promise<{ results: T[]; failures: EmployeeFailure[] }> {
  const results: T[] = [];
  const failures: EmployeeFailure[] = [];
  let first: unknown;
  const alone = async (ref: EmployeeRef) => {
    try {
      results.push(...(await run([ref])));
    } catch (e) {
      if (isRetryableWriteError(e)) throw e;
      first ??= e;
      const failure = { employeeId: ref.id, no: ref.no, name: ref.name, reason: failureReason(e) };
      failures.push(failure);
      ctx.logger?.error({ job, employeeNo: ref.no, reason: failure.reason }, 'one employee could not be handled; the others go on');
    }
  };
  for (let i = 0; i < roster.length; i += Math.max(1, size)) {
    const chunk = roster.slice(i, i + Math.max(1, size));
    if (chunk.length === 1) {
      await alone(chunk[0]);
      continue;
    }
    try {
      results.push(...(await run(chunk)));
    } catch (e) {
      if (isRetryableWriteError(e)) throw e;
      ctx.logger?.warn({ job, employees: chunk.length, reason: failureReason(e) }, 'a chunk could not be handled; its employees run one at a time');
      for (const ref of chunk) await alone(ref);
    }
  }
  if (failures.length > 0 && failures.length === roster.length) throw first;
  return { results, failures };
}

/** {@link forEachChunk} one employee at a time. */
export function forEachEmployee<T>(ctx: ServiceContext, job: string, roster: EmployeeRef[], run: (ref: EmployeeRef) => Promise<T>): Promise<{ results: T[]; failures: EmployeeFailure[] }> {
  return forEachChunk(ctx, job, roster, 1, async ([ref]) => [await run(ref)]);
}

/**
 * The employees of `refs`, whole, in the order of `refs`, read in one statement; one that
 * cannot be found is read alone, which throws as reading one employee does.
 */
export async function employeesOf(tx: Tx, refs: EmployeeRef[]): Promise<Employee[]> {
  const found = new Map((await employeesByIds(tx, refs.map((r) => r.id))).map((e) => [e.id, e]));
  const out: Employee[] = [];
  for (const ref of refs) out.push(found.get(ref.id) ?? (await employee(tx, ref.id)));
  return out;
}
