import type { NeutralCard } from '../core/neutral-card';
import type { Policy } from '../domain/policy';
import type { PayslipView } from '../services/payroll';
import type { WeeklyRanking } from '../services/ranking';
import type { TeamDay } from '../services/team';
import type { RequestLetter } from '../services/approvals';
import type { ServiceContext } from '../services/service-context';

/**
 * How the jobs' messages look: the command layer's cards, handed in by the composition root
 * so jobs keep to services and core (docs/architecture.md layers).
 */
export interface JobViews {
  meetingReminder(policy: Policy, day: TeamDay): NeutralCard;
  /** `today` ('YYYY-MM-DD'): dates of another year are shown with it. */
  ranking(r: WeeklyRanking, today: string): NeutralCard;
  payslip(name: string, slip: PayslipView, asOf: string): NeutralCard;
  /** A pending request's approval card as it stands, with its card key (so a decision updates this copy too); null when there is none. */
  requestCard(ctx: ServiceContext, letter: RequestLetter, id: number, today: string): Promise<{ card: NeutralCard; cardKey: string } | null>;
}
