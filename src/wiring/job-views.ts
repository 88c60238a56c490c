import type { JobViews } from '../jobs/job-views';
import { REQUEST_KINDS } from '../commands/approval-commands';
import { dayDigestCard, daySummaryCard } from '../commands/digest-cards';
import { meetingReminderCard } from '../commands/meeting-cards';
import { payslipCard } from '../commands/report-cards';
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
  ranking: (r, today) => rankingCard(r, { today }),
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
