/**
 * The close summary (issue 16; docs/commands.md 结算): what the admins read after a close and
 * what the CLI prints. Flags: totals below zero, re-closed totals that moved by more than
 * `payroll.flagChangeYuan` (strictly more), failures; lists cut at `payroll.summaryMaxNames`.
 */
import type { Employee } from '../../../../src/db/entities';
import type { PayslipFigures } from '../../../../src/domain/payslip';
import { closeFlags, closeFlagsOutcome, closeSummaryText, type ClosedSlip, type CloseMonthResult } from '../../../../src/services/payroll';
import { POLICY } from '../../../helpers/service-context';

const person = (id: number, name: string) => ({ id, no: `E${String(id).padStart(3, '0')}`, name }) as Employee;
const figures = (totalFen: number): PayslipFigures => ({
  baseFen: 100000, validCalls: 0, callPayFen: 0, aLeads: 0, bLeads: 0, leadBonusFen: 0, collectedFen: 0, commissionFen: 0, score: 100, scoreBonusFen: 0, finesFen: 100000 - totalFen, totalFen,
});
const slip = (e: Employee, totalFen: number, revision = 1): ClosedSlip => ({ employee: e, revision, figures: figures(totalFen), items: [], createdAt: new Date(0) });
const result = (over: Partial<CloseMonthResult>): CloseMonthResult => ({
  month: '2026-11', alreadyClosed: false, created: 0, written: [], changes: [], failures: [], marked: [], reclose: false, runId: 1, ...over,
});
const policy = { ...POLICY, payroll: { ...POLICY.payroll, flagChangeFen: 50000, summaryMaxNames: 2 } };

describe('close summary (issue 16, H-8)', () => {
  const [zhang, li, wang, zhao] = [person(1, '张伟'), person(2, '李娜'), person(3, '王强'), person(4, '赵敏')];

  test('a first close: count, total, negative totals flagged, the export command', () => {
    const slips = [slip(zhang, 100000), slip(li, -5690)];
    const text = closeSummaryText(result({ created: 2, written: [zhang, li] }), slips, policy, '2026-12-01');
    expect(text.split('\n')).toEqual([
      '2026年11月工资已结算：共 2 张工资条，合计 943.10 元，已私信发给本人。',
      '⚠ 合计为负 1 人：李娜（E002） -56.90 元。请核对罚款和扣款。',
      '导出工资表：发送「导出 11月」，在聊天里收到 xlsx 和 CSV 文件。',
    ]);
    expect(closeFlagsOutcome(result({}), slips, policy)).toBe('; negative total: E002 -56.90');
  });

  test('a re-close: moved by more than the policy amount is flagged, exactly the amount is not; the list is cut at summaryMaxNames', () => {
    const change = (e: Employee, before: number, after: number) => ({ employee: e, before: figures(before), after: figures(after), fields: ['finesFen', 'totalFen'] });
    const changes = [change(zhang, 100000, 49999), change(li, 100000, 50000), change(wang, 100000, 150001), change(zhao, 0, 10)];
    const r = result({ reclose: true, changes, marked: [{ employee: zhang, workDate: '2026-11-20', what: '王强撤销了 P1' }] });
    expect(closeFlags(r, [], policy).moved.map((m) => m.employee.name)).toEqual(['张伟', '王强']);
    const text = closeSummaryText(r, changes.map((c) => slip(c.employee, c.after.totalFen, 2)), policy, '2026-12-04');
    expect(text).toContain('4 人的工资条有变化，已生成新版本并私信发给本人：张伟（E001） 1000.00 → 499.99 元；李娜（E002） 1000.00 → 500.00 元 等 4 人。');
    expect(text).toContain('结算前待重新结算的变化 1 条：张伟（E001）11月20日 王强撤销了 P1。');
    expect(text).toContain('⚠ 合计变动超过 500.00 元 2 人：张伟（E001） 1000.00 → 499.99 元（−500.01）；王强（E003） 1000.00 → 1500.01 元（+500.01）。');
    expect(closeFlagsOutcome(r, [], policy)).toBe('; resolved 1 pending changes; moved > 500.00: E001 −500.01, E003 +500.01');
  });

  test('a re-close with nothing changed, and failures', () => {
    const r = result({ reclose: true, failures: [{ employeeId: 2, no: 'E002', name: '李娜', reason: 'value out of range' }] });
    expect(closeSummaryText(r, [], policy, '2026-12-04').split('\n').slice(0, 2)).toEqual([
      '2026年11月工资已重新结算：没有工资条发生变化，没有生成新版本，也没有发送。',
      '⚠ 1 人没能结算（已记入审计日志，其余人已结算）：李娜（E002）：value out of range。处理后再发送「结算 2026年11月」。',
    ]);
    expect(closeFlagsOutcome(r, [], policy)).toBe('');
  });
});
