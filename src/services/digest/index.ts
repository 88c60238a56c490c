export { dayClosedByJob, dayDigest, type DayDigestResult, type DigestDay, type PersonDigest } from './day-digest-service';
export type { DigestEntry } from './digest-plan';
export { pendingApprovalsByTeam, type PendingCount } from './pending-approvals';
export type { SummaryItem, TeamDaySummary } from './team-summary';
