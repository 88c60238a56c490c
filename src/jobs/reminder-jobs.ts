import type { Notice } from '../core/notifier';
import { formatDate } from '../domain/date-format';
import { formatMinute, zonedMinute } from '../domain/dates';
import { pendingRequestSource, sendDueReminders, type DueReminder } from '../services/reminders';
import type { ServiceContext } from '../services/service-context';
import type { JobSpec } from './job-spec';
import type { JobViews } from './job-views';
import { REMINDER_SLOT_MINUTES } from './schedule';

/** The half-hour slot containing `now` in `timeZone`. */
export function halfHourSlot(now: Date, timeZone: string): string {
  const { date, minute } = zonedMinute(now, timeZone);
  return `${date}T${formatMinute(minute - (minute % REMINDER_SLOT_MINUTES))}`;
}

/** The line a reminder card carries above the request. */
function reminderLine(d: DueReminder, today: string): string {
  const hours = Math.floor(d.waitedMinutes / 60);
  const waited = hours >= 1 ? `已等待 ${hours} 个工作小时` : '';
  if (d.step === 'decider') return `${waited}，请尽快审批。`;
  if (d.step === 'escalate') {
    const who = d.approval.deciders.map((x) => x.name).join('、') || '审批人';
    return `${waited}，${who}还没有审批，请管理员处理。`;
  }
  const first = d.approval.firstDay ? formatDate(d.approval.firstDay, today) : '';
  return `这张请假单 ${first} 开始，还没有审批，请管理员处理。`;
}

/** The notices of the reminders due: the request's approval card again, titled 催办, to each recipient. */
async function reminderNotices(ctx: ServiceContext, due: DueReminder[], views: JobViews, today: string, keySuffix: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const d of due) {
    const view = await views.requestCard(ctx, d.approval.letter, d.approval.id, today);
    if (!view) continue;
    const card = { ...view.card, title: `催办：${view.card.title}`, tone: 'warning' as const, fields: [{ label: '催办', value: reminderLine(d, today) }, ...view.card.fields] };
    for (const r of d.recipients) {
      notices.push({
        intent: { kind: 'send', to: { kind: 'employee', employeeId: r.id }, body: { kind: 'card', card }, cardKey: view.cardKey },
        dedupKey: `approval-reminder:${d.approval.letter}${d.approval.id}:${d.step}:${r.id}${keySuffix}`,
      });
    }
  }
  return notices;
}

/**
 * approval-reminder (docs/architecture.md, jobs): every half hour of working hours (and at
 * approvals.leaveEveEscalation every day), re-sends pending requests to their deciders and
 * escalates them to the admins as the policy says; each step once per request. The steps are
 * recorded and the notices written in one transaction.
 */
export const REMINDER_JOBS: JobSpec[] = [
  {
    name: 'approval-reminder',
    sends: true,
    slotOf: (date) => (date.length > 10 ? date : `${date}T00:00`),
    defaultSlot: halfHourSlot,
    async run({ ctx, slot, now, notify, views, keySuffix }) {
      const today = zonedMinute(now, ctx.policy.timezone).date;
      const r = await sendDueReminders(ctx, now, [pendingRequestSource(now)], async (due) => notify(await reminderNotices(ctx, due, views, today, keySuffix)));
      return {
        outcome: `${slot}: ${r.steps} reminder steps, ${r.messages} messages`,
        summary: `${slot.replace('T', ' ')} 催办 ${r.steps} 次，发出 ${r.messages} 条消息`,
        idle: r.steps === 0,
      };
    },
  },
];
