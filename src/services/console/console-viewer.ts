import { zonedMinute } from '../../domain/dates';
import type { EmployeeRecord } from '../../domain/employee-record';
import type { Role } from '../../domain/roles';

/** Who is signed in to the console, as the services resolve it (src/console's Viewer has this shape). */
export interface ConsoleViewer {
  employeeId: number;
  name: string;
  role: Extract<Role, 'admin' | 'supervisor'>;
  /** The supervisor's team; null for an admin. */
  teamId: number | null;
  sessionId: number;
}

/** The roles that may use the console. */
export const CONSOLE_ROLES: ReadonlySet<Role> = new Set(['admin', 'supervisor']);

/**
 * Whether `employee` may use the console today: an admin, or a supervisor of a team, still
 * employed (no end date before today in the company's time zone). Read from the employee's row
 * on every request, so a demoted or departed person loses access at once.
 */
export function mayUseConsole(employee: EmployeeRecord | null, now: Date, timeZone: string): employee is EmployeeRecord & { role: 'admin' | 'supervisor' } {
  if (!employee || !CONSOLE_ROLES.has(employee.role)) return false;
  if (employee.role === 'supervisor' && employee.teamId === null) return false;
  const today = zonedMinute(now, timeZone).date;
  return !employee.endDate || employee.endDate >= today;
}

/** The viewer of a session whose employee {@link mayUseConsole}. */
export function viewerOf(employee: EmployeeRecord & { role: 'admin' | 'supervisor' }, sessionId: number): ConsoleViewer {
  return { employeeId: employee.id, name: employee.name, role: employee.role, teamId: employee.role === 'admin' ? null : employee.teamId, sessionId };
}
