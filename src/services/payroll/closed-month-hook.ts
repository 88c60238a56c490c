import { insertMonthChange } from '../../db/stores/month-change-store';
import { findEmployee } from '../../db/stores/org-store';
import { hasFinishedClose } from '../../db/stores/payroll-store';
import type { Tx } from '../../db/stores/tx';
import { formatDate, formatMonthWithYear } from '../../domain/date-format';
import { monthOf, zonedMinute } from '../../domain/dates';
import { employedOn } from '../people';
import type { ServiceContext } from '../service-context';

/**
 * A change to someone's pay facts dated `date`: whose, and what happened, in the admins' words
 * (王强撤销了 P24（迟到 −2 分）). `at`: when it happened (default: now).
 */
export type ClosedMonthChange = { employeeId: number; date: string; what: string; at?: Date };

/** The longest `what` kept (month_changes.what holds 500). */
const WHAT_CHARS = 500;

/**
 * Call in the transaction of any change to pay facts that may be dated in a closed month (a
 * late leave approval, an appeal, a 补卡, a 撤销, a late 回款). When the month of `date` is
 * closed, the change is recorded (month_changes): the employee's slip shows 待重新结算 until
 * the admins' next close of the month (`结算 11月`), which writes the new revision and resolves
 * it. The admins are told once per month and day (the outbox's dedup key); later changes that
 * day are listed by the close. An open month: nothing happens.
 */
export async function onClosedMonthChange(tx: Tx, ctx: ServiceContext, change: ClosedMonthChange): Promise<void> {
  const month = monthOf(change.date);
  if (!(await hasFinishedClose(tx, month))) return;
  const at = change.at ?? new Date();
  const what = [...change.what.trim()].slice(0, WHAT_CHARS).join('');
  await insertMonthChange(tx, { employeeId: change.employeeId, month, workDate: change.date, what, createdAt: at });
  if (!ctx.notify) return;
  const today = zonedMinute(at, ctx.policy.timezone).date;
  const person = await findEmployee(tx, change.employeeId);
  const who = person ? `${person.name}（${person.no}）` : `员工 #${change.employeeId}`;
  const title = formatMonthWithYear(month);
  const text =
    `${title}已结算，之后有变化：${who}${formatDate(change.date, today)}，${what}。${person?.name ?? '其'}的工资条已标为待重新结算。` +
    `\n今天${title}再有变化不再逐条通知。发送「结算 ${title}」重新结算：只有变了的工资条会生成新版本并发给本人，结算结果会列出所有待重新结算的人。`;
  const admins = await employedOn(ctx, today, ['admin']);
  await ctx.notify(admins.map((a) => ({
    intent: { kind: 'send', to: { kind: 'employee', employeeId: a.id }, body: { kind: 'text', text } },
    dedupKey: `month-change:${month}:${today}:${a.id}`,
  })));
}
