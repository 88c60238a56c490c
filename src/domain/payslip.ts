import { dailyBaseShareFen, divRoundHalfUp, percentOfFen } from './money';
import type { Policy } from './policy';

/** The month's facts behind a pay slip (H-8), all counted for that month. */
export interface PayFacts {
  /** The employee's monthly base in fen (their own, else the policy's). */
  monthlyBaseFen: number;
  /** Workdays of the month, and those within the employment dates (equal for a full month). */
  monthWorkdays: number;
  employedWorkdays: number;
  /** Half days of approved personal leave (only used when the policy makes it unpaid). */
  personalLeaveHalfDays: number;
  validCalls: number;
  aLeads: number;
  bLeads: number;
  collectedFen: number;
  /** Sum of the month's ledger points and fines (reversals included, so they cancel). */
  pointsTotal: number;
  finesFen: number;
}

/** A computed pay slip in fen. */
export interface PayslipFigures {
  baseFen: number;
  validCalls: number;
  callPayFen: number;
  aLeads: number;
  bLeads: number;
  leadBonusFen: number;
  collectedFen: number;
  commissionFen: number;
  score: number;
  scoreBonusFen: number;
  finesFen: number;
  totalFen: number;
}

/**
 * The month's base: the full base for a full month; for a month an employee joins or leaves,
 * base ÷ 21.75 × the workdays employed, never more than the base; less unpaid personal leave
 * when the policy says so. Rounded half up once.
 */
export function monthBaseFen(f: PayFacts, p: Policy): number {
  const divisor = p.pay.dailyBaseDivisorHundredths;
  const full = f.employedWorkdays >= f.monthWorkdays;
  let base = full ? f.monthlyBaseFen : Math.min(f.monthlyBaseFen, dailyBaseShareFen(f.monthlyBaseFen, divisor, f.employedWorkdays, 100));
  if (p.leave.personalLeaveUnpaid && f.personalLeaveHalfDays > 0) {
    base = Math.max(0, base - divRoundHalfUp(f.monthlyBaseFen * 100 * f.personalLeaveHalfDays, divisor * 2));
  }
  return base;
}

/**
 * H-8 and H-10: base + valid calls × rate + qualified A/B × bonus + commission on collections
 * + score bonus − fines, each line rounded half up once where it arises.
 */
export function computePayslip(f: PayFacts, p: Policy): PayslipFigures {
  const baseFen = monthBaseFen(f, p);
  const callPayFen = f.validCalls * p.pay.validCallFen;
  const leadBonusFen = f.aLeads * p.pay.leadBonusFen.A + f.bLeads * p.pay.leadBonusFen.B;
  const commissionFen = percentOfFen(f.collectedFen, p.pay.commissionBasisPoints);
  const score = p.score.start + f.pointsTotal;
  const scoreBonusFen = scoreBonus(score, p);
  const totalFen = baseFen + callPayFen + leadBonusFen + commissionFen + scoreBonusFen - f.finesFen;
  return {
    baseFen, validCalls: f.validCalls, callPayFen, aLeads: f.aLeads, bLeads: f.bLeads, leadBonusFen,
    collectedFen: f.collectedFen, commissionFen, score, scoreBonusFen, finesFen: f.finesFen, totalFen,
  };
}

/** H-10, compared strictly: 121 earns the bonus, 120 nothing; 79 loses the penalty, 80 nothing. */
export function scoreBonus(score: number, p: Policy): number {
  if (score > p.score.bonusAbove) return p.score.bonusFen;
  if (score < p.score.penaltyBelow) return -p.score.penaltyFen;
  return 0;
}
