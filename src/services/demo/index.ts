/** The web demo: its organisation, the web chat accounts, and where its clock resumes. */
export { DEMO_ORG_FILE, DemoRefusedError, demoOrgFile, loadDemoOrg, type DemoSummary } from './demo-org-loader';
export { bindWebAccounts, latestActivity, webChatPeople, type WebAccountHolder } from './web-accounts';
