import { parseCorrection } from '../../../../src/domain/grammar/correction';
import { parseDateRange } from '../../../../src/domain/grammar/delegation';

const o = { today: '2026-12-05', dates: { yearsBack: 1, yearsAhead: 1, yearlessMonthsBack: 2, yearlessMonthsAhead: 10 } };

describe('补卡 grammar (COMMANDS second wave: 补卡 日期 上班|下班 时间 原因)', () => {
  test.each([
    ['12月3日 上班 09:00 忘记打卡', { date: '2026-12-03', kind: 'in', minute: 540, reason: '忘记打卡' }],
    ['昨天 下班 18:05 手机没电', { date: '2026-12-04', kind: 'out', minute: 1085, reason: '手机没电' }],
    ['上班 12-3 9点半 开会', { date: '2026-12-03', kind: 'in', minute: 570, reason: '开会' }],
    ['１２月３日 上班 ０９：０５ 忘记', { date: '2026-12-03', kind: 'in', minute: 545, reason: '忘记' }],
    ['12月6日 上班 9:00 x', { date: '2025-12-06', kind: 'in', minute: 540, reason: 'x' }],
    ['昨天 下班卡 18点 x', { date: '2026-12-04', kind: 'out', minute: 1080, reason: 'x' }],
  ])('%s', (text, value) => {
    expect(parseCorrection(text, o)).toEqual({ ok: true, value });
  });

  test.each([
    ['上班 09:00 x', /缺少日期/],
    ['12月3日 09:00 x', /上班 或 下班/],
    ['12月3日 上班 x', /缺少时间/],
    ['12月3日 上班 24:00 x', /00:00 到 23:59/],
    ['12月3日 上班 9:60 x', /00:00 到 23:59/],
    ['2月30日 上班 9:00 x', /日期不存在/],
  ])('refused: %s', (text, error) => {
    const r = parseCorrection(text, o);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(error);
  });
});

describe('代理 dates', () => {
  test.each([
    ['12月10日 至 12月12日', { start: '2026-12-10', end: '2026-12-12' }],
    ['12月10日', { start: '2026-12-10', end: '2026-12-10' }],
    ['12-30到1-2', { start: '2026-12-30', end: '2027-01-02' }],
  ])('%s', (text, value) => {
    expect(parseDateRange(text, o)).toEqual({ ok: true, value });
  });

  test.each([['12月12日 至 12月10日', /早于/], ['', /缺少日期/], ['12月10日 随便', /看不懂/]])('refused: %s', (text, error) => {
    const r = parseDateRange(text, o);
    expect(r.ok ? '' : r.error).toMatch(error);
  });
});
