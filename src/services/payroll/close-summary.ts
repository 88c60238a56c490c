import type { Employee } from '../../db/entities';
import { formatDate, formatMonthWithYear } from '../../domain/date-format';
import { formatYuan } from '../../domain/money';
import type { Policy } from '../../domain/policy';
import type { ClosedSlip } from './month-close-chunk';
import type { CloseMonthResult } from './month-close-service';

/** What the close summary warns about: slips with a negative total, totals a re-close moved by more than the policy amount. */
export interface CloseFlags {
  negative: Array<{ employee: Employee; totalFen: number }>;
  moved: Array<{ employee: Employee; beforeFen: number; afterFen: number }>;
}

/**
 * The flags of a close (H-8): every slip it wrote with a total below zero, and on a re-close
 * every slip whose total moved by more than `payroll.flagChangeFen` from the revision before.
 */
export function closeFlags(r: CloseMonthResult, slips: ClosedSlip[], policy: Policy): CloseFlags {
  return {
    negative: slips.filter((s) => s.figures.totalFen < 0).map((s) => ({ employee: s.employee, totalFen: s.figures.totalFen })),
    moved: r.changes
      .filter((c) => !c.fields.includes('new') && Math.abs(c.after.totalFen - c.before.totalFen) > policy.payroll.flagChangeFen)
      .map((c) => ({ employee: c.employee, beforeFen: c.before.totalFen, afterFen: c.after.totalFen })),
  };
}

const signed = (fen: number) => `${fen > 0 ? '+' : fen < 0 ? '−' : ''}${formatYuan(Math.abs(fen))}`;

/** At most `max` items joined, then 等 N 人/条. */
function listed(items: string[], max: number, unit: string): string {
  return items.length > max ? `${items.slice(0, max).join('；')} 等 ${items.length} ${unit}` : items.join('；');
}

/**
 * The close summary in Chinese, for the admins (the reply to 结算 and the notice after the
 * monthly job): what was written and sent, the changes that were waiting (待重新结算), and the
 * flags; `today` dates the changes' days. `sent`: the changed slips went to their people.
 */
export function closeSummaryText(r: CloseMonthResult, slips: ClosedSlip[], policy: Policy, today: string): string {
  const title = formatMonthWithYear(r.month);
  const max = policy.payroll.summaryMaxNames;
  const person = (e: Pick<Employee, 'no' | 'name'>) => `${e.name}（${e.no}）`;
  const lines: string[] = [];
  if (!r.reclose) {
    const total = slips.reduce((sum, s) => sum + s.figures.totalFen, 0);
    lines.push(`${title}工资已结算：共 ${slips.length} 张工资条，合计 ${formatYuan(total)} 元，已私信发给本人。`);
  } else if (slips.length) {
    const changed = listed(r.changes.map((c) => `${person(c.employee)} ${c.fields.includes('new') ? '新增' : `${formatYuan(c.before.totalFen)} → ${formatYuan(c.after.totalFen)} 元`}`), max, '人');
    lines.push(`${title}工资已重新结算：${slips.length} 人的工资条有变化，已生成新版本并私信发给本人：${changed}。其余人的工资条不变，没有重发。`);
  } else {
    lines.push(`${title}工资已重新结算：没有工资条发生变化，没有生成新版本，也没有发送。`);
  }
  if (r.marked.length) {
    const marks = r.marked.map((m) => `${person(m.employee)}${formatDate(m.workDate, today)} ${m.what}`);
    lines.push(`结算前待重新结算的变化 ${r.marked.length} 条：${listed(marks, max, '条')}。`);
  }
  const flags = closeFlags(r, slips, policy);
  if (flags.negative.length) {
    lines.push(`⚠ 合计为负 ${flags.negative.length} 人：${listed(flags.negative.map((n) => `${person(n.employee)} ${formatYuan(n.totalFen)} 元`), max, '人')}。请核对罚款和扣款。`);
  }
  if (flags.moved.length) {
    const moved = flags.moved.map((m) => `${person(m.employee)} ${formatYuan(m.beforeFen)} → ${formatYuan(m.afterFen)} 元（${signed(m.afterFen - m.beforeFen)}）`);
    lines.push(`⚠ 合计变动超过 ${formatYuan(policy.payroll.flagChangeFen)} 元 ${flags.moved.length} 人：${listed(moved, max, '人')}。`);
  }
  if (r.failures.length) {
    const failed = listed(r.failures.map((f) => `${f.name}（${f.no}）：${f.reason}`), max, '人');
    lines.push(`⚠ ${r.failures.length} 人没能结算（已记入审计日志，其余人已结算）：${failed}。处理后再发送「结算 ${title}」。`);
  }
  // Issue 17: the admin gets the files in the chat, no shell needed (`bot payroll export` still works).
  lines.push(`导出工资表：发送「导出 ${Number(r.month.slice(5, 7))}月」，在聊天里收到 xlsx 和 CSV 文件。`);
  return lines.join('\n');
}

/** The flags for the CLI's outcome line ('' when none): `; negative: E002; moved > 500.00: E001`. */
export function closeFlagsOutcome(r: CloseMonthResult, slips: ClosedSlip[], policy: Policy): string {
  const flags = closeFlags(r, slips, policy);
  const parts: string[] = [];
  if (r.marked.length) parts.push(`resolved ${r.marked.length} pending changes`);
  if (flags.negative.length) parts.push(`negative total: ${flags.negative.map((n) => `${n.employee.no} ${formatYuan(n.totalFen)}`).join(', ')}`);
  if (flags.moved.length) parts.push(`moved > ${formatYuan(policy.payroll.flagChangeFen)}: ${flags.moved.map((m) => `${m.employee.no} ${signed(m.afterFen - m.beforeFen)}`).join(', ')}`);
  return parts.map((p) => `; ${p}`).join('');
}
