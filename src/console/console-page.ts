import type { Role } from '../domain/roles';
import type { SafeHtml } from './html';

/**
 * Who is signed in to the console (a session from `后台`): an admin sees the whole company, a
 * supervisor their own team only (docs/console.md, "Who sees what").
 */
export interface Viewer {
  employeeId: number;
  name: string;
  role: Extract<Role, 'admin' | 'supervisor'>;
  /** The supervisor's team; null for an admin (all teams). */
  teamId: number | null;
  /** The session's id (for the audit log and the sessions page). */
  sessionId: number;
}

/** What a page renders into the console's layout (title, navigation, CSP, script). */
export interface PageContent {
  /** The document title and heading, Chinese. */
  title: string;
  body: SafeHtml;
}

/** The employee ids and teams a viewer may see: every team for an admin, one for a supervisor. */
export const teamScopeOf = (viewer: Viewer): number | 'all' => (viewer.role === 'admin' ? 'all' : (viewer.teamId ?? -1));
