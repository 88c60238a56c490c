import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import type { CustomerRecord } from '../../db/entities';
import { appendAudit } from '../../db/stores/audit-store';
import { findEmployee } from '../../db/stores/org-store';
import { customerRecord, findCustomerRecord, lockCustomerRecord, qualifyRecord } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { Person, qualifiesLeads } from '../../domain/authority';
import { checksIn, missingChecks } from '../../domain/lead-checks';
import type { ServiceContext } from '../service-context';
import { formatZonedDateTime } from '../../domain/date-format';
import { zonedMinute } from '../../domain/dates';
import { QUALIFY_EXAMPLE, QUALIFY_FOR_EXAMPLE } from './report-rules';
import { writeTransaction } from '../../db/transaction';

/** Input of {@link qualifyLead}: the 确认 command, parsed. */
export interface QualifyLeadInput {
  actor: Person;
  /** The record's id (C<id>). */
  recordId: number;
  /** The salesperson who visited and signed, when a supervisor or admin enters it for them. */
  visitedBy?: Person | null;
  /** What was checked: must state 已拜访, 档案完整 and 已签字 (H-4), and may say more. */
  note?: string | null;
  /** When the platform says the 确认 was sent: the lead counts for pay in this month. */
  at: Date;
}

/** The audit action of a qualification. */
export const QUALIFY_ACTION = 'lead.qualify';

/** The salesperson who visited: the actor, or the one a supervisor or admin names. */
function visitorOf(actor: Person, agent: Person, visitedBy: Person | null | undefined): Person {
  if (actor.role === 'salesperson') {
    if (visitedBy && visitedBy.id !== actor.id) throw new ForbiddenError('业务员只能以自己的名义确认客户（H-4）。', 'lead.visitor-self');
    return actor;
  }
  if (!visitedBy) {
    throw new UserError('请写明拜访并签字的业务员（H-4）。', QUALIFY_FOR_EXAMPLE, 'lead.visitor-missing');
  }
  if (visitedBy.role !== 'salesperson' || visitedBy.teamId === null || visitedBy.teamId !== agent.teamId) {
    throw new UserError('拜访人必须是该销售员所在组的业务员（H-4）。', QUALIFY_FOR_EXAMPLE, 'lead.visitor-team');
  }
  return visitedBy;
}

async function alreadyQualified(tx: Tx, record: CustomerRecord, policy: ServiceContext['policy'], at: Date): Promise<ConflictError> {
  const by = record.qualifiedBy === null ? null : await findEmployee(tx, record.qualifiedBy);
  const when = record.qualifiedAt ? formatZonedDateTime(record.qualifiedAt, policy.timezone, zonedMinute(at, policy.timezone).date) : '之前';
  return new ConflictError(`C${record.id} 已于 ${when} 由${by ? ` ${by.name} ` : '他人'}确认，不能重复确认（H-4）。`, 'lead.qualified');
}

/**
 * Qualifies an A/B lead (H-4): only a complete A or B record, and only when the note states
 * all three checks (已拜访 档案完整 已签字; the missing ones are named); by a salesperson of the agent's
 * team (as themselves), or the team's supervisor or an admin entering it for such a
 * salesperson. Records who entered it, who visited, when and the note, with an audit row.
 * A second qualification is a conflict naming the first.
 */
export async function qualifyLead(ctx: ServiceContext, input: QualifyLeadInput): Promise<CustomerRecord> {
  const note = input.note?.trim() || null;
  return writeTransaction(ctx.ds, async (tx) => {
    const record = await findCustomerRecord(tx, input.recordId);
    if (!record) throw new NotFoundError(`没有找到客户记录 C${input.recordId}。`, 'lead.not-found');
    const agent = await findEmployee(tx, record.agentId);
    if (!agent || !qualifiesLeads(input.actor, agent)) {
      throw new ForbiddenError('只有该销售员所在组的业务员、主管或管理员可以确认客户（H-4）。', 'lead.forbidden');
    }
    if (record.qualifiedAt !== null) throw await alreadyQualified(tx, record, ctx.policy, input.at);
    const payGrades: string[] = ctx.policy.customerRecord.payGrades;
    if (!record.complete || !payGrades.includes(record.grade)) {
      const why = !record.complete ? '这条记录信息不完整' : `这条记录是 ${record.grade} 类`;
      throw new UserError(`C${record.id} 不能确认：${why}。只有信息完整的 ${payGrades.join('/')} 类客户，经业务员拜访并签字后才能确认（H-4）。`, QUALIFY_EXAMPLE, 'lead.not-qualifiable');
    }
    const missing = missingChecks(checksIn(note ?? ''));
    if (missing.length) {
      const example = input.actor.role === 'salesperson' ? QUALIFY_EXAMPLE : QUALIFY_FOR_EXAMPLE;
      const named = missing.map((c) => `「${c}」`).join('');
      throw new UserError(
        `C${record.id} 还不能确认：没有写明${named}。业务员拜访过、客户档案填写完好、业务员签字后，三项都写明才能确认（H-4）。`, example, 'lead.checks',
      );
    }
    const visitor = visitorOf(input.actor, agent, input.visitedBy);
    const changed = await qualifyRecord(tx, record.id, { qualifiedBy: input.actor.id, visitedBy: visitor.id, qualifiedAt: input.at, qualificationNote: note, updatedAt: input.at });
    // Lost a race with another 确认: read the winner's row as committed (a locking read on MySQL).
    if (!changed) throw await alreadyQualified(tx, await lockCustomerRecord(tx, record.id), ctx.policy, input.at);
    await appendAudit(tx, {
      actorId: input.actor.id, actor: null, action: QUALIFY_ACTION, subjectType: 'customer_record', subjectId: String(record.id),
      details: { agentId: record.agentId, grade: record.grade, visitedBy: visitor.id, note }, at: input.at,
    });
    return customerRecord(tx, record.id);
  });
}
