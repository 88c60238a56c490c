import type { CustomerRecord } from '../../db/entities';
import { recordsOfAgentOn } from '../../db/stores/report-store';
import type { Policy } from '../../domain/policy';
import { Person, supervises } from '../../domain/authority';
import type { WorkDate } from '../../domain/dates';
import type { ServiceContext } from '../service-context';
import { currentManager } from '../../db/transaction';

/** Input of {@link listRecords}. */
export interface ListRecordsInput {
  viewer: Person;
  agent: Person;
  date: WorkDate;
}

/** A customer record as one viewer may see it. */
export interface RecordView {
  id: number;
  workDate: string;
  company: string;
  contact: string;
  /** 部门职务电话, with the number masked when `masked`. */
  titlePhone: string;
  /** The number, masked (138****0000) when `masked`. */
  phone: string | null;
  headcount: string;
  itStatus: string;
  grade: 'A' | 'B' | 'C';
  complete: boolean;
  qualifiedAt: Date | null;
  qualifiedBy: number | null;
  visitedBy: number | null;
  /** The viewer may not see this customer's phone (H-20). */
  masked: boolean;
}

/**
 * Whether `viewer` sees the phone of `agent`'s record of `grade` (H-20, handbook "Customer
 * records"): the agent, the agent's supervisor, admins, and for leads of the pay grades (A/B)
 * the salespeople of the agent's team, who must visit them.
 */
export function seesPhone(viewer: Person, agent: Person, grade: string, payGrades: readonly string[]): boolean {
  if (viewer.id === agent.id || supervises(viewer, agent)) return true;
  return viewer.role === 'salesperson' && viewer.teamId !== null && viewer.teamId === agent.teamId && payGrades.includes(grade);
}

/** Masks the middle of a number, keeping 3 digits in front and 4 at the end: 13800000000 → 138****0000. */
export function maskNumber(number: string): string {
  if (number.length <= 7) return '*'.repeat(number.length);
  return number.slice(0, 3) + '*'.repeat(number.length - 7) + number.slice(-4);
}

/**
 * Masks every phone in free text: what the policy's pattern calls a phone, and, to be safe,
 * any other run of 7 or more digits (spaces and dashes between them allowed: 138 0000 0000).
 */
export function maskText(text: string, phonePattern: string): string {
  const policyPhones = new RegExp(`(?<!\\d)(?:${phonePattern})(?!\\d)`, 'g');
  return text
    .replace(policyPhones, (m) => maskNumber(m))
    .replace(/\d(?:[\s-]*\d)*/g, (run) => {
      const digits = run.replace(/[\s-]/g, '');
      return digits.length >= 7 ? maskNumber(digits) : run;
    });
}

/** One stored record as `viewer` may see it: the phone masked unless {@link seesPhone} names them (H-20). */
export function viewRecord(r: CustomerRecord, viewer: Person, agent: Person, policy: Pick<Policy, 'customerRecord'>): RecordView {
  const { payGrades, phonePattern } = policy.customerRecord;
  const masked = !seesPhone(viewer, agent, r.grade, payGrades);
  return {
    id: r.id, workDate: r.workDate, company: r.company, contact: r.contact,
    titlePhone: masked ? maskText(r.titlePhone, phonePattern) : r.titlePhone,
    phone: masked && r.phone !== null ? maskNumber(r.phone) : r.phone,
    headcount: r.headcount, itStatus: r.itStatus, grade: r.grade as RecordView['grade'], complete: r.complete,
    qualifiedAt: r.qualifiedAt, qualifiedBy: r.qualifiedBy, visitedBy: r.visitedBy, masked,
  };
}

/**
 * An agent's customer records of one day, in id order, as `viewer` may see them: every
 * employee sees the records, but phones are masked for anyone {@link seesPhone} does not name.
 */
export async function listRecords(ctx: ServiceContext, input: ListRecordsInput): Promise<RecordView[]> {
  const rows = await recordsOfAgentOn(currentManager(ctx.ds), input.agent.id, input.date);
  return rows.map((r) => viewRecord(r, input.viewer, input.agent, ctx.policy));
}
