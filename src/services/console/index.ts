export { databaseConsoleLinks, issueConsoleLink, redeemConsoleLink, type Redemption } from './console-sign-in';
export { listConsoleSessions, resolveConsoleSession, revokeSession, type SessionLookup, type SessionRow } from './console-sessions';
export { auditConsoleCommand, auditLogPage, payrollDownload, type AuditFilter, type AuditQuery, type AuditRow, type PayrollDownload } from './console-records';
export { CONSOLE_ROLES, mayUseConsole, type ConsoleViewer } from './console-viewer';
export { approvalList, type ApprovalItem } from './approval-list';
export { employeeMonth, type ConsoleRecord, type EmployeeDay, type EmployeeMonth, type LedgerLine } from './employee-month';
export { monthTable, type MonthScope, type MonthTable, type MonthTableRow } from './month-table';
