/** The org file and its import: what the CLI and the demo loader use. */
export { OrgFileError, type OrgFileIssue } from './org-file-error';
export { orgFileFormat, parseOrgFile, readOrgFile, type OrgFileFormat } from './org-file';
export { importOrg, ORG_IMPORT_ACTION, type OrgImportOptions, type OrgImportSummary } from './org-import-service';
export type { OrgChats, OrgEmployee, OrgFile, OrgTeam, Platform } from './org-types';
export { BINDING_EXAMPLE, bindingView, decideBinding, PLATFORM_NAMES, requestBinding, type BindingDecision } from './binding-service';
export { newcomersOn } from './welcome-service';
export { ORG_SYNC_ACTION, syncDirectory, type SyncMatch, type SyncReport } from './org-sync';
