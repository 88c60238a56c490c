import type { ChartRenderer } from '../core/chart';
import type { Role } from '../domain/roles';
import type { ServiceContext } from '../services/service-context';
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

/** What the console's pages are rendered with (built once by the wiring). */
export interface ConsoleDeps {
  ctx: ServiceContext;
  /** The application's clock (the web demo's clock can be moved). */
  now: () => Date;
  /** Draws the team page's charts (src/charts). */
  charts: ChartRenderer;
}

/** A request as a page sees it: the path's parameters and the query string. */
export interface PageRequest {
  params: Record<string, string>;
  query: URLSearchParams;
}

/**
 * A page of the console: its path under /admin, its entry in the navigation, and its
 * renderer. A renderer refuses with {@link ConsoleError} (403 for another team's employee, 404
 * for an unknown one, 400 for a bad month); src/console/console-router.ts turns it into a page.
 */
export interface ConsolePageSpec {
  /** The Koa path, e.g. '/admin/month' or '/admin/employee/:id'. */
  path: string;
  /** The navigation label (本月, 员工, 审批, 团队, 日历, 审计); absent for pages reached by link only. */
  nav?: string;
  /** Only admins may open it (a supervisor gets 403). */
  adminOnly?: boolean;
  render(deps: ConsoleDeps, viewer: Viewer, req: PageRequest): Promise<PageContent>;
}

/** A refusal a page shows with its HTTP status and a Chinese message that says what to do. */
export class ConsoleError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
