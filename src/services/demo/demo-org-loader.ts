import { existsSync } from 'node:fs';
import path from 'node:path';
import { countEmployees } from '../../db/stores/org-store';
import { inTransaction } from '../../db/transaction';
import { addDays, zonedMinute } from '../../domain/dates';
import { importOrg, readOrgFile, type OrgImportSummary } from '../org';
import type { ServiceContext } from '../service-context';
import { bindWebAccounts } from './web-accounts';

/** The demo organisation's file name, in config/ next to the policy. */
export const DEMO_ORG_FILE = 'demo-org.yaml';

/** The demo was not loaded because the database already has staff. */
export class DemoRefusedError extends Error {
  constructor(readonly employees: number) {
    super(`The database already has ${employees} employee${employees === 1 ? '' : 's'}: the demo organisation is loaded only into an empty database, so real staff never get demo colleagues.`);
    this.name = 'DemoRefusedError';
  }
}

/** What loading the demo did. */
export interface DemoSummary extends OrgImportSummary {
  webAccounts: number;
  /** The day the demo staff start (the first workday after the day it was loaded). */
  startDate: string;
}

/**
 * Where the demo organisation is: next to the policy file, else in the package's own config/
 * (found by walking up from this module, which runs from src/ or from dist/src/).
 */
export function demoOrgFile(policyFile: string): string {
  const beside = path.join(path.dirname(policyFile), DEMO_ORG_FILE);
  if (existsSync(beside)) return beside;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'config', DEMO_ORG_FILE);
    if (existsSync(candidate)) return candidate;
  }
  return beside;
}

/**
 * Loads the demo organisation into an empty database, in one transaction: the org file's
 * teams and staff (each starting on the first workday after `now`, unless the file says
 * otherwise, so the day of loading is never judged), a web chat account for each, and a web
 * group chat for each team. A database with staff is refused before the file is even read.
 * @throws DemoRefusedError when the database has any employee.
 */
export async function loadDemoOrg(ctx: ServiceContext, file: string, now: Date): Promise<DemoSummary> {
  const staff = await countEmployees(ctx.ds.manager);
  if (staff > 0) throw new DemoRefusedError(staff);
  const org = await readOrgFile(file);
  let start = addDays(zonedMinute(now, ctx.policy.timezone).date, 1);
  for (let i = 0; i < 366 && !ctx.calendar.isWorkday(start); i++) start = addDays(start, 1);
  const staffed = { ...org, employees: org.employees.map((e) => ({ ...e, startDate: e.startDate ?? start })) };
  return inTransaction(ctx.ds, async (tx) => {
    const existing = await countEmployees(tx);
    if (existing > 0) throw new DemoRefusedError(existing);
    const summary = await importOrg(ctx.ds, staffed, { now, actor: 'demo' });
    return { ...summary, webAccounts: await bindWebAccounts(tx, now), startDate: start };
  });
}
