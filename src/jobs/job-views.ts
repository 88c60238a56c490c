import type { NeutralCard } from '../core/neutral-card';
import type { EmployeeRecord } from '../domain/employee-record';
import type { Policy } from '../domain/policy';
import type { PersonDigest, TeamDaySummary } from '../services/digest';
import type { PayslipView } from '../services/payroll';
import type { WeeklyRanking } from '../services/ranking';
import type { ServiceContext } from '../services/service-context';
import type { TeamDay } from '../services/team';
import type { RequestLetter } from '../services/approvals';

/**
 * How the jobs' messages look: the command layer's cards, handed in by the composition root
 * so jobs keep to services and core (docs/architecture.md layers).
 */
export interface JobViews {
  meetingReminder(policy: Policy, day: TeamDay): NeutralCard;
  /** `today` ('YYYY-MM-DD'): dates of another year are shown with it. */
  ranking(r: WeeklyRanking, today: string): NeutralCard;
  payslip(name: string, slip: PayslipView, asOf: string): NeutralCard;
  /** A person's day digest (their new entries, or what changed); `today` as for ranking. */
  dayDigest(policy: Policy, digest: PersonDigest, today: string): NeutralCard;
  /** A team's day summary for its supervisor or the admins. */
  daySummary(summary: TeamDaySummary, today: string): NeutralCard;
  /** A new employee's welcome: a greeting and the 帮助 of their role. */
  welcome(ctx: ServiceContext, who: EmployeeRecord): string;
  /** A pending request's approval card as it stands, with its card key (so a decision updates this copy too); null when there is none. */
  requestCard(ctx: ServiceContext, letter: RequestLetter, id: number, today: string): Promise<{ card: NeutralCard; cardKey: string } | null>;
}
