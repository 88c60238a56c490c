import type { Notice } from '../core/notifier';
import { mondayOf, zonedMinute } from '../domain/dates';
import { allTeams, employedOn } from '../services/people';
import { weeklyRanking } from '../services/ranking';
import { teamDay } from '../services/team';
import type { JobSpec } from './job-spec';

const today = (now: Date, tz: string) => zonedMinute(now, tz).date;

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
      if (!ctx.calendar.isWorkday(slot)) return `${slot}: not a workday, nothing sent`;
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
      return `${slot}: ${sent} reminder messages`;
    },
  },
  {
    name: 'report-nudge',
    sends: true,
    slotOf: (date) => date,
    defaultSlot: today,
    async run({ ctx, slot, notify, keySuffix }) {
      if (!ctx.calendar.isWorkday(slot)) return `${slot}: not a workday, nothing sent`;
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
      return `${slot}: nudged ${sent} agents`;
    },
  },
  {
    name: 'weekly-ranking',
    sends: true,
    slotOf: mondayOf,
    defaultSlot: (now, tz) => mondayOf(today(now, tz)),
    async run({ ctx, slot, now, notify, views, keySuffix }) {
      const lastDay = ctx.calendar.lastWorkdayOfWeek(slot);
      if (!lastDay) return `week of ${slot}: no workday, no ranking`;
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
      return `week of ${slot}: ${sent} ranking messages`;
    },
  },
];
