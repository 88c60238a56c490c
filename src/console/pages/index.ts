export { auditPage, AUDIT_MAX_PAGE, AUDIT_PAGE_SIZE } from './audit-page';
export { sessionsPage } from './sessions-page';
