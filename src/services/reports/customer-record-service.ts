import { ConflictError, UserError } from '../../core/errors';
import type { CustomerRecord } from '../../db/entities';
import { insertCustomerRecord, lockCustomerRecord, recordIdByPhone, updateCustomerRecord, validCallsBetween } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import type { Person } from '../../domain/authority';
import { assessRecord, RecordFields } from '../../domain/customer-record';
import type { ServiceContext } from '../service-context';
import { CleanFields, cleanRow, mergeFields, sameFields } from './record-rows';
import { RECORD_EXAMPLE, requireAgent, workDateOf } from './report-rules';
import { writeTransaction } from '../../db/transaction';

/** Input of {@link addCustomerRecords}: one message's rows, already parsed into fields. */
export interface AddRecordsInput {
  agent: Person;
  records: RecordFields[];
  /** When the platform says the message was sent: decides the work day. */
  sentAt: Date;
  sourceEvent?: string | null;
}

/** What became of one row of the message. */
export interface RecordOutcome {
  /** 1-based position in the message (第 n 条). */
  row: number;
  /** Shown to users as C<id>. */
  id: number;
  /** created: a new call; updated: the same phone that day, completed or corrected; unchanged: a resend saying nothing new. */
  status: 'created' | 'updated' | 'unchanged';
  complete: boolean;
  /** Missing fields in the users' words (客户名称, 人数, 电话号码 …). */
  missing: string[];
  /** The third field has a number that is no valid phone (assessRecord's badPhone). */
  badPhone: boolean;
  grade: 'A' | 'B' | 'C';
  /** The phone the record is known by; null for a record without one (never matched by a later message). */
  phone: string | null;
  /** This message made it a complete lead of a pay grade (H-4): the team's salespeople are to visit it. */
  newLead: boolean;
}

/** Result of {@link addCustomerRecords}. */
export interface AddRecordsResult {
  workDate: string;
  records: RecordOutcome[];
  /** The agent's valid calls (complete records, H-3) of that day after this message. */
  validCalls: number;
}

/** At most this many rows in one message: one transaction stays short. */
const MAX_ROWS = 500;

interface Row {
  row: number;
  clean: CleanFields;
  phone: string | null;
}

function fieldsOf(r: CustomerRecord): CleanFields {
  return { company: r.company, contact: r.contact, titlePhone: r.titlePhone, headcount: r.headcount, itStatus: r.itStatus, grade: r.grade };
}

/**
 * Stores one message's customer records (H-2, H-3), all or nothing. A record is known by
 * (agent, work day, phone): the same phone again that day completes or corrects that record
 * in place and never counts twice; another day it is another call. A record without a phone is
 * stored when it has a company, always as a new, incomplete record (phone NULL is never equal
 * in the unique key, so nothing can match or correct it: the agent resends it with the phone).
 * A row that cannot be stored refuses the whole message, naming the row.
 */
export async function addCustomerRecords(ctx: ServiceContext, input: AddRecordsInput): Promise<AddRecordsResult> {
  requireAgent(input.agent, '客户记录');
  if (input.records.length === 0) throw new UserError('没有读到客户记录。', RECORD_EXAMPLE, 'record.none');
  if (input.records.length > MAX_ROWS) throw new UserError(`一条消息最多 ${MAX_ROWS} 条客户记录，请分开发送。`, RECORD_EXAMPLE, 'record.too-many');
  const pattern = ctx.policy.customerRecord.phonePattern;
  const rows: Row[] = input.records.map((f, i) => {
    const phone = assessRecord(f, pattern).phone;
    return { row: i + 1, clean: cleanRow(i + 1, f, phone !== null), phone };
  });
  const workDate = workDateOf(input.sentAt, ctx.policy);
  const result = await writeTransaction(ctx.ds, async (tx) => {
    const records: RecordOutcome[] = [];
    for (const row of rows) records.push(await storeRow(tx, ctx, input, workDate, row));
    return { workDate, records, validCalls: await validCallsBetween(tx, input.agent.id, workDate, workDate) };
  });
  ctx.logger?.debug({ agentId: input.agent.id, workDate, sourceEvent: input.sourceEvent, rows: rows.length }, 'customer records stored');
  return result;
}

async function storeRow(tx: Tx, ctx: ServiceContext, input: AddRecordsInput, workDate: string, row: Row): Promise<RecordOutcome> {
  const { phonePattern: pattern, payGrades } = ctx.policy.customerRecord;
  const isLead = (complete: boolean, grade: string) => complete && (payGrades as string[]).includes(grade);
  const found = row.phone === null ? null : await recordIdByPhone(tx, input.agent.id, workDate, row.phone);
  if (found === null) {
    const a = assessRecord(row.clean, pattern);
    const id = await insertCustomerRecord(tx, {
      ...row.clean, agentId: input.agent.id, workDate, phone: row.phone, grade: a.grade, complete: a.complete,
      visitedBy: null, qualifiedBy: null, qualifiedAt: null, qualificationNote: null,
      sentAt: input.sentAt, createdAt: input.sentAt, updatedAt: input.sentAt,
    });
    const newLead = isLead(a.complete, a.grade);
    return { row: row.row, id, status: 'created', complete: a.complete, missing: a.missing, badPhone: a.badPhone, grade: a.grade, phone: row.phone, newLead };
  }
  const stored = await lockCustomerRecord(tx, found);
  const merged = mergeFields(fieldsOf(stored), row.clean, input.sentAt.getTime() >= stored.sentAt.getTime());
  const a = assessRecord(merged, pattern);
  const newLead = isLead(a.complete, a.grade) && !isLead(stored.complete, stored.grade);
  const outcome = { row: row.row, id: stored.id, complete: a.complete, missing: a.missing, badPhone: a.badPhone, grade: a.grade, phone: row.phone };
  if (sameFields(merged, fieldsOf(stored))) return { ...outcome, status: 'unchanged', complete: stored.complete, newLead: false };
  if (stored.qualifiedAt !== null) {
    throw new ConflictError(`第 ${row.row} 条：C${stored.id} 已经确认（H-4），不能再修改；这条消息的客户记录都没有保存。`, 'record.qualified');
  }
  const latest = input.sentAt.getTime() > stored.sentAt.getTime() ? input.sentAt : stored.sentAt;
  await updateCustomerRecord(tx, stored.id, { ...merged, grade: a.grade, complete: a.complete, sentAt: latest, updatedAt: latest });
  return { ...outcome, status: 'updated', newLead };
}
