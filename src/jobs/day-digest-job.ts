import { createHash } from 'node:crypto';
import { UserError } from '../core/errors';
import type { Notice } from '../core/notifier';
import { zonedMinute } from '../domain/dates';
import { dayClosedByJob, dayDigest } from '../services/digest';
import { failureNotices, failuresOutcome, failuresSummary } from './failure-notices';
import type { JobSpec } from './job-spec';

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

/**
 * day-digest (issue 16): after close-day, each person with new entries that day gets one
 * direct message listing them (or, told before, only what was added or reversed since), and
 * each team's supervisor its day summary. What a person was told is kept per entry
 * (told_entries), so a re-run or a forced run after re-judging sends only the change: the
 * person's dedup key is built from the first entry it tells, not from the run (a forced run
 * must never send the whole list again). A summary's key carries a digest of its content: a
 * forced run sends it again only when it changed.
 */
export const DAY_DIGEST: JobSpec = {
  name: 'day-digest',
  sends: true,
  slotOf: (date) => date,
  defaultSlot: today,
  async run({ ctx, slot, now, notify, views }) {
    if (!(await dayClosedByJob(ctx, slot))) {
      throw new UserError(`${slot} 还没有结算考勤，先运行：bot job run close-day --date ${slot}`, undefined, 'jobs.digest-before-close');
    }
    const shownOn = today(now, ctx.policy.timezone);
    const r = await dayDigest(ctx, slot, now, async (digests) => {
      await notify(
        digests.map((d) => ({
          intent: { kind: 'send', to: { kind: 'employee', employeeId: d.employeeId }, body: { kind: 'card', card: views.dayDigest(ctx.policy, d, shownOn) } },
          dedupKey: `day-digest:${slot}:${d.employeeId}:p${Math.min(...d.marks)}`,
        })),
      );
    });
    const summaries: Notice[] = r.summaries.flatMap((s) => {
      const card = views.daySummary(s, shownOn);
      const digest = createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 12);
      return s.recipients.map((to) => ({
        intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: to }, body: { kind: 'card' as const, card } },
        dedupKey: `day-summary:${slot}:team:${s.teamId}:${to}:${digest}`,
      }));
    });
    const sent = await notify(summaries);
    await notify(
      await failureNotices(ctx, { job: 'day-digest', slot, date: shownOn, failures: r.failures, when: `${slot} 的考勤通知发送时`, outcome: '没有收到通知', again: '重新发送' }),
    );
    return {
      outcome: `${slot}: told ${r.told}, updated ${r.updates}, ${sent} summary messages${failuresOutcome(r.failures)}`,
      summary: `${slot} 考勤通知 ${r.told} 人，更新 ${r.updates} 人，主管汇总 ${sent} 条${failuresSummary(r.failures)}`,
      idle: r.told === 0 && r.updates === 0 && sent === 0 && r.failures.length === 0,
    };
  },
};
