/** A team's day at a glance (团队). */
export { teamDay, type AgentDay, type TeamDay, type TeamDayMember } from './team-day-service';
