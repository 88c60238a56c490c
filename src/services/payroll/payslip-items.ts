import type { PayslipItem } from '../../db/entities/payslip.entity';
import { formatYuan } from '../../domain/money';
import type { PayslipFigures } from '../../domain/payslip';
import type { Policy } from '../../domain/policy';

/** The lines of a pay slip as people read them (H-8), each signed: what it adds or takes. */
export function payslipItems(f: PayslipFigures, p: Policy): PayslipItem[] {
  return [
    { label: '底薪', fen: f.baseFen },
    { label: '有效电话', fen: f.callPayFen, detail: `${f.validCalls} 个 × ${formatYuan(p.pay.validCallFen)} 元` },
    { label: 'A/B 类客户', fen: f.leadBonusFen, detail: `A ${f.aLeads} 个 × ${formatYuan(p.pay.leadBonusFen.A)} 元，B ${f.bLeads} 个 × ${formatYuan(p.pay.leadBonusFen.B)} 元` },
    { label: '回款提成', fen: f.commissionFen, detail: `回款 ${formatYuan(f.collectedFen)} 元 × ${p.pay.commissionBasisPoints / 100}%` },
    { label: '积分奖罚', fen: f.scoreBonusFen, detail: `月底积分 ${f.score}（高于 ${p.score.bonusAbove} 奖，低于 ${p.score.penaltyBelow} 罚）` },
    // 0 − fines, not −fines: no fines is 0, never −0 (which a stored slip reads back as 0).
    { label: '罚款', fen: 0 - f.finesFen },
  ];
}

/** The stored columns that make up a pay slip, for comparing a revision with a fresh one. */
export const PAYSLIP_FIELDS = [
  'baseFen', 'validCalls', 'callPayFen', 'aLeads', 'bLeads', 'leadBonusFen', 'collectedFen', 'commissionFen', 'score', 'scoreBonusFen', 'finesFen', 'totalFen',
] as const;

/** The fields that differ between two pay slips. */
export function changedFields(a: PayslipFigures, b: PayslipFigures): Array<(typeof PAYSLIP_FIELDS)[number]> {
  return PAYSLIP_FIELDS.filter((k) => a[k] !== b[k]);
}
