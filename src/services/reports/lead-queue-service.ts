import type { CustomerRecord, Employee } from '../../db/entities';
import { recordsOfPhoneByOthers, unqualifiedLeads } from '../../db/stores/lead-store';
import { employeesByIds, employeesWithRoles, findEmployee, findTeam, teamMembers } from '../../db/stores/org-store';
import { findCustomerRecord } from '../../db/stores/report-store';
import { currentManager } from '../../db/transaction';
import type { Person } from '../../domain/authority';
import { addDays, type WorkDate } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { maskNumber, viewRecord, type RecordView } from './record-visibility';
import type { RecordOutcome } from './customer-record-service';

/** A lead as one viewer may see it, with the agent who recorded it. */
export interface LeadView extends RecordView {
  agent: Employee;
}

/** Employed on `date` (start and end dates). */
const employedOn = (e: Employee, date: WorkDate) => (!e.startDate || e.startDate <= date) && (!e.endDate || e.endDate >= date);

/**
 * The team's A/B leads not yet qualified (H-4), oldest first, at most
 * customerRecord.pendingListMax, as `viewer` may see them, and how many there are in all.
 * The viewer's team: a salesperson's or a supervisor's own; nobody else has a queue.
 */
export async function pendingLeads(ctx: ServiceContext, viewer: Person): Promise<{ leads: LeadView[]; total: number }> {
  if (viewer.teamId === null) return { leads: [], total: 0 };
  const tx = currentManager(ctx.ds);
  const agents = (await teamMembers(tx, viewer.teamId)).filter((e) => e.role === 'agent');
  const { payGrades, pendingListMax } = ctx.policy.customerRecord;
  const { rows, total } = await unqualifiedLeads(tx, agents.map((a) => a.id), payGrades, pendingListMax);
  const byId = new Map(agents.map((a) => [a.id, a]));
  return { leads: rows.map((r) => ({ ...viewRecord(r, viewer, byId.get(r.agentId)!, ctx.policy), agent: byId.get(r.agentId)! })), total };
}

/** Someone who sees no phone: a view with every phone masked. */
const NOBODY: Person = { id: 0, role: 'agent', teamId: null };

/** One record as `viewer` may see it (null: as anyone, every phone masked), with its agent; null when there is none. */
export async function leadView(ctx: ServiceContext, viewer: Person | null, recordId: number): Promise<LeadView | null> {
  const tx = currentManager(ctx.ds);
  const record = await findCustomerRecord(tx, recordId);
  const agent = record ? await findEmployee(tx, record.agentId) : null;
  if (!record || !agent) return null;
  return { ...viewRecord(record, viewer ?? NOBODY, agent, ctx.policy), agent };
}

/** The salespeople of `agent`'s team employed on `date`: they visit the team's A/B leads (H-4). */
export async function leadVisitors(ctx: ServiceContext, agent: Person, date: WorkDate): Promise<Employee[]> {
  if (agent.teamId === null) return [];
  const members = await teamMembers(currentManager(ctx.ds), agent.teamId);
  return members.filter((e) => e.role === 'salesperson' && employedOn(e, date));
}

/** The supervisor of `person`'s team; the admins when the team has none. */
async function deciders(ctx: ServiceContext, person: Person): Promise<Employee[]> {
  const tx = currentManager(ctx.ds);
  const team = person.teamId === null ? null : await findTeam(tx, person.teamId);
  const supervisor = team?.supervisorId ? await findEmployee(tx, team.supervisorId) : null;
  return supervisor ? [supervisor] : employeesWithRoles(tx, ['admin']);
}

/** A possible duplicate lead: the new lead, the other agents' records of its phone, and who decides. */
export interface DuplicateLead {
  record: CustomerRecord;
  others: Array<{ record: CustomerRecord; agent: Employee }>;
  /** The supervisors of every agent involved (the admins for a team without one). */
  tellTo: Employee[];
}

/** At most this many other records are named in one flag: enough to decide, bounded. */
const MAX_OTHERS = 5;

/**
 * The new leads of one 客户 message whose phone other agents recorded within
 * customerRecord.duplicateWindowDays (either side of its work day): possible duplicate leads for
 * the supervisors to decide. Nothing is changed or dropped here. Phones in the log are masked (H-20).
 */
export async function duplicateLeads(ctx: ServiceContext, agent: Person, outcomes: readonly RecordOutcome[], workDate: WorkDate): Promise<DuplicateLead[]> {
  const tx = currentManager(ctx.ds);
  const days = ctx.policy.customerRecord.duplicateWindowDays;
  const found: DuplicateLead[] = [];
  for (const o of outcomes) {
    if (!o.newLead || o.phone === null) continue;
    const others = await recordsOfPhoneByOthers(tx, o.phone, agent.id, addDays(workDate, -days), addDays(workDate, days), MAX_OTHERS);
    if (!others.length) continue;
    const people = new Map((await employeesByIds(tx, [...new Set(others.map((r) => r.agentId))])).map((e) => [e.id, e]));
    const named = others.flatMap((r) => (people.has(r.agentId) ? [{ record: r, agent: people.get(r.agentId)! }] : []));
    const tellTo = new Map<number, Employee>();
    for (const p of [agent, ...named.map((n) => n.agent)]) for (const d of await deciders(ctx, p)) if (d.id !== p.id) tellTo.set(d.id, d);
    const record = (await findCustomerRecord(tx, o.id))!;
    found.push({ record, others: named, tellTo: [...tellTo.values()] });
    ctx.logger?.info({ recordId: o.id, phone: maskNumber(o.phone), others: others.map((r) => r.id) }, 'possible duplicate lead');
  }
  return found;
}
