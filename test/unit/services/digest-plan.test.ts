/**
 * What the day digest tells one person (issue 16): the first time every standing entry; then
 * only what was added or what re-judging reversed of what they were told; never news that is
 * moot (an entry reversed before it was told) or that a command already told (撤销, an appeal).
 */
import type { PointEntry } from '../../../src/db/entities';
import type { DayEntry } from '../../../src/db/stores/digest-store';
import { planPerson, rowsByPerson, standingCodes } from '../../../src/services/digest/digest-plan';

const at = new Date('2026-12-03T15:50:00Z');
const entry = (id: number, code: string, over: Partial<PointEntry> = {}): PointEntry => ({
  id, employeeId: 7, month: '2026-12', workDate: '2026-12-03', points: -2, fineFen: 1000, rule: 'H-11', code, sourceType: 'day',
  sourceId: '7:2026-12-03', generation: 0, reason: null, createdBy: null, reversesId: null, createdAt: at, ...over,
});
const reversal = (id: number, of: PointEntry, by: number | null = null): PointEntry =>
  entry(id, of.code, { points: -of.points, fineFen: -of.fineFen, sourceType: 'reversal', sourceId: String(of.id), reversesId: of.id, createdBy: by });
const row = (e: PointEntry, told = false): DayEntry => ({ entry: e, told });

describe('planPerson (H-11, H-12 entries of one day)', () => {
  const late = entry(1, 'late');
  const missing = entry(2, 'missing-out');

  test('the first time: every standing entry, marked told', () => {
    expect(planPerson(7, [row(late), row(missing)])).toMatchObject({ update: false, added: [{ id: 1, code: 'late' }, { id: 2, code: 'missing-out' }], reversed: [], marks: [1, 2] });
  });

  test('nothing untold: nothing to say or mark', () => {
    expect(planPerson(7, [row(late, true), row(missing, true)])).toBeNull();
  });

  test('after re-judging: only the reversal of a told entry and the entry added since', () => {
    const meeting = entry(5, 'meeting-absent', { rule: 'H-12', fineFen: 0 });
    const plan = planPerson(7, [row(late, true), row(missing, true), row(reversal(4, missing)), row(meeting)]);
    expect(plan).toMatchObject({ update: true, added: [{ id: 5 }], reversed: [{ id: 2, points: -2, fineFen: 1000 }], marks: [4, 5] });
  });

  test('an entry reversed before it was told, and a reversal a person made, are marked without a word', () => {
    const early = entry(3, 'early');
    const plan = planPerson(7, [row(late, true), row(early), row(reversal(6, early)), row(reversal(8, late, 99))]);
    expect(plan).toMatchObject({ update: true, added: [], reversed: [], marks: [3, 6, 8] });
  });

  test('rowsByPerson leaves out reversals of manual entries; standingCodes is what is not reversed', () => {
    const manual = entry(9, 'misconduct:值日', { sourceType: 'manual', employeeId: 7 });
    const rows = rowsByPerson([row(late), row(missing), row(reversal(10, missing)), row(reversal(11, manual, 3))]);
    expect(rows.get(7)?.map((r) => r.entry.id)).toEqual([1, 2, 10]);
    expect(standingCodes(rows.get(7) ?? [])).toEqual(['late']);
  });
});
