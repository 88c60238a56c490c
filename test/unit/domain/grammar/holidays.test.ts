import path from 'node:path';
import fc from 'fast-check';
import { loadPolicy } from '../../../../src/config/policy-loader';
import { parseHolidaysArgs, type HolidaysArgs } from '../../../../src/domain/grammar/holidays';

// docs/commands.md: 节假日 2027 / 节假日 2027 确认 / 节假日 2027-02-05 至 2027-02-13 休 /
// 节假日 2027-02-14 上班; dates as users type them; an end before its start stays before it.

const TODAY = '2026-12-04';
const RULES = loadPolicy(path.join(__dirname, '../../../../config/policy.yaml')).dates;
const days = (from: string, to: string, action: 'holiday' | 'workday' | 'clear', name: string | null = null): HolidaysArgs => ({ kind: 'days', from, to, action, name });

describe('parseHolidaysArgs', () => {
  test.each<[string, HolidaysArgs]>([
    ['', { kind: 'view', year: 2026 }],
    ['2027', { kind: 'view', year: 2027 }],
    ['２０２７年', { kind: 'view', year: 2027 }],
    ['2027 确认', { kind: 'confirm', year: 2027 }],
    ['2027年确认', { kind: 'confirm', year: 2027 }],
    ['2027 confirm', { kind: 'confirm', year: 2027 }],
    ['2027-02-05 至 2027-02-13 休', days('2027-02-05', '2027-02-13', 'holiday')],
    ['2027-02-05至2027-02-13休', days('2027-02-05', '2027-02-13', 'holiday')],
    ['2027-02-05 到 2027-02-13 放假 春节', days('2027-02-05', '2027-02-13', 'holiday', '春节')],
    ['2027-02-05 ~ 2027-02-13 off', days('2027-02-05', '2027-02-13', 'holiday')],
    ['2027年2月5日至13日 休', days('2027-02-05', '2027-02-13', 'holiday')],
    ['2月5日至2月13日 休', days('2027-02-05', '2027-02-13', 'holiday')],
    ['2027-02-14 上班', days('2027-02-14', '2027-02-14', 'workday')],
    ['2027/2/14 补班', days('2027-02-14', '2027-02-14', 'workday')],
    ['2027-02-14 work', days('2027-02-14', '2027-02-14', 'workday')],
    ['2027-02-14 清除', days('2027-02-14', '2027-02-14', 'clear')],
    ['2027-10-08 至 10月1日 休', days('2027-10-08', '2027-10-01', 'holiday')],
    ['2026-12-31 至 2027-01-03 休 元旦', days('2026-12-31', '2027-01-03', 'holiday', '元旦')],
  ])('%j', (text, expected) => {
    expect(parseHolidaysArgs(text, TODAY, RULES)).toEqual({ ok: true, value: expected });
  });

  test.each<[string, string]>([
    ['明年', '看不懂“明年”：请写年份（如 2027）、年份加「确认」，或日期加「休」/「上班」'],
    ['2027-02-14', '请写明这些日子是「休」（放假）、「上班」（调休上班）还是「清除」（还原）'],
    ['2027-02-14 出去玩', '看不懂“出去玩”，请写明这些日子是「休」（放假）、「上班」（调休上班）还是「清除」（还原）'],
    ['2027-02-05 至 休', '“至”后面缺少结束日期'],
    ['2027-02-30 休', '日期不存在：2027-02-30'],
  ])('%j is refused', (text, error) => {
    expect(parseHolidaysArgs(text, TODAY, RULES)).toEqual({ ok: false, error });
  });

  test('any text gives a result or a refusal, never a throw', () => {
    const word = fc.constantFrom('2027', '2027-02-05', '2月5日', '13日', '至', '到', '~', '休', '上班', '清除', '确认', '春节', ' ', '9999-12-31', '0000-01-01', '12-31', '明天');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')), fc.string({ maxLength: 20 }), (text, noise) => {
        for (const t of [text, text + noise, noise]) expect(typeof parseHolidaysArgs(t, TODAY, RULES).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  test('reading rules: an end written without a year is in the start\'s year, before or after it, never moved into the next', () => {
    const day = fc.date({ min: new Date('2027-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (from, to) => {
        const r = parseHolidaysArgs(`${from} 至 ${Number(to.slice(5, 7))}月${Number(to.slice(8, 10))}日 休`, TODAY, RULES);
        expect(r).toEqual({ ok: true, value: days(from, to, 'holiday') });
      }),
      { numRuns: 300 },
    );
  });
});
