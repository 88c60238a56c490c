import { createHash } from 'node:crypto';
import type { Notice } from '../core/notifier';
import type { EmployeeFailure } from '../services/employee-batch';
import { employedOn } from '../services/people';
import type { ServiceContext } from '../services/service-context';

/** How many failed employees a notice names; the rest are counted. */
const NAMED = 20;

/** `; 1 failed: E002 (reason)` for a job's outcome line; '' when none failed. */
export function failuresOutcome(failures: EmployeeFailure[]): string {
  if (!failures.length) return '';
  return `; ${failures.length} failed: ${failures.map((f) => `${f.no} (${f.reason})`).join(', ')}`;
}

/** The same for people: '，1 人出错：E002 张伟' ('' when none failed). */
export function failuresSummary(failures: EmployeeFailure[]): string {
  if (!failures.length) return '';
  return `，${failures.length} 人出错：${failures.map((f) => f.no).join('、')}`;
}

/**
 * One notice to each admin employed on `date` naming the employees a job could not handle and
 * why, with the command that re-runs it: '{when} 1 人出错，{outcome}：E002 张伟（reason）。修正后
 * {again}：bot job run …'. The dedup key carries a digest of the failures: the same failures on
 * a re-run are not sent again, different ones are.
 */
export async function failureNotices(
  ctx: ServiceContext,
  args: { job: string; slot: string; date: string; failures: EmployeeFailure[]; when: string; outcome: string; again: string },
): Promise<Notice[]> {
  const { failures } = args;
  if (!failures.length) return [];
  const named = failures.slice(0, NAMED).map((f) => `${f.no} ${f.name}（${f.reason}）`).join('；');
  const more = failures.length > NAMED ? `；另有 ${failures.length - NAMED} 人，见日志` : '';
  const rerun = `bot job run ${args.job} --date ${args.job === 'close-month' ? `${args.slot}-01` : args.slot} --force`;
  const text = `${args.when} ${failures.length} 人出错，${args.outcome}：${named}${more}。修正后${args.again}：${rerun}`;
  const digest = createHash('sha256').update(failures.map((f) => `${f.employeeId}:${f.reason}`).join('\n')).digest('hex').slice(0, 12);
  return (await employedOn(ctx, args.date, ['admin'])).map((admin) => ({
    intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: admin.id }, body: { kind: 'text' as const, text } },
    dedupKey: `job-failed:${args.job}:${args.slot}:${admin.id}:${digest}`,
  }));
}
