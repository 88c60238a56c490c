import { fenFromDb, fenToDb, sumFen } from '../../../src/db/fen';

describe('fen as the database gives it back (BIGINT columns and SUMs, issue 13)', () => {
  test.each<[string, unknown, number | null]>([
    ['a number', 5200000, 5200000],
    ['a negative number', -13793, -13793],
    ["mysql2's BIGINT string", '2147483648', 2147483648],
    ['a DECIMAL SUM string', '6442450942', 6442450942],
    ['a DECIMAL with zero decimals', '120.00', 120],
    ['a bigint (better-sqlite3 safeIntegers)', 9007199254740991n, Number.MAX_SAFE_INTEGER],
    ['the largest safe integer as a string', '9007199254740991', Number.MAX_SAFE_INTEGER],
    ['NULL', null, null],
  ])('%s', (_case, value, expected) => {
    expect(fenFromDb(value)).toBe(expected);
  });

  test.each<[string, unknown]>([
    ['past 2^53 as a string (mysql2 gives these)', '9007199254740993'],
    ['past 2^53 as a rounded number', 9007199254740992],
    ['past 2^53 as a bigint', 9007199254740993n],
    ['a fraction', '1.5'],
    ['not a number', 'abc'],
    ['NaN', Number.NaN],
  ])('refused, never rounded: %s', (_case, value) => {
    expect(() => fenFromDb(value)).toThrow(/not a safe integer/);
  });

  test('writes refuse numbers that are not safe integers and pass anything else through', () => {
    expect(fenToDb(2 ** 31)).toBe(2 ** 31);
    expect(fenToDb(null)).toBeNull();
    expect(() => fenToDb(Number.MAX_SAFE_INTEGER + 1)).toThrow(/not a safe integer/);
    expect(() => fenToDb(0.1 + 0.2)).toThrow(/not a safe integer/);
  });

  test('an empty SUM (NULL) is 0', () => {
    expect(sumFen(null)).toBe(0);
    expect(sumFen('42')).toBe(42);
  });
});
