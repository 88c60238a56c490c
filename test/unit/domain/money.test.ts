import path from 'node:path';
import { loadPolicy } from '../../../src/config/policy-loader';
import { dailyBaseShareFen, divRoundHalfUp, formatYuan, percentOfFen } from '../../../src/domain/money';

const policy = loadPolicy(path.join(__dirname, '../../../config/policy.yaml'));
const DIVISOR = policy.pay.dailyBaseDivisorHundredths; // 21.75 → 2175

describe('divRoundHalfUp: one half-up rounding (H-8, edges "Money and months")', () => {
  test.each<[string, number, number, number]>([
    ['H-8 5/2 = 2.5 rounds up to 3', 5, 2, 3],
    ['H-8 -5/2 = -2.5 rounds away from zero to -3', -5, 2, -3],
    ['H-8 7/2 = 3.5 → 4', 7, 2, 4],
    ['H-8 -7/2 = -3.5 → -4', -7, 2, -4],
    ['H-8 4/2 exact', 4, 2, 2],
    ['H-8 1/3 = 0.33 → 0', 1, 3, 0],
    ['H-8 2/3 = 0.67 → 1', 2, 3, 1],
    ['H-8 -1/3 → 0 (not -0)', -1, 3, 0],
    ['H-8 -2/3 → -1', -2, 3, -1],
    ['H-8 0/7 = 0', 0, 7, 0],
    ['H-8 1/1', 1, 1, 1],
    ['H-9 whole absent day, 1000-yuan base: 100000 × 3 × 100 / 2175 = 13793.10… → 13793', 30000000, 2175, 13793],
    ['H-9 half absent day, 1000-yuan base: 100000 × 3 × 50 / 2175 = 6896.55… → 6897', 15000000, 2175, 6897],
    ['H-8 1% of 888888 fen: 8888.88 → 8889', 88888800, 10000, 8889],
    ['H-8 exact .5 on a large amount: 12345 × 10000 + 5000 over 10000', 123455000, 10000, 12346],
    ['H-8 just under .5 rounds down', 123454999, 10000, 12345],
    ['H-8 large safe integers stay exact', Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
  ])('%s', (_title, n, d, expected) => {
    const q = divRoundHalfUp(n, d);
    expect(q).toBe(expected);
    expect(Object.is(q, -0)).toBe(false);
  });

  test.each<[string, number, number]>([
    ['H-8 a zero denominator', 1, 0],
    ['H-8 a negative denominator', 1, -2],
    ['H-8 a fractional numerator (no floats near money)', 1.5, 2],
    ['H-8 a fractional denominator', 3, 2.5],
    ['H-8 an unsafe integer', 2 ** 60, 3],
    ['H-8 NaN', Number.NaN, 3],
  ])('refuses %s', (_title, n, d) => {
    expect(() => divRoundHalfUp(n, d)).toThrow(RangeError);
  });
});

describe('dailyBaseShareFen: fines as a share of the daily base (H-9, H-11)', () => {
  test.each<[string, number, number, number, number]>([
    ['H-9/H-11 1000-yuan base, whole day ×3 = 13793 fen', 100000, 3, 100, 13793],
    ['H-9/H-11 1000-yuan base, half day ×3 = 6897 fen', 100000, 3, 50, 6897],
    ['H-9 1000-yuan base, one daily base = 4597.70… → 4598', 100000, 1, 100, 4598],
    ['H-9/H-11 1200-yuan base, whole day = round(120000 × 3 / 21.75) = 16552', 120000, 3, 100, 16552],
    ['H-9/H-11 1200-yuan base, half day = 8276', 120000, 3, 50, 8276],
    ['H-9/H-11 a zero base fines nothing', 0, 3, 100, 0],
  ])('%s', (_title, base, multiplier, pct, expected) => {
    expect(dailyBaseShareFen(base, DIVISOR, multiplier, pct)).toBe(expected);
  });

  test('H-9 the divisor is the policy value 21.75', () => {
    expect(DIVISOR).toBe(2175);
  });
});

describe('percentOfFen: commission in basis points (H-8)', () => {
  test.each<[string, number, number, number]>([
    ['H-8 1% of 888888 fen = 8888.88 → 8889', 888888, 100, 8889],
    ['H-8 1% of 50 fen = 0.5 → 1 (half up)', 50, 100, 1],
    ['H-8 1% of 49 fen = 0.49 → 0', 49, 100, 0],
    ['H-8 1% of 1000000 fen exactly', 1000000, 100, 10000],
    ['H-8 100% is the amount', 12345, 10000, 12345],
    ['H-8 0% is nothing', 12345, 0, 0],
    ['H-8 the policy commission on 888888 fen', 888888, policy.pay.commissionBasisPoints, 8889],
  ])('%s', (_title, amount, bp, expected) => {
    expect(percentOfFen(amount, bp)).toBe(expected);
  });
});

describe('formatYuan: fen shown as yuan (H-8)', () => {
  test.each<[string, number, string]>([
    ['H-8 13793 fen', 13793, '137.93'],
    ['H-8 6897 fen', 6897, '68.97'],
    ['H-8 zero', 0, '0.00'],
    ['H-8 one fen', 1, '0.01'],
    ['H-8 five fen', 5, '0.05'],
    ['H-8 ten fen', 10, '0.10'],
    ['H-8 99 fen', 99, '0.99'],
    ['H-8 one yuan', 100, '1.00'],
    ['H-10 −200 yuan penalty', -20000, '-200.00'],
    ['H-11 minus a half-day fine', -6897, '-68.97'],
    ['H-8 minus one fen', -1, '-0.01'],
    ['H-8 minus five fen', -5, '-0.05'],
    ['H-8 minus 99 fen', -99, '-0.99'],
    ['H-8 a large amount', 123456789, '1234567.89'],
  ])('%s → %s', (_title, fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
