/**
 * `org sync`: binds a platform's directory users to employees, by employee number first, then
 * by mobile (digits only, domain/mobile.ts). It never creates, deletes or moves: an account
 * bound to another employee, or an employee bound to another account on the platform, is
 * reported and left alone; a mobile shared by several employees (or an employee claimed by
 * several directory users) is reported as ambiguous and not bound. A dry run writes nothing.
 */
import type { Employee } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { insertIdentity } from '../../db/stores/binding-store';
import { allEmployees, identitiesOnPlatform } from '../../db/stores/org-store';
import { inTransaction } from '../../db/transaction';
import type { DirectoryUser } from '../../core/directory';
import type { DataSource } from 'typeorm';
import { normalizeMobile } from '../../domain/mobile';

/** A directory user with the employee it matched. */
export interface SyncMatch {
  user: DirectoryUser;
  employee: Pick<Employee, 'id' | 'no' | 'name'>;
  by: 'no' | 'mobile';
}

/** What a sync did (or, dry, would do). */
export interface SyncReport {
  platform: string;
  dryRun: boolean;
  /** Bound now (dry: would be bound). */
  bound: SyncMatch[];
  /** Bound to this very account already. */
  unchanged: SyncMatch[];
  /** Matched, but the account or the employee is bound elsewhere: `held` says to whom. */
  elsewhere: Array<SyncMatch & { held: string }>;
  /** Several employees share the mobile, or several users claim one employee: not bound. */
  ambiguous: Array<{ user: DirectoryUser; why: string }>;
  /** No employee by number or mobile. */
  unknown: DirectoryUser[];
}

/** The audit_log action of a sync. */
export const ORG_SYNC_ACTION = 'org.sync';

function matchOne(user: DirectoryUser, byNo: Map<string, Employee>, byMobile: Map<string, Employee[]>): { employee: Employee; by: 'no' | 'mobile' } | { why: string } | null {
  const numbered = user.no ? byNo.get(user.no) : undefined;
  if (numbered) return { employee: numbered, by: 'no' };
  const mobile = user.mobile ? normalizeMobile(user.mobile) : null;
  if (!mobile) return null;
  const same = byMobile.get(mobile) ?? [];
  if (same.length > 1) return { why: `手机号 ${mobile} 对应多名员工：${same.map((e) => `${e.name}（${e.no}）`).join('、')}` };
  return same.length ? { employee: same[0], by: 'mobile' } : null;
}

/** Matches `users` of `platform`'s directory against the employees current on `today` (company zone) and binds what is free (unless `dryRun`). */
export async function syncDirectory(ds: DataSource, platform: string, users: DirectoryUser[], opts: { dryRun: boolean; now: Date; today: string; actor: string }): Promise<SyncReport> {
  return inTransaction(ds, async (tx) => {
    const employees = (await allEmployees(tx)).filter((e) => e.endDate === null || e.endDate >= opts.today);
    const byNo = new Map(employees.map((e) => [e.no, e]));
    const byMobile = new Map<string, Employee[]>();
    for (const e of employees) if (e.mobile) byMobile.set(e.mobile, [...(byMobile.get(e.mobile) ?? []), e]);
    const accounts = await identitiesOnPlatform(tx, platform);
    const holderOf = new Map(accounts.map((a) => [a.externalId, a.employeeId]));
    const accountOf = new Map(accounts.map((a) => [a.employeeId, a.externalId]));
    const names = new Map((await allEmployees(tx)).map((e) => [e.id, `${e.name}（${e.no}）`]));
    const report: SyncReport = { platform, dryRun: opts.dryRun, bound: [], unchanged: [], elsewhere: [], ambiguous: [], unknown: [] };
    const matches: SyncMatch[] = [];
    for (const user of users) {
      const m = matchOne(user, byNo, byMobile);
      if (!m) report.unknown.push(user);
      else if ('why' in m) report.ambiguous.push({ user, why: m.why });
      else matches.push({ user, employee: { id: m.employee.id, no: m.employee.no, name: m.employee.name }, by: m.by });
    }
    const claims = new Map<number, number>();
    for (const m of matches) claims.set(m.employee.id, (claims.get(m.employee.id) ?? 0) + 1);
    for (const m of matches) {
      const holder = holderOf.get(m.user.externalId);
      const current = accountOf.get(m.employee.id);
      if (holder === m.employee.id) report.unchanged.push(m);
      else if ((claims.get(m.employee.id) ?? 0) > 1) report.ambiguous.push({ user: m.user, why: `通讯录中有多个账号对应 ${m.employee.name}（${m.employee.no}）` });
      else if (holder !== undefined) report.elsewhere.push({ ...m, held: `该账号已绑定 ${names.get(holder) ?? holder}` });
      else if (current !== undefined) report.elsewhere.push({ ...m, held: `${m.employee.name}已绑定另一个账号 ${current}` });
      else report.bound.push(m);
    }
    if (!opts.dryRun && report.bound.length) {
      for (const m of report.bound) await insertIdentity(tx, { employeeId: m.employee.id, platform, externalId: m.user.externalId, at: opts.now });
      await appendAudit(tx, {
        actorId: null, actor: opts.actor, action: ORG_SYNC_ACTION, subjectType: null, subjectId: null, at: opts.now,
        details: { platform, bound: report.bound.length, elsewhere: report.elsewhere.length, ambiguous: report.ambiguous.length, unknown: report.unknown.length },
      });
    }
    return report;
  });
}
