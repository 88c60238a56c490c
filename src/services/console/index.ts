export { databaseConsoleLinks, issueConsoleLink, redeemConsoleLink, type Redemption } from './console-sign-in';
export { listConsoleSessions, resolveConsoleSession, revokeSession, type SessionLookup, type SessionRow } from './console-sessions';
export { auditConsoleCommand, auditLogPage, payrollDownload, type AuditFilter, type AuditQuery, type AuditRow, type PayrollDownload } from './console-records';
export { CONSOLE_ROLES, mayUseConsole, type ConsoleViewer } from './console-viewer';
