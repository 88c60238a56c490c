import type { Employee, PlatformIdentity } from '../../db/entities';
import { employeesByIds, identitiesTouching, insertIdentities, removeIdentities } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { IssueList } from './org-file-error';
import { PLATFORM_LABELS, PLATFORMS, type OrgFile, type Platform } from './org-types';

/** The binding changes of an import: identity rows to delete, then bindings to insert. */
export interface IdentityPlan {
  remove: number[];
  bind: { no: string; platform: Platform; externalId: string }[];
}

/**
 * Works out, before anything is written, which platform bindings the file changes. An empty
 * column changes nothing; a value that the employee already has changes nothing; another value
 * replaces the employee's binding on that platform. A value bound in the database to another
 * employee is an error at the file line, unless the file gives that employee a different id on
 * the same platform (the file moves it, e.g. two people swapping accounts).
 * `known` holds the database rows of the file's employees that exist already, by number.
 * @throws OrgFileError listing every conflicting id.
 */
export async function planIdentities(tx: Tx, file: OrgFile, known: Map<string, Employee>): Promise<IdentityPlan> {
  const wanted = file.employees.flatMap((e) =>
    PLATFORMS.flatMap((platform) => (e[platform] === undefined ? [] : [{ e, platform, externalId: e[platform] as string }])),
  );
  const accounts = PLATFORMS.map((platform) => ({ platform, externalIds: wanted.filter((w) => w.platform === platform).map((w) => w.externalId) }));
  const rows = await identitiesTouching(tx, [...known.values()].map((e) => e.id), accounts);
  const owners = await ownersOf(tx, rows, known);
  const byOwner = new Map(rows.map((r) => [`${r.employeeId}\u0000${r.platform}`, r]));
  const byExternal = new Map(rows.map((r) => [`${r.platform}\u0000${r.externalId}`, r]));
  const inFile = new Map(file.employees.map((e) => [e.no, e]));
  const issues = new IssueList();
  const plan: IdentityPlan = { remove: [], bind: [] };
  for (const { e, platform, externalId } of wanted) {
    const me = known.get(e.no);
    const holder = byExternal.get(`${platform}\u0000${externalId}`);
    if (holder && me && holder.employeeId === me.id) continue;
    if (holder) {
      const owner = owners.get(holder.employeeId);
      const ownerNext = owner ? inFile.get(owner.no)?.[platform] : undefined;
      if (ownerNext === undefined || ownerNext === externalId) {
        const who = owner ? `${owner.no}（${owner.name}）` : `#${holder.employeeId}`;
        issues.add(e.line, platform, `${PLATFORM_LABELS[platform]} ${externalId} 已绑定到员工 ${who}，不能再绑定给 ${e.no}（如确为更换，请在文件中同时给该员工填写新的${PLATFORM_LABELS[platform]}）`);
        continue;
      }
      plan.remove.push(holder.id);
    }
    const mine = me ? byOwner.get(`${me.id}\u0000${platform}`) : undefined;
    if (mine) plan.remove.push(mine.id);
    plan.bind.push({ no: e.no, platform, externalId });
  }
  issues.throwIfAny();
  plan.remove = [...new Set(plan.remove)];
  return plan;
}

/** The employees owning `rows`, by id: those of the file from `known`, the others loaded. */
async function ownersOf(tx: Tx, rows: PlatformIdentity[], known: Map<string, Employee>): Promise<Map<number, Employee>> {
  const owners = new Map([...known.values()].map((e) => [e.id, e]));
  const missing = [...new Set(rows.map((r) => r.employeeId).filter((id) => !owners.has(id)))];
  for (const e of await employeesByIds(tx, missing)) owners.set(e.id, e);
  return owners;
}

/** Carries out a plan: deletes first, so no unique key collides, then inserts; returns how many were bound. */
export async function applyIdentities(tx: Tx, plan: IdentityPlan, employeeId: (no: string) => number, now: Date): Promise<number> {
  await removeIdentities(tx, plan.remove);
  await insertIdentities(tx, plan.bind.map((b) => ({ platform: b.platform, externalId: b.externalId, employeeId: employeeId(b.no), createdAt: now, updatedAt: now })));
  return plan.bind.length;
}
