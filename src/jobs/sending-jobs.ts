import type { Notice } from '../core/notifier';
import { mondayOf, zonedMinute } from '../domain/dates';
import { allTeams, employedOn } from '../services/people';
import { weeklyRanking } from '../services/ranking';
import { teamDay } from '../services/team';
import type { JobReport, JobSpec } from './job-spec';

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

const notWorkday = (slot: string): JobReport => ({ outcome: `${slot}: not a workday, nothing sent`, summary: `${slot} 不是工作日，没有发送`, idle: true });

/**
 * The jobs that speak: they write notices with a dedup key per recipient and period, so a
 * re-run (a crashed run taken over) never sends twice; --force adds the run number to the
 * key and sends again, as the CLI says.
 */
export const SENDING_JOBS: JobSpec[] = [
  {
    name: 'meeting-reminder',
    sends: true,
    slotOf: (date) => date,
    defaultSlot: today,
    async run({ ctx, slot, notify, views, keySuffix }) {
      if (!ctx.calendar.isWorkday(slot)) return notWorkday(slot);
      const notices: Notice[] = [];
      for (const team of await allTeams(ctx)) {
        const day = await teamDay(ctx, team.id, slot);
        if (!day.members.length) continue;
        notices.push({
          intent: { kind: 'send', to: { kind: 'team', teamId: team.id }, body: { kind: 'card', card: views.meetingReminder(ctx.policy, day) } },
          dedupKey: `meeting-reminder:${slot}:team:${team.id}${keySuffix}`,
        });
      }
      const sent = await notify(notices);
      return { outcome: `${slot}: ${sent} reminder messages`, summary: `${slot} 发出 ${sent} 条例会提醒`, idle: sent === 0 };
    },
  },
  {
    name: 'report-nudge',
    sends: true,
    slotOf: (date) => date,
    defaultSlot: today,
    async run({ ctx, slot, notify, keySuffix }) {
      if (!ctx.calendar.isWorkday(slot)) return notWorkday(slot);
      const notices: Notice[] = [];
      for (const team of await allTeams(ctx)) {
        const day = await teamDay(ctx, team.id, slot);
        for (const m of day.members) {
          if (m.role !== 'agent' || m.notJudged || m.agent?.reportCalls !== null || m.leave === 'full') continue;
          notices.push({
            intent: { kind: 'send', to: { kind: 'employee', employeeId: m.employeeId }, body: { kind: 'text', text: `${m.name}，今天的日报还没交（H-2）。请发送：日报 通话 120` } },
            dedupKey: `report-nudge:${slot}:${m.employeeId}${keySuffix}`,
          });
        }
      }
      const sent = await notify(notices);
      return { outcome: `${slot}: nudged ${sent} agents`, summary: `${slot} 提醒 ${sent} 位电话销售员交日报`, idle: sent === 0 };
    },
  },
  {
    name: 'weekly-ranking',
    sends: true,
    slotOf: mondayOf,
    defaultSlot: (now, tz) => mondayOf(today(now, tz)),
    async run({ ctx, slot, now, notify, views, keySuffix }) {
      const lastDay = ctx.calendar.lastWorkdayOfWeek(slot);
      if (!lastDay) return { outcome: `week of ${slot}: no workday, no ranking`, summary: `${slot} 这一周没有工作日，没有排名`, idle: true };
      const shownOn = today(now, ctx.policy.timezone);
      const notices: Notice[] = [];
      for (const team of await allTeams(ctx)) {
        const ranking = await weeklyRanking(ctx, { kind: 'team', teamId: team.id }, lastDay);
        if (!ranking.rows.length) continue;
        notices.push({ intent: { kind: 'send', to: { kind: 'team', teamId: team.id }, body: { kind: 'card', card: views.ranking(ranking, shownOn) } }, dedupKey: `weekly-ranking:${slot}:team:${team.id}${keySuffix}` });
      }
      const company = await weeklyRanking(ctx, { kind: 'company' }, lastDay);
      for (const admin of await employedOn(ctx, lastDay, ['admin'])) {
        notices.push({ intent: { kind: 'send', to: { kind: 'employee', employeeId: admin.id }, body: { kind: 'card', card: views.ranking(company, shownOn) } }, dedupKey: `weekly-ranking:${slot}:admin:${admin.id}${keySuffix}` });
      }
      const sent = await notify(notices);
      return { outcome: `week of ${slot}: ${sent} ranking messages`, summary: `${slot} 这一周的排名发出 ${sent} 条`, idle: sent === 0 };
    },
  },
];
