import { randomUUID } from 'node:crypto';
import type { Employee, PointEntry } from '../../db/entities';
import { isDuplicateKey } from '../../db/errors';
import { appendAudit } from '../../db/stores/audit-store';
import { addEntry, findEntry, findReversalOf, lockEntry, lockReversalOf } from '../../db/stores/ledger-store';
import { employee, findEmployee } from '../../db/stores/org-store';
import type { Tx } from '../../db/stores/tx';
import { inTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, UserError } from '../../core/errors';
import { supervises } from '../../domain/authority';
import { formatZonedDateTime } from '../../domain/date-format';
import { monthOf, zonedMinute } from '../../domain/dates';
import { formatYuan } from '../../domain/money';
import type { MisconductRule } from '../../domain/policy';
import type { ServiceContext } from '../service-context';
import { onClosedMonthChange } from '../payroll/closed-month-hook';
import { reversalOf } from './reversal';

/** A supervisor's entry: a misconduct by name (H-15…H-19, with an optional note), or points with a free reason. */
export type ManualEntryInput =
  | { kind: 'misconduct'; name: string; note?: string }
  | { kind: 'deduct'; points: number; reason: string }
  | { kind: 'award'; points: number; reason: string };

/** Finds a misconduct by its name or an alias. */
export function findMisconduct(rules: MisconductRule[], word: string): MisconductRule | undefined {
  const w = word.trim();
  return rules.find((m) => m.name === w || m.aliases.includes(w));
}

function assertSupervises(actor: Employee, target: Employee): void {
  if (actor.id === target.id) throw new ForbiddenError('不能给自己扣分、加分或撤销自己的记录。', 'ledger.self');
  if (!supervises(actor, target)) {
    throw new ForbiddenError(`只有${target.name}所在组的主管或管理员可以这样做。`, 'ledger.team');
  }
}

function entryFields(ctx: ServiceContext, input: ManualEntryInput): Pick<PointEntry, 'points' | 'fineFen' | 'rule' | 'code' | 'reason'> {
  if (input.kind === 'misconduct') {
    const m = findMisconduct(ctx.policy.misconduct, input.name);
    if (!m) {
      const names = ctx.policy.misconduct.map((r) => r.name).join('、');
      throw new UserError(`没有“${input.name}”这一项。可用的扣分项：${names}；或写分数和原因。`, '扣分 @张三 值日', 'ledger.misconduct');
    }
    const note = input.note?.trim();
    return { points: m.points, fineFen: m.fineFen, rule: m.rule, code: `misconduct:${m.name}`, reason: note ? `${m.name}：${note}` : m.name };
  }
  if (!Number.isInteger(input.points) || input.points <= 0 || input.points > 100) {
    throw new UserError('分数应为 1 到 100 的整数。', input.kind === 'award' ? '加分 @李四 5 客户表扬' : '扣分 @张三 3 态度问题', 'ledger.points');
  }
  if (!input.reason.trim()) {
    throw new UserError('请写明原因。', input.kind === 'award' ? '加分 @李四 5 客户表扬' : '扣分 @张三 3 态度问题', 'ledger.reason');
  }
  const sign = input.kind === 'award' ? 1 : -1;
  return { points: sign * input.points, fineFen: 0, rule: input.kind, code: input.kind, reason: input.reason.trim() };
}

/**
 * Adds a supervisor's deduction or award for `target` on the day of `at` (or `workDate`). Only
 * the target's team supervisor or an admin; every entry records who, when and why.
 */
export async function addManualEntry(
  ctx: ServiceContext,
  args: { actor: Employee; target: Employee; input: ManualEntryInput; at: Date; workDate?: string },
): Promise<PointEntry> {
  assertSupervises(args.actor, args.target);
  const fields = entryFields(ctx, args.input);
  const workDate = args.workDate ?? zonedMinute(args.at, ctx.policy.timezone).date;
  return inTransaction(ctx.ds, (tx) =>
    addEntry(tx, {
      ...fields,
      employeeId: args.target.id,
      month: monthOf(workDate),
      workDate,
      sourceType: 'manual',
      sourceId: randomUUID(),
      generation: 0,
      createdBy: args.actor.id,
      reversesId: null,
      createdAt: args.at,
    }),
  );
}

/**
 * Reverses a ledger entry with a new one (撤销): nothing is edited or deleted. Reversing an
 * automatic entry waives it for good. An entry is reversed at most once (a unique key).
 */
export async function reverseEntry(
  ctx: ServiceContext,
  args: { actor: Employee; entryId: number; reason: string; at: Date },
): Promise<{ reversal: PointEntry; original: PointEntry }> {
  if (!args.reason.trim()) throw new UserError('请写明撤销原因。', '撤销 P1288 误扣', 'ledger.reason');
  return inTransaction(ctx.ds, async (tx) => {
    const original = await findEntry(tx, args.entryId);
    if (!original) throw new NotFoundError(`没有积分记录 P${args.entryId}。`);
    const target = await employee(tx, original.employeeId);
    assertSupervises(args.actor, target);
    if (original.reversesId !== null) throw new UserError(`P${original.id} 本身是一条撤销记录，不能再撤销。`, undefined, 'ledger.reverse-reversal');
    const existing = await findReversalOf(tx, original.id);
    if (existing) throw await alreadyReversed(tx, ctx, original, existing, args.at);
    const reversal = await addEntry(tx, reversalOf(original, { by: args.actor.id, reason: args.reason.trim(), at: args.at }));
    await appendAudit(tx, {
      actorId: args.actor.id, actor: null, action: 'ledger.reverse', subjectType: 'point_entry', subjectId: String(original.id),
      details: { reversalId: reversal.id, reason: args.reason.trim() }, at: args.at,
    });
    await onClosedMonthChange(tx, ctx, { employeeId: original.employeeId, date: original.workDate, what: `${args.actor.name}撤销了 P${original.id}（${entryWords(original)}），原因：${args.reason.trim()}`, at: args.at });
    return { reversal, original };
  }).catch(async (e: unknown) => {
    if (!isDuplicateKey(e)) throw e;
    // Inside a chat turn this joins the turn's transaction: on MySQL a plain read would see its
    // snapshot, without the reversal that won; the locking read sees it.
    throw await inTransaction(ctx.ds, async (tx) => {
      const existing = await lockReversalOf(tx, args.entryId);
      return alreadyReversed(tx, ctx, await lockEntry(tx, args.entryId), existing, args.at);
    });
  });
}

/** An entry in the admins' words: its reason or rule, its points and fine (迟到 −2 分 罚 10.00 元). */
function entryWords(e: PointEntry): string {
  const fine = e.fineFen ? ` 罚 ${formatYuan(e.fineFen)} 元` : '';
  return `${e.reason ?? e.code} ${e.points > 0 ? '+' : ''}${e.points} 分${fine}`;
}

async function alreadyReversed(tx: Tx, ctx: ServiceContext, original: PointEntry, reversal: PointEntry, at: Date): Promise<ConflictError> {
  const who = reversal.createdBy ? (await findEmployee(tx, reversal.createdBy))?.name ?? '某人' : '系统';
  const when = formatZonedDateTime(reversal.createdAt, ctx.policy.timezone, zonedMinute(at, ctx.policy.timezone).date);
  return new ConflictError(`P${original.id} 已由${who}于 ${when} 撤销（P${reversal.id}）。`, 'ledger.already-reversed');
}
