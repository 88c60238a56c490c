import { In } from 'typeorm';
import { AttendanceDay, PointEntry, Punch } from '../../../src/db/entities';
import { Bound, insertMany, MAX_ROWS_PER_INSERT, selectWhere } from '../../../src/db/lean-queries';
import { inTransaction } from '../../../src/db/transaction';
import { describeEachDb } from '../../helpers/test-db';

/**
 * The set statements of src/db/lean-queries.ts the closes use (Bound.oneOf, insertMany and its
 * upsert) against TypeORM's own find() and insert(), on SQLite and on MySQL/MariaDB. Employee ids
 * are the test's own (no foreign keys), so no test sees another's rows.
 */

let nextEmployee = 5000;

function punch(employeeId: number, n: number): Omit<Punch, 'id'> {
  const at = new Date(Date.UTC(2026, 11, 3, 1, n % 60, n % 7, n % 1000));
  return { employeeId, workDate: '2026-12-03', at, kind: n % 2 ? 'out' : 'in', sourceEvent: n % 3 ? null : `ev-${n}`, createdAt: at };
}

function entry(employeeId: number, n: number): Omit<PointEntry, 'id'> {
  return {
    employeeId, month: '2026-12', workDate: '2026-12-03', points: -n, fineFen: 100 * n, rule: 'H-11', code: `c${n}`, sourceType: 'day',
    sourceId: `${employeeId}:2026-12-03`, generation: 0, reason: n % 2 ? null : `${n} 分钟`, createdBy: null, reversesId: null, createdAt: new Date(Date.UTC(2026, 11, 3, 15, 50)),
  };
}

describeEachDb('lean set statements', (db) => {
  test.each([1, 2, 7, 40])('Bound.oneOf over %i employees reads what find(In) reads, in id order', async (n) => {
    const ids = Array.from({ length: n }, () => ++nextEmployee);
    await db().getRepository(Punch).insert(ids.flatMap((id, i) => [punch(id, i), punch(id, i + 1)]));
    await db().getRepository(Punch).insert(punch(++nextEmployee, 3)); // someone outside the set
    const lean = await selectWhere(db().manager, Punch, { employeeId: Bound.oneOf(ids), workDate: '2026-12-03' });
    const find = await db().getRepository(Punch).find({ where: { employeeId: In(ids), workDate: '2026-12-03' }, order: { id: 'ASC' } });
    expect(lean).toEqual(find);
    expect(lean).toHaveLength(2 * n);
  });

  test('Bound.oneOf refuses an empty set (IN () is no statement)', () => {
    expect(() => Bound.oneOf([])).toThrow('no values');
  });

  test.each([1, 3, MAX_ROWS_PER_INSERT, MAX_ROWS_PER_INSERT + 1, 2 * MAX_ROWS_PER_INSERT + 3])(
    'insertMany of %i rows stores each row as insert() would, ids ascending in the rows\' order',
    async (n) => {
      const employeeId = ++nextEmployee;
      const rows = Array.from({ length: n }, (_x, i) => entry(employeeId, i + 1));
      await inTransaction(db(), (tx) => insertMany(tx, PointEntry, rows));
      const stored = await db().getRepository(PointEntry).find({ where: { employeeId }, order: { id: 'ASC' } });
      expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual(rows);
    },
  );

  test('insertMany refuses rows that give different columns', async () => {
    const e = entry(++nextEmployee, 1);
    await expect(inTransaction(db(), (tx) => insertMany(tx, PointEntry, [e, { ...e, code: 'x', reason: undefined }]))).rejects.toThrow('the same columns');
  });

  test('insertMany with upsertOn replaces the rows whose key exists (same id) and inserts the others', async () => {
    const [a, b] = [++nextEmployee, ++nextEmployee];
    const day = (employeeId: number, status: string, lateMinutes: number): Omit<AttendanceDay, 'id'> => ({
      employeeId, workDate: '2026-12-03', status, lateMinutes, earlyMinutes: 0, provisional: false, judgedAt: new Date(Date.UTC(2026, 11, 3, 15, 50, lateMinutes)),
    });
    await db().getRepository(AttendanceDay).insert(day(a, 'ok', 0));
    const before = await db().getRepository(AttendanceDay).findOneByOrFail({ employeeId: a });
    await inTransaction(db(), (tx) => insertMany(tx, AttendanceDay, [day(a, 'incidents', 12), day(b, 'absent-day', 0)], ['employeeId', 'workDate']));
    const after = await db().getRepository(AttendanceDay).find({ where: { employeeId: In([a, b]) }, order: { employeeId: 'ASC' } });
    expect(after.map(({ id: _id, ...rest }) => rest)).toEqual([day(a, 'incidents', 12), day(b, 'absent-day', 0)]);
    expect(after[0].id).toBe(before.id);
  });
});
