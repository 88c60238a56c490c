import type { JobViews } from '../jobs/job-views';
import { REQUEST_KINDS } from '../commands/approval-commands';
import { dayDigestCard, daySummaryCard } from '../commands/digest-cards';
import { meetingReminderCard } from '../commands/meeting-cards';
import { payslipCard } from '../commands/report-cards';
import { rankingChart } from '../commands/ranking-chart';
import { rankingCard } from '../commands/score-cards';
import { createCommands } from '../commands';
import { welcomeText } from '../commands/welcome-text';

/** The cards the scheduled jobs send: the same builders the commands use. */
export const jobViews: JobViews = {
  meetingReminder: (policy, day) =>
    meetingReminderCard(
      policy,
      day.teamName,
      day.members.filter((m) => m.agent && !m.notJudged).map((m) => ({ name: m.name, reportFiled: m.agent?.reportCalls !== null, validCalls: m.agent?.validCalls ?? 0 })),
    ),
  // The Friday ranking carries its chart (the 排名 command's reply stays text: it is asked for, not announced).
  ranking: (r, today) => {
    const chart = rankingChart(r);
    return { ...rankingCard(r, { today }), ...(chart ? { chart } : {}) };
  },
  payslip: (name, slip, asOf) => payslipCard(name, slip, asOf),
  dayDigest: (policy, digest, today) => dayDigestCard(digest, policy, today),
  daySummary: (summary, today) => daySummaryCard(summary, today),
  welcome: (ctx, who) => welcomeText(createCommands(ctx), who),
  async requestCard(ctx, letter, id, today) {
    const kind = REQUEST_KINDS[letter];
    const card = await kind.card(ctx, today, id);
    return card ? { card, cardKey: kind.cardKey(id) } : null;
  },
};
