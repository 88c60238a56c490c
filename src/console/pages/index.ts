import type { ConsolePageSpec } from '../console-page';
import { approvalsPage } from './approvals-page';
import { calendarPage } from './calendar-page';
import { employeePage } from './employee-page';
import { monthPage } from './month-page';
import { teamPage } from './team-page';
export { auditPage, AUDIT_MAX_PAGE, AUDIT_PAGE_SIZE } from './audit-page';
export { sessionsPage } from './sessions-page';

export { approvalsPage, calendarPage, employeePage, monthPage, teamPage };

/** The console's data pages (本月, 员工, 审批, 团队, 日历), in navigation order; the router mounts them. */
export const dataPages: ConsolePageSpec[] = [monthPage, employeePage, approvalsPage, teamPage, calendarPage];
