import { compareEmployeeNo, rankRows } from '../../../src/domain/ranking';

describe('compareEmployeeNo: natural, locale-free order of employee numbers', () => {
  test.each<[string, string, number]>([
    ['E2', 'E10', -1],
    ['E10', 'E2', 1],
    ['E001', 'E002', -1],
    ['A9', 'B1', -1],
    ['E01', 'E1', -1], // equal naturally: by code unit, so the order is still total
    ['E1', 'E1', 0],
    ['T3-a', 'T3-b', -1],
    ['T12-a', 'T3-a', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareEmployeeNo(a, b))).toBe(sign);
  });
});

describe('rankRows (H-6): valid calls, then leads, then points, then employee number', () => {
  const row = (no: string, validCalls: number, leads: number, points: number) => ({ no, validCalls, leads, points });

  test('each key decides only when the ones before it tie', () => {
    const ranked = rankRows([
      row('E5', 10, 0, 0),
      row('E4', 12, 0, -20),
      row('E3', 10, 2, -5),
      row('E2', 10, 2, 0),
      row('E10', 10, 0, 0),
      row('E1', 9, 9, 9),
    ]);
    expect(ranked.map((r) => [r.rank, r.no])).toEqual([
      [1, 'E4'], // most calls, whatever its points
      [2, 'E2'], // 10 calls, 2 leads, 0 points
      [3, 'E3'], // 10 calls, 2 leads, −5 points
      [4, 'E5'], // 10 calls, 0 leads, 0 points: E5 before E10 by number
      [5, 'E10'],
      [6, 'E1'], // fewer calls: last, however many leads and points
    ]);
  });

  test('does not reorder its input', () => {
    const input = [row('E2', 1, 0, 0), row('E1', 1, 0, 0)];
    rankRows(input);
    expect(input.map((r) => r.no)).toEqual(['E2', 'E1']);
  });
});
