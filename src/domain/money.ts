/**
 * Money in integer fen, with exact rational arithmetic and one half-up rounding where an amount
 * arises (docs/rules.md "Money and months"). No floating point touches an amount.
 */

/** numerator ÷ denominator rounded half up (away from zero on .5), for integers; denominator > 0. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divRoundHalfUp needs safe integers and a positive denominator');
  }
  const n = BigInt(Math.abs(numerator));
  const d = BigInt(denominator);
  const q = (2n * n + d) / (2n * d);
  return Number(numerator < 0 ? -q : q);
}

/**
 * A fine of `multiplier` × `fractionPct`% of a daily base, where the daily base is the monthly
 * base ÷ (divisorHundredths / 100) (H-9, H-11): rounded once, half up.
 * 1000 yuan, ×3, 100% → 13793 fen; ×3, 50% → 6897 fen.
 */
export function dailyBaseShareFen(baseFen: number, divisorHundredths: number, multiplier: number, fractionPct: number): number {
  return divRoundHalfUp(baseFen * multiplier * fractionPct, divisorHundredths);
}

/** `basisPoints` of an amount (100 bp = 1%), rounded half up once: 1% of 888888 → 8889. */
export function percentOfFen(amountFen: number, basisPoints: number): number {
  return divRoundHalfUp(amountFen * basisPoints, 10000);
}

/** Fen as yuan with two decimals, e.g. 13793 → '137.93', -20000 → '-200.00'. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
