import type { DataSource } from 'typeorm';
import type { Employee, PlatformIdentity, Team } from '../../db/entities';
import type { TeamChats } from '../../db/entities/team.entity';
import { latestRunStart } from '../../db/stores/job-run-store';
import { allEmployees, allTeams, employeesByIds, identitiesOnPlatform, insertIdentities, updateTeam } from '../../db/stores/org-store';
import { newestRowAt } from '../../db/stores/outbox-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { ROLES, type Role } from '../../domain/roles';

/** An employee with a web chat account, as the web chat lists them. */
export interface WebAccountHolder {
  /** The 'web' platform account (the external id of the binding). */
  account: string;
  no: string;
  name: string;
  role: Role;
  team?: string;
  /** The team's web group chat; absent for people without a team (admins). */
  groupChatId?: string;
}

/** A team's chats with the web chat's group among them (the org file has no web column). */
type WebTeamChats = TeamChats & { web?: string };

/** The web group chat of a team, if it has one. */
const webGroupOf = (team: Team): string | undefined => (team.chats as WebTeamChats | null)?.web;

/**
 * Gives every employee without one a web chat account named after their employee number, and
 * every team without one a web group chat ('team-<id>'), so the outbox sends team broadcasts
 * (the 17:00 reminder, the ranking) to that group as it does to a Feishu group chat. Returns
 * how many accounts it bound.
 */
export async function bindWebAccounts(tx: Tx, now: Date): Promise<number> {
  const bound = new Set((await identitiesOnPlatform(tx, 'web')).map((i) => i.employeeId));
  const unbound = (await allEmployees(tx)).filter((e) => !bound.has(e.id));
  await insertIdentities(tx, unbound.map((e) => ({ platform: 'web', externalId: e.no, employeeId: e.id, createdAt: now, updatedAt: now })));
  for (const team of await allTeams(tx)) {
    if (webGroupOf(team)) continue;
    const chats: WebTeamChats = { ...(team.chats ?? {}), web: `team-${team.id}` };
    await updateTeam(tx, team.id, { chats, updatedAt: now });
  }
  return unbound.length;
}

/** The employees with a web chat account, agents first, then supervisors, salespeople, admins. */
export async function webChatPeople(ds: DataSource): Promise<WebAccountHolder[]> {
  const tx = currentManager(ds);
  const accounts = await identitiesOnPlatform(tx, 'web');
  if (!accounts.length) return [];
  const employees = await employeesByIds(tx, accounts.map((a) => a.employeeId));
  const teams = new Map((await allTeams(tx)).map((t) => [t.id, t]));
  const rank = (e: Employee) => ROLES.indexOf(e.role);
  return employees
    .sort((a, b) => rank(a) - rank(b) || (a.no < b.no ? -1 : 1))
    .map((e) => {
      const team = e.teamId === null ? undefined : teams.get(e.teamId);
      const account = accounts.find((a) => a.employeeId === e.id) as PlatformIdentity;
      return { account: account.externalId, no: e.no, name: e.name, role: e.role, team: team?.name, groupChatId: team ? webGroupOf(team) : undefined };
    });
}

/**
 * The latest business time the database has seen (a message stored for sending, a job run), or null: the
 * web demo's clock resumes from it after a restart instead of going back in time.
 */
export async function latestActivity(ds: DataSource): Promise<Date | null> {
  const tx = currentManager(ds);
  const times = [await newestRowAt(tx), await latestRunStart(tx)].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}
