import type { Role } from './roles';

/** Who someone is, for authority checks. */
export interface Person {
  id: number;
  role: Role;
  teamId: number | null;
}

/**
 * Whether `actor` may act on `target`'s records as a supervisor does (score of others, deduct,
 * award, revert, payments, team view): admins on anyone else, supervisors on their own team's
 * agents and salespeople only; nobody on themselves.
 */
export function supervises(actor: Person, target: Person): boolean {
  // "Of others": nobody acts as a supervisor on their own records, an admin included.
  if (actor.id === target.id) return false;
  if (actor.role === 'admin') return true;
  // A supervisor's team is its agents and salespeople; a supervisor or an admin in the same
  // team answers to an admin (as their leave does, H-14).
  if (target.role !== 'agent' && target.role !== 'salesperson') return false;
  return actor.role === 'supervisor' && actor.teamId !== null && actor.teamId === target.teamId;
}

/** Whether `actor` may see `target`'s own records (themselves, or someone they supervise). */
export function mayView(actor: Person, target: Person): boolean {
  return actor.id === target.id || supervises(actor, target);
}

/** Whether `actor` may qualify (H-4) a lead of `agent`: the team's salespeople and supervisor, or an admin. */
export function qualifiesLeads(actor: Person, agent: Person): boolean {
  if (actor.role === 'admin') return true;
  return (actor.role === 'salesperson' || actor.role === 'supervisor') && actor.teamId !== null && actor.teamId === agent.teamId;
}
