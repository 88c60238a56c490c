import { ConsoleError, type Viewer } from './console-page';

/**
 * Refuses (ConsoleError 403) when `viewer` may not see `employee`: an admin sees everyone, a
 * supervisor only the members of their own team (docs/console.md, "Who sees what").
 */
export function assertMaySee(viewer: Viewer, employee: { teamId: number | null }): void {
  if (viewer.role === 'admin') return;
  if (employee.teamId !== null && employee.teamId === viewer.teamId) return;
  throw new ConsoleError(403, '你只能查看自己团队的成员。');
}

/** Whether `viewer` may see `employee` (the list pages filter with it). */
export function maySee(viewer: Viewer, employee: { teamId: number | null }): boolean {
  return viewer.role === 'admin' || (employee.teamId !== null && employee.teamId === viewer.teamId);
}
