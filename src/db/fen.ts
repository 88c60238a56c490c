/**
 * Fen as the database gives it back. A BIGINT column, or a SUM (DECIMAL on MySQL), comes as a
 * number, a string (mysql2 past 2^53, or with bigNumberStrings) or a bigint (better-sqlite3
 * with safeIntegers): each is read into a number only when it is a safe integer, so pay is
 * never worked out on a rounded amount.
 */

function refuse(value: unknown): never {
  throw new RangeError(`amount in fen is not a safe integer: ${String(value)}`);
}

/** A fen value read from the database: null stays null; anything but a safe integer throws. */
export function fenFromDb(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+(?:\.0+)?$/.test(value.trim())) n = Number(value.trim());
  else return refuse(value);
  if (typeof value === 'bigint' && BigInt(n) !== value) return refuse(value);
  return Number.isSafeInteger(n) ? n : refuse(value);
}

/** A fen value about to be written: a number must be a safe integer; anything else (null, a FindOperator) passes. */
export function fenToDb(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) refuse(value);
  return value;
}

/** A SUM or COUNT of fen from a raw query: as {@link fenFromDb}, with SQL's NULL of an empty SUM as 0. */
export function sumFen(value: unknown): number {
  return fenFromDb(value) ?? 0;
}
