import { In, type DataSource } from 'typeorm';
import { Employee, Payslip } from '../../../src/db/entities';
import { isSqlite } from '../../../src/db/data-source';
import { describeEachDb } from '../../helpers/test-db';

/**
 * src/db/sqlite-parameters.ts: on SQLite, TypeORM's find, insert and update bind integer
 * parameters instead of writing them into the SQL text, so one statement serves every id (the
 * runner's statement cache hits; nothing is prepared again), and the values mean what the
 * literals meant: an integer compared with a text column is the integer's digits, not '42.0'.
 * The same answers on MySQL, where the hook does nothing.
 */

const STAMP = new Date('2026-01-01T00:00:00Z');

/** Counts the statements better-sqlite3 prepares on `ds` from now on (SQLite only). */
function countPrepares(ds: DataSource): { readonly n: number } {
  const db = (ds.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
  const prepare = db.prepare.bind(db);
  const counter = { n: 0 };
  db.prepare = (sql: string) => {
    counter.n++;
    return prepare(sql);
  };
  return counter;
}

describeEachDb('integer parameters are bound, not written into the SQL', (db) => {
  let ids: number[];

  beforeAll(async () => {
    const repo = db().getRepository(Employee);
    ids = [];
    for (const no of ['42', 'P1', 'P2', 'P3']) {
      ids.push((await repo.save({ no, name: `员工${no}`, role: 'agent', teamId: null, baseSalaryFen: null, startDate: null, endDate: null, createdAt: STAMP, updatedAt: STAMP })).id);
    }
  });

  test('find, In() and update by id answer as before', async () => {
    const repo = db().getRepository(Employee);
    expect((await repo.findOneByOrFail({ id: ids[1] })).no).toBe('P1');
    expect((await repo.findBy({ id: In([ids[2], ids[3]]) })).map((e) => e.no).sort()).toEqual(['P2', 'P3']);
    await repo.update({ id: ids[3] }, { baseSalaryFen: 123456 });
    expect(await repo.findOneByOrFail({ id: ids[3] })).toMatchObject({ no: 'P3', baseSalaryFen: 123456 });
    expect(await repo.findOneBy({ id: 987654 })).toBeNull();
  });

  test('an integer compared with a text column is its digits, as the literal was', async () => {
    const found = await db().getRepository(Employee).createQueryBuilder('e').where('e.no = :no', { no: 42 }).getMany();
    expect(found.map((e) => e.no)).toEqual(['42']);
    const inList = await db().getRepository(Employee).findBy({ no: In([42 as unknown as string]) });
    expect(inList.map((e) => e.no)).toEqual(['42']);
  });

  test('an integer written by insert() into an integer and a BIGINT column reads back as the same number', async () => {
    const repo = db().getRepository(Payslip);
    const values = {
      employeeId: ids[0], month: '2026-11', revision: 7, baseFen: 2 ** 53 - 1, validCalls: 3, callPayFen: 150, aLeads: 1, bLeads: 0, leadBonusFen: 10000,
      collectedFen: 0, commissionFen: 0, score: -5, scoreBonusFen: -20000, finesFen: 0, totalFen: 90150, items: [], createdAt: STAMP,
    };
    await repo.insert(values);
    expect(await repo.findOneByOrFail({ employeeId: ids[0], revision: 7 })).toMatchObject({ baseFen: 2 ** 53 - 1, score: -5, scoreBonusFen: -20000, validCalls: 3 });
  });

  test('SQLite: one statement for every id, never prepared again', async () => {
    if (!isSqlite(db())) return;
    const repo = db().getRepository(Employee);
    await repo.findOneBy({ id: ids[0], role: 'agent' });
    const prepares = countPrepares(db());
    for (const id of ids) expect((await repo.findOneBy({ id, role: 'agent' }))?.id).toBe(id);
    await repo.update({ id: ids[1] }, { baseSalaryFen: 1 });
    await repo.update({ id: ids[2] }, { baseSalaryFen: 2 });
    // Every statement here ran before with other ids: nothing is prepared again.
    expect(prepares.n).toBe(0);
  });
});
