import { Half, LeaveCover, LeaveSpan, isValidSpan, leaveCover, spanCover } from '../../../src/domain/leave-halves';

const span = (startDate: string, startHalf: Half, endDate: string, endHalf: Half): LeaveSpan => ({ startDate, startHalf, endDate, endHalf });

describe('spanCover: the half days one request covers (H-14)', () => {
  const pmToAm = span('2026-12-03', 'pm', '2026-12-04', 'am');
  const threeDays = span('2026-12-01', 'am', '2026-12-03', 'pm');
  const pmToPm = span('2026-12-01', 'pm', '2026-12-03', 'pm');

  test.each<[string, LeaveSpan, string, LeaveCover]>([
    ['H-14 12-03 pm → 12-04 am: the day before is not covered', pmToAm, '2026-12-02', 'none'],
    ['H-14 12-03 pm → 12-04 am: the afternoon of the 3rd', pmToAm, '2026-12-03', 'pm'],
    ['H-14 12-03 pm → 12-04 am: the morning of the 4th', pmToAm, '2026-12-04', 'am'],
    ['H-14 12-03 pm → 12-04 am: the day after is not covered', pmToAm, '2026-12-05', 'none'],
    ['H-14 a morning only', span('2026-12-03', 'am', '2026-12-03', 'am'), '2026-12-03', 'am'],
    ['H-14 an afternoon only', span('2026-12-03', 'pm', '2026-12-03', 'pm'), '2026-12-03', 'pm'],
    ['H-14 one whole day', span('2026-12-03', 'am', '2026-12-03', 'pm'), '2026-12-03', 'full'],
    ['H-14 three whole days: the first', threeDays, '2026-12-01', 'full'],
    ['H-14 three whole days: the middle', threeDays, '2026-12-02', 'full'],
    ['H-14 three whole days: the last', threeDays, '2026-12-03', 'full'],
    ['H-14 from an afternoon: the first day is pm', pmToPm, '2026-12-01', 'pm'],
    ['H-14 from an afternoon: the middle is full', pmToPm, '2026-12-02', 'full'],
    ['H-14 to an afternoon: the last day is full', pmToPm, '2026-12-03', 'full'],
    ['H-14 across a month end', span('2026-11-30', 'pm', '2026-12-01', 'am'), '2026-12-01', 'am'],
    ['H-14 an invalid span (same day pm → am) covers nothing', span('2026-12-03', 'pm', '2026-12-03', 'am'), '2026-12-03', 'none'],
    ['H-14 an invalid span (ends before it starts) covers nothing', span('2026-12-04', 'am', '2026-12-03', 'pm'), '2026-12-03', 'none'],
  ])('%s', (_title, s, date, cover) => {
    expect(spanCover(s, date)).toBe(cover);
  });
});

describe('leaveCover: the union of approved requests (H-14)', () => {
  test.each<[string, LeaveSpan[], string, LeaveCover]>([
    ['H-14 no request: none', [], '2026-12-03', 'none'],
    ['H-14 a morning and an afternoon make a full day', [span('2026-12-03', 'am', '2026-12-03', 'am'), span('2026-12-03', 'pm', '2026-12-03', 'pm')], '2026-12-03', 'full'],
    ['H-14 two mornings are a morning', [span('2026-12-03', 'am', '2026-12-03', 'am'), span('2026-12-02', 'am', '2026-12-03', 'am')], '2026-12-03', 'am'],
    ['H-14 pm→am and am→am on the 4th', [span('2026-12-03', 'pm', '2026-12-04', 'am'), span('2026-12-04', 'am', '2026-12-04', 'am')], '2026-12-04', 'am'],
    ['H-14 pm→am then a pm on the 4th: full', [span('2026-12-03', 'pm', '2026-12-04', 'am'), span('2026-12-04', 'pm', '2026-12-05', 'pm')], '2026-12-04', 'full'],
    ['H-14 a full day wins over a half', [span('2026-12-03', 'pm', '2026-12-03', 'pm'), span('2026-12-01', 'am', '2026-12-05', 'pm')], '2026-12-03', 'full'],
    ['H-14 requests for other days do not count', [span('2026-12-01', 'am', '2026-12-02', 'pm'), span('2026-12-04', 'am', '2026-12-04', 'pm')], '2026-12-03', 'none'],
    ['H-14 an afternoon only', [span('2026-12-02', 'am', '2026-12-02', 'pm'), span('2026-12-03', 'pm', '2026-12-03', 'pm')], '2026-12-03', 'pm'],
    ['H-14 an invalid span adds nothing to a morning', [span('2026-12-03', 'am', '2026-12-03', 'am'), span('2026-12-03', 'pm', '2026-12-03', 'am')], '2026-12-03', 'am'],
  ])('%s', (_title, spans, date, cover) => {
    expect(leaveCover(spans, date)).toBe(cover);
  });
});

describe('isValidSpan: a request does not end before it starts (H-14)', () => {
  test.each<[string, LeaveSpan, boolean]>([
    ['H-14 one morning', span('2026-12-03', 'am', '2026-12-03', 'am'), true],
    ['H-14 one afternoon', span('2026-12-03', 'pm', '2026-12-03', 'pm'), true],
    ['H-14 one whole day', span('2026-12-03', 'am', '2026-12-03', 'pm'), true],
    ['H-14 an afternoon to the next morning', span('2026-12-03', 'pm', '2026-12-04', 'am'), true],
    ['H-14 several days', span('2026-12-01', 'am', '2026-12-05', 'pm'), true],
    ['H-14 same day from the afternoon to the morning', span('2026-12-03', 'pm', '2026-12-03', 'am'), false],
    ['H-14 ends the day before it starts', span('2026-12-04', 'am', '2026-12-03', 'pm'), false],
    ['H-14 ends a year before it starts', span('2027-01-02', 'am', '2026-12-31', 'pm'), false],
  ])('%s', (_title, s, ok) => {
    expect(isValidSpan(s)).toBe(ok);
  });
});
