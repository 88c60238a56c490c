import { formatDate, formatDateRange, formatDateWithWeekday, formatMonth, formatMonthWithYear, formatZonedDateTime } from '../../../src/domain/date-format';
import { describeSpan } from '../../../src/services/leave/leave-format';

/**
 * Every date the bot shows that is not in the current year carries its year, and a range shows
 * both ends' weekdays (docs/commands.md reading rules; issue 13: a card read '12月14日 至
 * 12月14日' for ten years, and one 同意 excused a decade).
 */
describe('dates as people read them, against today', () => {
  test.each<[string, string, string]>([
    ['this year: no year', '2026-12-03', '12月3日'],
    ['next year: the year', '2027-01-04', '2027年1月4日'],
    ['last year: the year', '2025-12-31', '2025年12月31日'],
    ['far away: the year', '9999-12-31', '9999年12月31日'],
  ])('formatDate: %s', (_title, date, shown) => {
    expect(formatDate(date, '2026-12-28')).toBe(shown);
  });

  test('formatDateWithWeekday: 2027-01-04 is a Monday', () => {
    expect(formatDateWithWeekday('2027-01-04', '2026-12-28')).toBe('2027年1月4日（周一）');
    expect(formatDateWithWeekday('2026-12-19', '2026-12-05')).toBe('12月19日（周六）');
  });

  test.each<[string, string, string, string, string]>([
    ['a range over New Year', '2026-12-31', '2027-01-04', '2026-12-28', '12月31日（周四）至 2027年1月4日（周一）'],
    ['the same range seen in January', '2026-12-31', '2027-01-04', '2027-01-02', '2026年12月31日（周四）至 1月4日（周一）'],
    ['issue 13: a reversed range shows what was read', '2026-12-19', '2026-12-17', '2026-12-05', '12月19日（周六）至 12月17日（周四）'],
    ['issue 13: a decade shows it', '2026-12-14', '2036-12-14', '2026-12-05', '12月14日（周一）至 2036年12月14日（周日）'],
    ['one day', '2026-12-03', '2026-12-03', '2026-12-05', '12月3日（周四）'],
  ])('formatDateRange: %s', (_title, from, to, today, shown) => {
    expect(formatDateRange(from, to, today)).toBe(shown);
  });

  test('months: the year outside today\'s; pay slips always with it', () => {
    expect(formatMonth('2026-11', '2026-12-05')).toBe('11月');
    expect(formatMonth('2025-12', '2026-01-05')).toBe('2025年12月');
    expect(formatMonthWithYear('2026-12')).toBe('2026年12月');
  });

  test('instants: in the company zone, the year outside today\'s', () => {
    expect(formatZonedDateTime(new Date('2026-12-28T02:00:00Z'), 'Asia/Shanghai', '2026-12-28')).toBe('12月28日 10:00');
    expect(formatZonedDateTime(new Date('2026-12-28T02:00:00Z'), 'Asia/Shanghai', '2027-01-02')).toBe('2026年12月28日 10:00');
    expect(formatZonedDateTime(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai', '2026-12-31')).toBe('2027年1月1日 00:30');
  });

  test.each<[string, [string, string, string, string], string, string]>([
    ['a whole day this year', ['2026-12-04', 'am', '2026-12-04', 'pm'], '2026-12-03', '12月4日 全天'],
    ['a whole day next year', ['2027-01-04', 'am', '2027-01-04', 'pm'], '2026-12-28', '2027年1月4日 全天'],
    ['a morning', ['2026-12-04', 'am', '2026-12-04', 'am'], '2026-12-03', '12月4日 上午'],
    ['a range over New Year', ['2026-12-31', 'am', '2027-01-04', 'pm'], '2026-12-28', '12月31日（周四）至 2027年1月4日（周一）'],
    ['a range of halves', ['2026-12-03', 'pm', '2026-12-04', 'am'], '2026-12-01', '12月3日（周四）下午 至 12月4日（周五）上午'],
  ])('describeSpan (cards and replies): %s', (_title, [startDate, startHalf, endDate, endHalf], today, shown) => {
    expect(describeSpan({ startDate, startHalf, endDate, endHalf }, today)).toBe(shown);
  });
});
