import { LessThanOrEqual, MoreThanOrEqual, type EntityManager, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AttendanceDay, AuditEntry, LeaveRequest, MeetingCheckin, OutboxMessage, PointEntry, ProcessedEvent, Punch } from '../../../src/db/entities';
import { isDuplicateKey } from '../../../src/db/errors';
import { Bound, insertOne, selectWhere, Statement, type LeanWhere } from '../../../src/db/lean-queries';
import { inTransaction } from '../../../src/db/transaction';
import { readPunchDay } from '../../../src/db/stores/attendance-store';
import { describeEachDb } from '../../helpers/test-db';

/**
 * src/db/lean-queries.ts (insertOne, selectWhere, Statement) and the attendance store's
 * readPunchDay against what TypeORM's own find() returns, on SQLite and on MySQL/MariaDB. There
 * are no foreign keys in the schema, so every test takes employee ids of its own (fresh()) and
 * never sees another test's rows.
 */

let nextEmployee = 1000;
/** An employee id no other test uses. */
const fresh = () => ++nextEmployee;

/** `values` as an entity instance of `entity` with `id`: what find() must return for the row. */
function asEntity<T extends ObjectLiteral>(entity: new () => T, id: number, values: Partial<T>): T {
  return Object.assign(new entity(), values, { id });
}

/** The rejection of `work`, or fails the test when it resolves. */
async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (e) {
    return e;
  }
  throw new Error('expected the statement to fail, it succeeded');
}

function punchValues(employeeId: number, workDate: string, kind: 'in' | 'out', at: string, sourceEvent: string | null = null): Partial<Punch> {
  return { employeeId, workDate, at: new Date(at), kind, sourceEvent, createdAt: new Date(new Date(at).getTime() + 7), source: null, correctionId: null };
}

function leaveValues(employeeId: number, startDate: string, endDate: string, status: LeaveRequest['status'], n: number): Partial<LeaveRequest> {
  const stamp = new Date(Date.UTC(2026, 10, 20, 8, 30, n, 100 + n));
  return {
    employeeId, kind: n % 2 ? 'sick' : 'personal', startDate, startHalf: 'am', endDate, endHalf: n % 2 ? 'am' : 'pm', reason: `理由 ${n}`,
    status, filedBy: employeeId, requestedAt: stamp, decidedBy: status === 'pending' ? null : 1, decidedAt: status === 'pending' ? null : stamp,
    decisionNote: null, attachmentId: n % 3 ? null : 40 + n, createdAt: stamp, updatedAt: stamp,
  };
}

/** selectWhere and find() with the same conditions, ids in primary key order. */
async function bothWays<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  lean: LeanWhere<T>,
  where: FindOptionsWhere<T>,
): Promise<{ lean: T[]; find: T[] }> {
  return {
    lean: await selectWhere(em, entity, lean),
    find: await em.find(entity, { where, order: { id: 'ASC' } as unknown as FindOptionsOrder<T> }),
  };
}

describeEachDb('lean queries: insertOne / selectWhere / readPunchDay match TypeORM', (db, kind) => {
  const em = () => db().manager;

  describe('insertOne', () => {
    test('returns the generated id; find() of it returns exactly the values inserted (simple-json, nulls, ms instants)', async () => {
      const values: Partial<OutboxMessage> = {
        platform: 'feishu',
        payload: { kind: 'send', target: { kind: 'user', externalId: 'ou_1' }, body: { kind: 'text', text: '打卡成功 09:00 ✅', lines: [1, 2.5, null, true], empty: {} } },
        dedupKey: null,
        status: 'pending',
        attempts: 3,
        nextAttemptAt: new Date('2026-12-03T01:00:59.999Z'),
        lastError: null,
        claimedBy: 'replica-a',
        claimedUntil: new Date('2026-12-02T16:00:00.001Z'),
        createdAt: new Date('2026-12-03T00:59:59.123Z'),
        sentAt: null,
        cardKey: 'leave:42',
        messageId: null,
        messageIds: null,
      };
      const before = await em().count(OutboxMessage);
      const id = await insertOne(em(), OutboxMessage, values);
      expect(typeof id).toBe('number');
      expect(Number.isInteger(id) && id > 0).toBe(true);
      const row = await em().findOneBy(OutboxMessage, { id });
      expect(row).toStrictEqual(asEntity(OutboxMessage, id, values));
      expect(row!.nextAttemptAt.toISOString()).toBe('2026-12-03T01:00:59.999Z');
      expect(row!.claimedUntil!.toISOString()).toBe('2026-12-02T16:00:00.001Z');
      expect(await em().count(OutboxMessage)).toBe(before + 1);

      // A second row gets its own, larger id, and the first row is untouched.
      const second = { ...values, payload: ['a', { b: '二' }], dedupKey: `dedup-${kind}`, attempts: 0, sentAt: new Date('2027-01-01T00:00:00.000Z') };
      const id2 = await insertOne(em(), OutboxMessage, second);
      expect(id2).toBeGreaterThan(id);
      expect(await em().findOneBy(OutboxMessage, { id: id2 })).toStrictEqual(asEntity(OutboxMessage, id2, second));
      expect(await em().findOneBy(OutboxMessage, { id })).toStrictEqual(asEntity(OutboxMessage, id, values));
    });

    test('booleans both ways, and omitted columns take their database defaults', async () => {
      const employeeId = fresh();
      const yes = { employeeId, workDate: '2026-12-03', status: 'late', lateMinutes: 17, earlyMinutes: 4, provisional: true, judgedAt: new Date('2026-12-03T10:00:00.456Z') };
      const no = { employeeId, workDate: '2026-12-04', status: 'normal', lateMinutes: 0, earlyMinutes: 0, provisional: false, judgedAt: new Date('2026-12-04T10:00:00.001Z') };
      const yesId = await insertOne(em(), AttendanceDay, yes);
      const noId = await insertOne(em(), AttendanceDay, no);
      // lateMinutes, earlyMinutes and provisional left out: 0, 0, false from the schema.
      const bare = { employeeId, workDate: '2026-12-05', status: 'absent', judgedAt: new Date('2026-12-05T10:00:00.999Z') };
      const bareId = await insertOne(em(), AttendanceDay, bare);
      expect(await em().find(AttendanceDay, { where: { employeeId }, order: { id: 'ASC' } })).toStrictEqual([
        asEntity(AttendanceDay, yesId, yes),
        asEntity(AttendanceDay, noId, no),
        asEntity(AttendanceDay, bareId, { ...bare, lateMinutes: 0, earlyMinutes: 0, provisional: false }),
      ]);
    });

    test('a nullable simple-json column set to null stays null; a JSON value round-trips', async () => {
      const none = { actorId: null, actor: 'cli', action: 'org.import', subjectType: null, subjectId: null, details: null, at: new Date('2026-12-03T01:02:03.004Z') };
      const some = { actorId: 7, actor: null, action: 'export', subjectType: 'month', subjectId: '2026-12', details: { rows: 12, who: '王强', nested: { ok: false } }, at: new Date('1999-12-31T23:59:59.999Z') };
      const noneId = await insertOne(em(), AuditEntry, none);
      const someId = await insertOne(em(), AuditEntry, some);
      expect(await em().findOneBy(AuditEntry, { id: noneId })).toStrictEqual(asEntity(AuditEntry, noneId, none));
      expect(await em().findOneBy(AuditEntry, { id: someId })).toStrictEqual(asEntity(AuditEntry, someId, some));
    });

    test('an em.create() entity spread in (as the ledger does): undefined id is left to the database', async () => {
      const employeeId = fresh();
      const entry = em().create(PointEntry, {
        employeeId, month: '2026-12', workDate: '2026-12-03', points: -2, fineFen: 1000, rule: 'H-11', code: 'late', sourceType: 'punch',
        sourceId: `${employeeId}:2026-12-03`, generation: 0, reason: null, createdBy: null, reversesId: null, createdAt: new Date('2026-12-03T01:05:30.250Z'),
      });
      expect('id' in entry && entry.id === undefined).toBe(true);
      const id = await insertOne(em(), PointEntry, { ...entry });
      expect(await em().findOneBy(PointEntry, { id })).toStrictEqual(asEntity(PointEntry, id, { ...entry }));
    });

    test('a NOT NULL failure is not mistaken for a duplicate (a claim must not swallow it)', async () => {
      const err = await insertOne(em(), ProcessedEvent, { platform: 'web', dedupKey: `nn-${kind}`, receivedAt: new Date() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(isDuplicateKey(err)).toBe(false);
    });

    test('a duplicate on a unique key (ProcessedEvent platform + dedupKey) is an error isDuplicateKey recognises', async () => {
      const dedupKey = `evt-${kind}-${fresh()}`;
      const first = { platform: 'wecom', dedupKey, eventAt: new Date('2026-12-03T01:00:00.500Z'), receivedAt: new Date('2026-12-03T01:00:01.250Z') };
      const id = await insertOne(em(), ProcessedEvent, first);
      const err = await failureOf(insertOne(em(), ProcessedEvent, { ...first, receivedAt: new Date('2026-12-03T01:00:09.000Z') }));
      expect(isDuplicateKey(err)).toBe(true);
      // The same key on another platform is not a duplicate.
      const other = { ...first, platform: 'feishu' };
      const otherId = await insertOne(em(), ProcessedEvent, other);
      // A value left out (the claim's outcome) takes the column's default.
      expect(await em().find(ProcessedEvent, { where: { dedupKey }, order: { id: 'ASC' } })).toStrictEqual([
        asEntity(ProcessedEvent, id, { ...first, outcome: 'handled' }),
        asEntity(ProcessedEvent, otherId, { ...other, outcome: 'handled' }),
      ]);
    });

    test('inside a transaction a duplicate fails only its own statement: the transaction goes on and commits', async () => {
      const dedupKey = `evt-tx-${kind}-${fresh()}`;
      const row = { platform: 'web', dedupKey, eventAt: new Date('2026-12-03T02:00:00.010Z'), receivedAt: new Date('2026-12-03T02:00:00.020Z'), outcome: 'refused' };
      const ids = await inTransaction(db(), async (tx) => {
        const a = await insertOne(tx, ProcessedEvent, row);
        const err = await failureOf(insertOne(tx, ProcessedEvent, row));
        expect(isDuplicateKey(err)).toBe(true);
        const b = await insertOne(tx, ProcessedEvent, { ...row, dedupKey: `${dedupKey}-b` });
        return [a, b];
      });
      const stored = await em().find(ProcessedEvent, { where: [{ dedupKey }, { dedupKey: `${dedupKey}-b` }], order: { id: 'ASC' } });
      expect(stored).toStrictEqual([asEntity(ProcessedEvent, ids[0], row), asEntity(ProcessedEvent, ids[1], { ...row, dedupKey: `${dedupKey}-b` })]);
    });
  });

  describe('selectWhere', () => {
    test('no condition, or no values to insert, is refused with the entity named (not invalid SQL)', async () => {
      await expect(selectWhere(em(), Punch, {})).rejects.toThrow('selectWhere(Punch): no condition');
      await expect(insertOne(em(), Punch, {})).rejects.toThrow('insertOne(Punch): no values');
    });

    test('a null or missing condition value throws, as find() does, instead of matching nothing', async () => {
      await expect(selectWhere(em(), Punch, { employeeId: null as unknown as number })).rejects.toThrow('selectWhere(Punch): employeeId is null');
      await expect(selectWhere(em(), Punch, { workDate: undefined })).rejects.toThrow('selectWhere(Punch): workDate is undefined');
    });

    /** Leave of one employee, inserted so that start_date order (the index's) is not id order. */
    async function leaveFixture(): Promise<{ employeeId: number; ids: Record<string, number> }> {
      const employeeId = fresh();
      const neighbour = fresh();
      const ids: Record<string, number> = {};
      ids.r1 = await insertOne(em(), LeaveRequest, leaveValues(employeeId, '2026-12-07', '2026-12-09', 'approved', 1));
      ids.r2 = await insertOne(em(), LeaveRequest, leaveValues(employeeId, '2026-12-01', '2026-12-03', 'approved', 2));
      ids.r3 = await insertOne(em(), LeaveRequest, leaveValues(employeeId, '2026-12-03', '2026-12-03', 'approved', 3));
      ids.r4 = await insertOne(em(), LeaveRequest, leaveValues(employeeId, '2026-12-02', '2026-12-08', 'pending', 4));
      ids.r5 = await insertOne(em(), LeaveRequest, leaveValues(employeeId, '2026-11-28', '2026-12-04', 'approved', 5));
      ids.other = await insertOne(em(), LeaveRequest, leaveValues(neighbour, '2026-11-01', '2026-12-31', 'approved', 6));
      return { employeeId, ids };
    }

    test.each<[string, string[]]>([
      ['2026-11-27', []],
      ['2026-11-28', ['r5']],
      ['2026-12-01', ['r2', 'r5']],
      ['2026-12-03', ['r2', 'r3', 'r5']],
      ['2026-12-04', ['r5']],
      ['2026-12-05', []], // only the pending r4 covers it
      ['2026-12-07', ['r1']],
      ['2026-12-09', ['r1']],
      ['2026-12-10', []],
    ])('approved leave on %s: Bound.atMost / Bound.atLeast as find() with LessThanOrEqual / MoreThanOrEqual', async (date, expected) => {
      const { employeeId, ids } = await leaveFixture();
      const got = await bothWays(
        em(),
        LeaveRequest,
        { employeeId, status: 'approved', startDate: Bound.atMost(date), endDate: Bound.atLeast(date) },
        { employeeId, status: 'approved', startDate: LessThanOrEqual(date), endDate: MoreThanOrEqual(date) },
      );
      expect(got.lean.map((l) => l.id)).toEqual(expected.map((k) => ids[k]));
      expect(got.lean).toStrictEqual(got.find);
      for (const l of got.lean) expect(l).toBeInstanceOf(LeaveRequest);
    });

    test('one property under equality, atMost and atLeast in turn (three statement shapes), and equality on two', async () => {
      const { employeeId, ids } = await leaveFixture();
      const date = '2026-12-03';
      const eq = await bothWays(em(), LeaveRequest, { employeeId, startDate: date }, { employeeId, startDate: date });
      expect(eq.lean.map((l) => l.id)).toEqual([ids.r3]);
      expect(eq.lean).toStrictEqual(eq.find);
      const atMost = await bothWays(em(), LeaveRequest, { employeeId, startDate: Bound.atMost(date) }, { employeeId, startDate: LessThanOrEqual(date) });
      expect(atMost.lean.map((l) => l.id)).toEqual([ids.r2, ids.r3, ids.r4, ids.r5]);
      expect(atMost.lean).toStrictEqual(atMost.find);
      const atLeast = await bothWays(em(), LeaveRequest, { employeeId, startDate: Bound.atLeast(date) }, { employeeId, startDate: MoreThanOrEqual(date) });
      expect(atLeast.lean.map((l) => l.id)).toEqual([ids.r1, ids.r3]);
      expect(atLeast.lean).toStrictEqual(atLeast.find);
      const all = await bothWays(em(), LeaveRequest, { employeeId }, { employeeId });
      expect(all.lean.map((l) => l.id)).toEqual([ids.r1, ids.r2, ids.r3, ids.r4, ids.r5]);
      expect(all.lean).toStrictEqual(all.find);
      const pending = await bothWays(em(), LeaveRequest, { employeeId, status: 'pending' }, { employeeId, status: 'pending' });
      expect(pending.lean.map((l) => l.id)).toEqual([ids.r4]);
      expect(pending.lean).toStrictEqual(pending.find);
    });

    test('no rows: an unknown employee, and a value no row has', async () => {
      const { employeeId } = await leaveFixture();
      const stranger = fresh();
      const nobody = await bothWays(em(), LeaveRequest, { employeeId: stranger }, { employeeId: stranger });
      expect(nobody).toEqual({ lean: [], find: [] });
      const rejected = await bothWays(em(), LeaveRequest, { employeeId, status: 'rejected' }, { employeeId, status: 'rejected' });
      expect(rejected).toEqual({ lean: [], find: [] });
    });

    test('punches and check-ins of a day (the day-facts reads), instants to the millisecond', async () => {
      const employeeId = fresh();
      const date = '2026-12-03';
      const p1 = punchValues(employeeId, date, 'out', '2026-12-03T10:02:00.999Z', 'evt-out');
      const p2 = punchValues(employeeId, date, 'in', '2026-12-03T00:59:59.001Z');
      const p3 = punchValues(employeeId, '2026-12-04', 'in', '2026-12-04T01:00:00.000Z');
      const p4 = punchValues(fresh(), date, 'in', '2026-12-03T01:00:00.000Z');
      const id1 = await insertOne(em(), Punch, p1);
      const id2 = await insertOne(em(), Punch, p2);
      await insertOne(em(), Punch, p3);
      await insertOne(em(), Punch, p4);
      const punches = await bothWays(em(), Punch, { employeeId, workDate: date }, { employeeId, workDate: date });
      expect(punches.lean).toStrictEqual([asEntity(Punch, id1, p1), asEntity(Punch, id2, p2)]);
      expect(punches.lean).toStrictEqual(punches.find);
      expect(punches.lean.map((p) => p.at.toISOString())).toEqual(['2026-12-03T10:02:00.999Z', '2026-12-03T00:59:59.001Z']);

      const checkin = { employeeId, workDate: date, at: new Date('2026-12-03T09:00:30.500Z'), sourceEvent: null, createdAt: new Date('2026-12-03T09:00:30.600Z') };
      const checkinId = await insertOne(em(), MeetingCheckin, checkin);
      const checkins = await bothWays(em(), MeetingCheckin, { employeeId, workDate: date }, { employeeId, workDate: date });
      expect(checkins.lean).toStrictEqual([asEntity(MeetingCheckin, checkinId, checkin)]);
      expect(checkins.lean).toStrictEqual(checkins.find);
      expect(await selectWhere(em(), MeetingCheckin, { employeeId, workDate: '2026-12-04' })).toEqual([]);
    });

    test('conditions on an instant column (equality and bounds) and on a boolean column', async () => {
      const platform = `p${fresh()}`.slice(0, 16);
      const base = { platform, payload: { n: 0 }, dedupKey: null, status: 'pending' as const, attempts: 0, lastError: null, claimedBy: null, claimedUntil: null, createdAt: new Date('2026-12-03T00:00:00.000Z'), sentAt: null, cardKey: null, messageId: null };
      const due = ['2026-12-03T01:00:00.000Z', '2026-12-03T01:00:00.001Z', '2026-12-03T00:59:59.999Z', '2026-12-03T01:00:00.002Z'];
      const ids: number[] = [];
      for (const [n, at] of due.entries()) ids.push(await insertOne(em(), OutboxMessage, { ...base, payload: { n }, nextAttemptAt: new Date(at) }));
      const cut = new Date('2026-12-03T01:00:00.001Z');
      const eq = await bothWays(em(), OutboxMessage, { platform, nextAttemptAt: cut }, { platform, nextAttemptAt: cut });
      expect(eq.lean.map((m) => m.id)).toEqual([ids[1]]);
      expect(eq.lean).toStrictEqual(eq.find);
      const atMost = await bothWays(em(), OutboxMessage, { platform, status: 'pending', nextAttemptAt: Bound.atMost(cut) }, { platform, status: 'pending', nextAttemptAt: LessThanOrEqual(cut) });
      expect(atMost.lean.map((m) => m.id)).toEqual([ids[0], ids[1], ids[2]]);
      expect(atMost.lean.map((m) => m.payload)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect(atMost.lean).toStrictEqual(atMost.find);
      const atLeast = await bothWays(em(), OutboxMessage, { platform, nextAttemptAt: Bound.atLeast(cut) }, { platform, nextAttemptAt: MoreThanOrEqual(cut) });
      expect(atLeast.lean.map((m) => m.id)).toEqual([ids[1], ids[3]]);
      expect(atLeast.lean).toStrictEqual(atLeast.find);

      const employeeId = fresh();
      const dayIds: number[] = [];
      for (const [n, provisional] of [true, false, true].entries()) {
        dayIds.push(await insertOne(em(), AttendanceDay, { employeeId, workDate: `2026-12-0${n + 1}`, status: 'normal', provisional, judgedAt: new Date(Date.UTC(2026, 11, n + 1, 10, 0, 0, n)) }));
      }
      for (const provisional of [true, false]) {
        const got = await bothWays(em(), AttendanceDay, { employeeId, provisional }, { employeeId, provisional });
        expect(got.lean.map((d) => d.id)).toEqual(provisional ? [dayIds[0], dayIds[2]] : [dayIds[1]]);
        expect(got.lean.map((d) => d.provisional)).toEqual(provisional ? [true, true] : [false]);
        expect(got.lean).toStrictEqual(got.find);
      }
    });
  });

  describe('statement cache keys cannot collide', () => {
    /** A count of one employee's punches of one kind, written by hand: what used to be cached under a free-form key. */
    const punchCount = (kind: 'in' | 'out') =>
      new Statement((n) => `SELECT COUNT(*) AS n FROM ${n.table(Punch)} WHERE ${n.column(Punch, 'employeeId')} = ? AND ${n.column(Punch, 'kind')} = '${kind}'`);

    test('two hand-written statements over one table each run their own SQL (a second statement under the same string key used to get the first one\'s)', async () => {
      const employeeId = fresh();
      await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'in', '2026-12-03T01:00:00.000Z'));
      await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'out', '2026-12-03T10:00:00.000Z'));
      await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'out', '2026-12-03T10:05:00.000Z'));
      const ins = punchCount('in');
      const outs = punchCount('out');
      expect(Number((await ins.run<{ n: unknown }>(em(), [employeeId]))[0].n)).toBe(1);
      expect(Number((await outs.run<{ n: unknown }>(em(), [employeeId]))[0].n)).toBe(2);
      expect(ins.sql(em())).toContain("'in'");
      expect(outs.sql(em())).toContain("'out'");
    });

    test('a statement is built once per DataSource, with that driver\'s quoting', async () => {
      let builds = 0;
      const statement = new Statement((n) => {
        builds++;
        return `SELECT ${n.column(Punch, 'workDate')} FROM ${n.table(Punch)} WHERE 1 = 0`;
      });
      const sql = statement.sql(em());
      expect(statement.sql(em())).toBe(sql);
      await statement.run(em(), []);
      await inTransaction(db(), async (tx) => statement.run(tx, []));
      expect(builds).toBe(1);
      expect(sql).toBe(kind === 'mysql' ? 'SELECT `work_date` FROM `punches` WHERE 1 = 0' : 'SELECT "work_date" FROM "punches" WHERE 1 = 0');
    });

    test('selectWhere keys each statement by its shape: the same properties in another order, or another operator, are other statements', async () => {
      const employeeId = fresh();
      const a = await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'in', '2026-12-03T01:00:00.000Z'));
      const b = await insertOne(em(), Punch, punchValues(employeeId, '2026-12-04', 'in', '2026-12-04T01:00:00.000Z'));
      const ids = (rows: Punch[]) => rows.map((r) => r.id);
      expect(ids(await selectWhere(em(), Punch, { employeeId, workDate: '2026-12-04' }))).toEqual([b]);
      expect(ids(await selectWhere(em(), Punch, { workDate: '2026-12-03', employeeId }))).toEqual([a]);
      expect(ids(await selectWhere(em(), Punch, { employeeId, workDate: Bound.atMost('2026-12-03') }))).toEqual([a]);
      expect(ids(await selectWhere(em(), Punch, { employeeId, workDate: Bound.atLeast('2026-12-03') }))).toEqual([a, b]);
      expect(ids(await selectWhere(em(), Punch, { employeeId, workDate: '2026-12-03' }))).toEqual([a]);
    });
  });

  describe('inside inTransaction', () => {
    test('selectWhere, find() and readPunchDay see the transaction\'s own uncommitted insertOne rows; a rollback leaves nothing', async () => {
      const employeeId = fresh();
      const date = '2026-12-03';
      const punch = punchValues(employeeId, date, 'in', '2026-12-03T01:00:59.999Z', 'evt-tx');
      const leave = leaveValues(employeeId, '2026-12-01', '2026-12-05', 'approved', 7);
      const day = { employeeId, workDate: date, status: 'late', lateMinutes: 1, earlyMinutes: 0, provisional: false, judgedAt: new Date('2026-12-03T10:00:00.010Z') };
      const rollback = new Error('roll back on purpose');
      let seenOutside: unknown[] | undefined;
      const outcome = inTransaction(db(), async (tx) => {
        const punchId = await insertOne(tx, Punch, punch);
        const leaveId = await insertOne(tx, LeaveRequest, leave);
        expect(await selectWhere(tx, Punch, { employeeId, workDate: date })).toStrictEqual([asEntity(Punch, punchId, punch)]);
        expect(await tx.findOneBy(Punch, { id: punchId })).toStrictEqual(asEntity(Punch, punchId, punch));
        expect(await selectWhere(tx, LeaveRequest, { employeeId, status: 'approved', startDate: Bound.atMost(date), endDate: Bound.atLeast(date) })).toStrictEqual([
          asEntity(LeaveRequest, leaveId, leave),
        ]);
        expect(await readPunchDay(tx, employeeId, date)).toEqual({ closed: false, punches: [{ kind: 'in', at: new Date('2026-12-03T01:00:59.999Z') }] });
        const dayId = await insertOne(tx, AttendanceDay, day);
        expect(await selectWhere(tx, AttendanceDay, { employeeId, workDate: date })).toStrictEqual([asEntity(AttendanceDay, dayId, day)]);
        expect(await readPunchDay(tx, employeeId, date)).toEqual({ closed: true, punches: [{ kind: 'in', at: new Date('2026-12-03T01:00:59.999Z') }] });
        // MySQL: another connection does not see the uncommitted rows (SQLite has one connection).
        if (kind === 'mysql') seenOutside = await selectWhere(db().manager, Punch, { employeeId });
        throw rollback;
      });
      await expect(outcome).rejects.toBe(rollback);
      if (kind === 'mysql') expect(seenOutside).toEqual([]);
      expect(await selectWhere(em(), Punch, { employeeId })).toEqual([]);
      expect(await selectWhere(em(), LeaveRequest, { employeeId })).toEqual([]);
      expect(await selectWhere(em(), AttendanceDay, { employeeId })).toEqual([]);
      expect(await em().countBy(Punch, { employeeId })).toBe(0);
      expect(await em().countBy(LeaveRequest, { employeeId })).toBe(0);
      expect(await readPunchDay(em(), employeeId, date)).toEqual({ closed: false, punches: [] });
    });

    test('a committed transaction leaves its rows, with the ids insertOne returned', async () => {
      const employeeId = fresh();
      const a = punchValues(employeeId, '2026-12-03', 'in', '2026-12-03T00:58:00.123Z');
      const b = punchValues(employeeId, '2026-12-03', 'out', '2026-12-03T10:30:00.456Z');
      const ids = await inTransaction(db(), async (tx) => [await insertOne(tx, Punch, a), await insertOne(tx, Punch, b)]);
      expect(ids[1]).toBeGreaterThan(ids[0]);
      expect(await em().find(Punch, { where: { employeeId }, order: { id: 'ASC' } })).toStrictEqual([asEntity(Punch, ids[0], a), asEntity(Punch, ids[1], b)]);
      expect(await selectWhere(em(), Punch, { employeeId })).toStrictEqual([asEntity(Punch, ids[0], a), asEntity(Punch, ids[1], b)]);
    });
  });

  describe('readPunchDay', () => {
    /** Rows of other employees and other days that must never show up. */
    async function noise(employeeId: number, date: string, otherDate: string): Promise<void> {
      const neighbour = fresh();
      await insertOne(em(), Punch, punchValues(neighbour, date, 'in', `${date}T01:00:00.000Z`));
      await insertOne(em(), Punch, punchValues(employeeId, otherDate, 'out', `${otherDate}T10:00:00.000Z`));
      await insertOne(em(), AttendanceDay, { employeeId: neighbour, workDate: date, status: 'normal', judgedAt: new Date(`${date}T10:00:00.000Z`) });
      await insertOne(em(), AttendanceDay, { employeeId, workDate: otherDate, status: 'normal', judgedAt: new Date(`${otherDate}T10:00:00.000Z`) });
    }
    const close = (employeeId: number, workDate: string) => insertOne(em(), AttendanceDay, { employeeId, workDate, status: 'normal', judgedAt: new Date(`${workDate}T11:00:00.000Z`) });
    /** Punches as comparable text, in time order (readPunchDay promises no order). */
    const facts = (p: Array<{ kind: string; at: Date }>) => p.map((f) => `${f.kind}@${f.at.toISOString()}`).sort((x, y) => x.slice(x.indexOf('@')).localeCompare(y.slice(y.indexOf('@'))));

    test('no punches, not closed', async () => {
      const employeeId = fresh();
      await noise(employeeId, '2026-12-03', '2026-12-04');
      expect(await readPunchDay(em(), employeeId, '2026-12-03')).toEqual({ closed: false, punches: [] });
    });

    test('punches, not closed: kinds and instants exactly as inserted (ms)', async () => {
      const employeeId = fresh();
      await noise(employeeId, '2026-12-03', '2026-12-02');
      const stamps: Array<['in' | 'out', string]> = [['in', '2026-12-03T00:59:59.999Z'], ['out', '2026-12-03T10:00:00.001Z'], ['in', '2026-12-02T16:00:00.000Z'], ['out', '2026-12-03T15:59:59.500Z']];
      for (const [k, at] of stamps) await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', k, at));
      const got = await readPunchDay(em(), employeeId, '2026-12-03');
      expect(got.closed).toBe(false);
      expect(got.punches).toHaveLength(4);
      for (const p of got.punches) {
        expect(p.at).toBeInstanceOf(Date);
        expect(Object.keys(p).sort()).toEqual(['at', 'kind']);
      }
      expect(facts(got.punches)).toEqual(['in@2026-12-02T16:00:00.000Z', 'in@2026-12-03T00:59:59.999Z', 'out@2026-12-03T10:00:00.001Z', 'out@2026-12-03T15:59:59.500Z']);
      // The same facts find() reads.
      const found = await em().find(Punch, { where: { employeeId, workDate: '2026-12-03' } });
      expect(facts(got.punches)).toEqual(facts(found));
    });

    test('closed, no punches', async () => {
      const employeeId = fresh();
      await noise(employeeId, '2026-12-03', '2026-12-04');
      await close(employeeId, '2026-12-03');
      expect(await readPunchDay(em(), employeeId, '2026-12-03')).toEqual({ closed: true, punches: [] });
    });

    test('closed, with punches', async () => {
      const employeeId = fresh();
      await noise(employeeId, '2026-12-03', '2026-12-02');
      await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'out', '2026-12-03T09:45:10.010Z'));
      await insertOne(em(), Punch, punchValues(employeeId, '2026-12-03', 'in', '2026-12-03T01:15:00.321Z', 'evt-9'));
      await close(employeeId, '2026-12-03');
      const got = await readPunchDay(em(), employeeId, '2026-12-03');
      expect(got.closed).toBe(true);
      expect(facts(got.punches)).toEqual(['in@2026-12-03T01:15:00.321Z', 'out@2026-12-03T09:45:10.010Z']);
      for (const p of got.punches) expect(p.at).toBeInstanceOf(Date);
    });
  });
});
