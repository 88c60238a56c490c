import path from 'node:path';
import fc from 'fast-check';
import { loadPolicy } from '../../../src/config/policy-loader';
import { computePayslip, scoreBonus, type PayFacts } from '../../../src/domain/payslip';
import { dailyBaseShareFen, divRoundHalfUp } from '../../../src/domain/money';

// Properties of the pay slip (H-8, H-9, H-10 and "Money and months") over random months.
const policy = loadPolicy(path.join(__dirname, '../../../config/policy.yaml'));
const RUNS = { seed: 20261203, numRuns: 1000 };

const payFacts: fc.Arbitrary<PayFacts> = fc
  .record({
    monthlyBaseFen: fc.integer({ min: 0, max: 5_000_000 }),
    monthWorkdays: fc.integer({ min: 15, max: 23 }),
    employedShare: fc.integer({ min: 0, max: 100 }),
    personalLeaveHalfDays: fc.integer({ min: 0, max: 10 }),
    validCalls: fc.integer({ min: 0, max: 5000 }),
    aLeads: fc.integer({ min: 0, max: 50 }),
    bLeads: fc.integer({ min: 0, max: 50 }),
    collectedFen: fc.integer({ min: 0, max: 1_000_000_000 }),
    pointsTotal: fc.integer({ min: -300, max: 100 }),
    finesFen: fc.integer({ min: 0, max: 2_000_000 }),
  })
  .map(({ employedShare, ...f }) => ({ ...f, employedWorkdays: Math.min(f.monthWorkdays, Math.round((f.monthWorkdays * employedShare) / 100)) }));

describe('pay slip properties', () => {
  test('H-8 every line is whole fen and the total is base + calls + leads + commission + score bonus − fines', () => {
    fc.assert(
      fc.property(payFacts, (f) => {
        const p = computePayslip(f, policy);
        for (const v of Object.values(p)) expect(Number.isSafeInteger(v)).toBe(true);
        expect(p.totalFen).toBe(p.baseFen + p.callPayFen + p.leadBonusFen + p.commissionFen + p.scoreBonusFen - p.finesFen);
        expect(p.callPayFen).toBe(f.validCalls * 50);
        expect(p.leadBonusFen).toBe(f.aLeads * 10000 + f.bLeads * 5000);
        expect(p.finesFen).toBe(f.finesFen);
      }),
      RUNS,
    );
  });

  test('H-8 the commission is 1% of the month\'s collections, rounded half up once', () => {
    fc.assert(
      fc.property(payFacts, (f) => {
        const { commissionFen } = computePayslip(f, policy);
        // 100 × commission is within half a fen of the amount collected: |100c − x| ≤ 50, and .5 rounds up.
        expect(Math.abs(100 * commissionFen - f.collectedFen)).toBeLessThanOrEqual(50);
        if (100 * commissionFen - f.collectedFen === -50) throw new Error('half a fen rounded down');
      }),
      RUNS,
    );
  });

  test('H-10 the score is 100 + the month\'s points; above 120 earns 200 yuan, below 80 loses 200, the bounds themselves nothing', () => {
    fc.assert(
      fc.property(payFacts, (f) => {
        const { score, scoreBonusFen } = computePayslip(f, policy);
        expect(score).toBe(100 + f.pointsTotal);
        expect(scoreBonusFen).toBe(score > 120 ? 20000 : score < 80 ? -20000 : 0);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }), (a, b) => {
        // More points never pay less.
        if (a <= b) expect(scoreBonus(a, policy)).toBeLessThanOrEqual(scoreBonus(b, policy));
      }),
      RUNS,
    );
  });

  test('H-9 a month an employee joins or leaves pays base ÷ 21.75 × the workdays employed, never more than the base; a full month the base', () => {
    fc.assert(
      fc.property(payFacts, (f) => {
        const { baseFen } = computePayslip(f, policy);
        expect(baseFen).toBeLessThanOrEqual(f.monthlyBaseFen);
        expect(baseFen).toBeGreaterThanOrEqual(0);
        if (f.employedWorkdays >= f.monthWorkdays) expect(baseFen).toBe(f.monthlyBaseFen);
        else expect(baseFen).toBe(Math.min(f.monthlyBaseFen, dailyBaseShareFen(f.monthlyBaseFen, 2175, f.employedWorkdays, 100)));
      }),
      RUNS,
    );
  });

  test('money: divRoundHalfUp is the exact quotient rounded half away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const q = divRoundHalfUp(n, d);
        // |n/d − q| ≤ 1/2, with a tie going away from zero: compare 2·|n − q·d| with d exactly.
        const twice = 2n * (BigInt(n) - BigInt(q) * BigInt(d));
        const abs = twice < 0n ? -twice : twice;
        expect(abs <= BigInt(d)).toBe(true);
        if (abs === BigInt(d)) expect(Math.abs(q)).toBeGreaterThan(Math.abs(n / d));
      }),
      RUNS,
    );
  });
});
