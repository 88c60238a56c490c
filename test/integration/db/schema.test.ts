import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import * as E from '../../../src/db/entities';
import { inTransaction } from '../../../src/db/transaction';
import { describeEachDb } from '../../helpers/test-db';

const at = new Date('2026-12-03T01:02:03.456Z');
const later = new Date('2026-12-31T15:59:59.999Z');

/** One sample row per entity, with the values that differ between drivers if anything does. */
const SAMPLES: Array<[string, EntityTarget<ObjectLiteral>, Record<string, unknown>]> = [
  ['teams', E.Team, { name: '一组', supervisorId: 2, chats: { feishu: 'oc_1', wecom: 'robot-key', wechaty: '@@room' }, createdAt: at, updatedAt: later }],
  ['employees', E.Employee, { no: 'E001', name: '王强', role: 'supervisor', teamId: 1, baseSalaryFen: 123456, startDate: '2026-03-01', endDate: null, mobile: '13800138000', createdAt: at, updatedAt: at }],
  ['platform_identities', E.PlatformIdentity, { platform: 'feishu', externalId: 'ou_AbC', employeeId: 1, createdAt: at, updatedAt: at }],
  ['daily_reports', E.DailyReport, { employeeId: 1, workDate: '2026-12-03', calls: 120, note: '周五客户多', sentAt: at, sourceEvent: 'om_1', createdAt: at, updatedAt: at }],
  [
    'customer_records',
    E.CustomerRecord,
    {
      agentId: 1, workDate: '2026-12-03', company: '华为技术', contact: '张经理', titlePhone: 'IT经理 13800000000', phone: '13800000000',
      headcount: '200', itStatus: '已上ERP', grade: 'A', complete: true, visitedBy: null, qualifiedBy: null, qualifiedAt: null,
      qualificationNote: null, sentAt: at, createdAt: at, updatedAt: at,
    },
  ],
  ['weekly_summaries', E.WeeklySummary, { employeeId: 1, week: '2026-11-30', text: '本周拨打 600，A 类 2 个……', sentAt: at, createdAt: at, updatedAt: at }],
  [
    'leave_requests',
    E.LeaveRequest,
    {
      employeeId: 1, kind: 'sick', startDate: '2026-12-03', startHalf: 'pm', endDate: '2026-12-04', endHalf: 'am', reason: '发烧', status: 'pending',
      filedBy: 1, requestedAt: at, decidedBy: null, decidedAt: null, decisionNote: null, attachmentId: null, createdAt: at, updatedAt: at,
    },
  ],
  ['punches', E.Punch, { employeeId: 1, workDate: '2026-12-03', at, kind: 'in', sourceEvent: null, createdAt: at, source: 'correction', correctionId: 5 }],
  [
    'correction_requests',
    E.CorrectionRequest,
    {
      employeeId: 1, workDate: '2026-12-03', kind: 'out', minute: 1085, reason: '手机没电', status: 'approved', requestedAt: at, decidedBy: 2, decidedAt: later,
      decisionNote: null, createdAt: at, updatedAt: later, punchId: 3,
    },
  ],
  [
    'appeals',
    E.Appeal,
    {
      employeeId: 1, entryId: 24, openEntryId: 24, reason: '当时在开会', status: 'pending', requestedAt: at, decidedBy: null, decidedAt: null,
      decisionNote: null, createdAt: at, updatedAt: at, reversalId: null,
    },
  ],
  ['delegations', E.Delegation, { supervisorId: 2, delegateId: 3, startDate: '2026-12-10', endDate: '2026-12-12', createdAt: at, cancelledAt: null }],
  ['attendance_days', E.AttendanceDay, { employeeId: 1, workDate: '2026-12-03', status: 'late', lateMinutes: 31, earlyMinutes: 0, provisional: false, judgedAt: at }],
  ['meeting_checkins', E.MeetingCheckin, { employeeId: 1, workDate: '2026-12-03', at, sourceEvent: 'ev_1', createdAt: at }],
  [
    'point_entries',
    E.PointEntry,
    {
      employeeId: 1, month: '2026-12', workDate: '2026-12-03', points: -10, fineFen: 13793, rule: 'H-11', code: 'absent-day', sourceType: 'day',
      sourceId: '1:2026-12-03', generation: 0, reason: null, createdBy: null, reversesId: null, createdAt: at,
    },
  ],
  ['collections', E.Collection, { agentId: 1, amountFen: 888888, customer: '华为技术', recordedOn: '2026-12-03', month: '2026-12', recordedBy: 2, createdAt: at, reversesId: null, reason: null }],
  [
    'payslips',
    E.Payslip,
    {
      employeeId: 1, month: '2026-12', revision: 1, baseFen: 100000, validCalls: 3, callPayFen: 150, aLeads: 1, bLeads: 0, leadBonusFen: 10000,
      collectedFen: 888888, commissionFen: 8889, score: 79, scoreBonusFen: -20000, finesFen: 13793, totalFen: 85246,
      items: [{ label: '底薪', fen: 100000 }, { label: '旷工', fen: -13793, detail: '12月3日' }], createdAt: at, closeId: 7,
    },
  ],
  ['month_closes', E.MonthClose, { month: '2026-12', startedAt: at, finishedAt: later }],
  ['month_changes', E.MonthChange, { employeeId: 1, month: '2026-11', workDate: '2026-11-30', what: '王强撤销了回款 R17（52000 元，客户 华为技术）', createdAt: at, resolvedBy: 1, resolvedAt: later }],
  [
    'attachments',
    E.Attachment,
    { employeeId: 1, platform: 'feishu', platformKey: 'img_v2_1', fileName: '病假条.jpg', mimeType: 'image/jpeg', size: 4, content: Buffer.from([0, 255, 1, 254]), createdAt: at },
  ],
  [
    'chat_files',
    E.ChatFile,
    // Issue 17 (导出): 200 KB of bytes, more than a BLOB's 64 KB on MySQL; a link's hash and expiry.
    { fileName: '工资表-2026-11.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 200_000, content: Buffer.alloc(200_000, 7), employeeId: 1, linkHash: 'f'.repeat(64), linkExpiresAt: later, createdAt: at },
  ],
  ['processed_events', E.ProcessedEvent, { platform: 'feishu', dedupKey: 'om_abc', eventAt: at, receivedAt: later, outcome: 'over-budget' }],
  [
    'outbox',
    E.OutboxMessage,
    {
      platform: 'wecom', payload: { kind: 'text', text: '你好', n: 1.5, ok: true, list: [1, null] }, dedupKey: null, status: 'pending', attempts: 0,
      nextAttemptAt: at, lastError: null, claimedBy: null, claimedUntil: null, createdAt: at, sentAt: null, cardKey: 'leave:1', messageId: 'om_1', messageIds: ['om_1', 'om_2'],
    },
  ],
  ['job_runs', E.JobRun, { job: 'approval-reminder', slot: '2026-12-03T09:30', status: 'done', runner: 'host-1', runs: 1, startedAt: at, finishedAt: later, outcome: '5 judged' }],
  [
    'binding_requests',
    E.BindingRequest,
    { platform: 'feishu', externalId: 'ou_新人', displayName: '小刘', employeeId: 7, status: 'pending', requestedAt: at, decidedBy: null, decidedAt: null, decisionNote: null, createdAt: at, updatedAt: at },
  ],
  ['approval_reminders', E.ApprovalReminder, { requestKind: 'L', requestId: 42, step: 'escalate', sentAt: at, recipients: 2 }],
  ['leases', E.Lease, { name: 'outbox:feishu', holder: 'host-1', expiresAt: later }],
  ['calendar_entries', E.CalendarEntry, { year: 2027, date: '2027-02-05', kind: 'holiday', name: '春节', recordedBy: 1, recordedAt: at }],
  ['told_entries', E.ToldEntry, { entryId: 41, employeeId: 1, workDate: '2026-12-03', toldAt: at }],
  // Issue 18: the console's one-time links and sessions (token hashes only).
  ['console_links', E.ConsoleLink, { tokenHash: 'a'.repeat(64), employeeId: 1, createdAt: at, expiresAt: later, usedAt: later }],
  ['console_sessions', E.ConsoleSession, { tokenHash: 'b'.repeat(64), employeeId: 1, linkId: 1, createdAt: at, expiresAt: later, lastSeenAt: later, revokedAt: null, revokedBy: null }],
  ['audit_log', E.AuditEntry, { actorId: null, actor: 'cli', action: 'org.import', subjectType: null, subjectId: null, details: { created: 3 }, at }],
];

/** The unique keys docs/architecture.md names, each with a row that must clash with the sample. */
const CLASHES: Array<[string, EntityTarget<ObjectLiteral>, Record<string, unknown>]> = [
  ['employee + work_date (daily report)', E.DailyReport, { calls: 1 }],
  ['employee + work_date (attendance)', E.AttendanceDay, { status: 'ok' }],
  ['platform + external_id', E.PlatformIdentity, { employeeId: 9 }],
  ['platform + dedup key', E.ProcessedEvent, { receivedAt: at }],
  ['job + slot', E.JobRun, { runner: 'host-2' }],
  ['request + step (approval reminders)', E.ApprovalReminder, { sentAt: later, recipients: 1 }],
  ['the ledger live key (code, source, generation)', E.PointEntry, { employeeId: 1, points: -2 }],
  ['agent + day + phone', E.CustomerRecord, { company: '另一家' }],
  ['an entry is told once', E.ToldEntry, { employeeId: 2 }],
  ['a sign-in link is one token', E.ConsoleLink, { employeeId: 2 }],
  ['a link opens one session', E.ConsoleSession, { tokenHash: 'c'.repeat(64) }],
  ['one open appeal per entry', E.Appeal, { employeeId: 1, reason: '再申诉' }],
];

async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: Array<Record<string, string>> =
    ds.options.type === 'mysql'
      ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name ?? r.NAME).sort();
}

describeEachDb('schema', (db) => {
  test('every table of docs/architecture.md exists after the migrations', async () => {
    expect(await tableNames(db())).toEqual([...SAMPLES.map(([t]) => t), 'migrations'].sort());
  });

  test('every migration down then up again leaves the same tables, and down removes them all', async () => {
    const ds = db();
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
    expect(await tableNames(ds)).toEqual(['migrations']);
    await ds.runMigrations();
    expect(await tableNames(ds)).toEqual([...SAMPLES.map(([t]) => t), 'migrations'].sort());
    expect(await ds.showMigrations()).toBe(false);
  });

  test.each(SAMPLES)('%s round-trips to the same JS values', async (_table, entity, sample) => {
    const repo = db().getRepository(entity);
    const saved = await repo.save(repo.create({ ...sample }));
    const loaded = await repo.findOneByOrFail({ [db().getMetadata(entity).primaryColumns[0].propertyName]: saved[db().getMetadata(entity).primaryColumns[0].propertyName] });
    const { id: _id, ...rest } = loaded as Record<string, unknown>;
    expect(rest).toEqual(sample);
    for (const [k, v] of Object.entries(sample)) {
      if (typeof v === 'number') expect(typeof (loaded as Record<string, unknown>)[k]).toBe('number');
      if (typeof v === 'boolean') expect(typeof (loaded as Record<string, unknown>)[k]).toBe('boolean');
    }
  });

  test.each(CLASHES)('unique key: %s', async (_key, entity, change) => {
    const sample = SAMPLES.find(([, e]) => e === entity)![2];
    const repo = db().getRepository(entity);
    await expect(repo.insert({ ...sample, ...change })).rejects.toThrow(/UNIQUE|Duplicate/i);
  });

  test('a reversal is unique on the entry it reverses, and NULLs never clash', async () => {
    const repo = db().getRepository(E.PointEntry);
    const base = SAMPLES.find(([t]) => t === 'point_entries')![2];
    const reversal = { ...base, points: 10, fineFen: -13793, sourceType: 'reversal', sourceId: '1', reversesId: 1 };
    await repo.insert(reversal);
    await expect(repo.insert({ ...reversal, sourceId: '1b' })).rejects.toThrow(/UNIQUE|Duplicate/i);
    await repo.insert({ ...base, generation: 1 });
    await repo.insert({ ...base, generation: 2 });
    expect(await repo.countBy({ code: 'absent-day', sourceId: '1:2026-12-03' })).toBe(3);
  });

  test('SUM and COUNT come back as numbers on both drivers', async () => {
    const raw = await db().getRepository(E.PointEntry).createQueryBuilder('p').select('SUM(p.fine_fen)', 'fines').addSelect('COUNT(*)', 'n').getRawOne();
    expect(typeof raw.fines).toBe('number');
    expect(typeof raw.n).toBe('number');
  });

  test('concurrent transactions are all applied (serialised on SQLite, parallel on MySQL)', async () => {
    const ds = db();
    const n = 30;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        inTransaction(ds, async (em) => {
          await em.insert(E.ProcessedEvent, { platform: 'test', dedupKey: `k${i}`, eventAt: at, receivedAt: at });
        }),
      ),
    );
    expect(await ds.getRepository(E.ProcessedEvent).countBy({ platform: 'test' })).toBe(n);
  });

  test('a failed transaction stores nothing and does not block the next one', async () => {
    const ds = db();
    await expect(
      inTransaction(ds, async (em) => {
        await em.insert(E.ProcessedEvent, { platform: 'half', dedupKey: 'a', eventAt: at, receivedAt: at });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await inTransaction(ds, (em) => em.insert(E.ProcessedEvent, { platform: 'half', dedupKey: 'b', eventAt: at, receivedAt: at }));
    expect((await ds.getRepository(E.ProcessedEvent).findBy({ platform: 'half' })).map((r) => r.dedupKey)).toEqual(['b']);
  });
});

/** Every money column (fen), as table → columns. */
const MONEY_COLUMNS: Record<string, string[]> = {
  employees: ['base_salary_fen'],
  point_entries: ['fine_fen'],
  collections: ['amount_fen'],
  payslips: ['base_fen', 'call_pay_fen', 'lead_bonus_fen', 'collected_fen', 'commission_fen', 'score_bonus_fen', 'fines_fen', 'total_fen'],
};

describeEachDb('schema: money in BIGINT fen (issue 13: INT overflowed at 21,474,836.47 yuan on MySQL)', (db, kind) => {
  const INT_MAX = 2_147_483_647;
  const ids = { employee: 0, entry: 0, collection: 0, payslip: 0 };

  test('rows written under the INT columns survive the migration to BIGINT unchanged', async () => {
    const ds = db();
    // Back to the schema before MoneyBigint (and whatever came after it).
    const executed = async (): Promise<string[]> => (await ds.query('SELECT name FROM migrations')).map((r: { name: string }) => r.name);
    while ((await executed()).includes('MoneyBigint1764720000000')) await ds.undoLastMigration();
    const t = '2026-12-03 01:02:03.456';
    const run = async (sql: string, params: unknown[]) => {
      await ds.query(sql, params);
      const [row] = await ds.query(kind === 'mysql' ? 'SELECT LAST_INSERT_ID() AS id' : 'SELECT last_insert_rowid() AS id');
      return Number(row.id);
    };
    ids.employee = await run(
      'INSERT INTO employees (no, name, role, team_id, base_salary_fen, start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, NULL, NULL, ?, ?)',
      ['M001', '钱多', 'agent', INT_MAX, t, t],
    );
    ids.entry = await run(
      'INSERT INTO point_entries (employee_id, month, work_date, points, fine_fen, rule, code, source_type, source_id, generation, reason, created_by, reverses_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, ?)',
      [ids.employee, '2026-12', '2026-12-03', -10, -INT_MAX - 1, 'H-11', 'absent-day', 'day', 'money:1', t],
    );
    ids.collection = await run(
      'INSERT INTO collections (agent_id, amount_fen, customer, recorded_on, month, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [ids.employee, INT_MAX, '华为技术', '2026-12-03', '2026-12', 1, t],
    );
    ids.payslip = await run(
      `INSERT INTO payslips (employee_id, month, revision, base_fen, valid_calls, call_pay_fen, a_leads, b_leads, lead_bonus_fen, collected_fen, commission_fen, score, score_bonus_fen, fines_fen, total_fen, items, created_at)
       VALUES (?, '2026-12', 1, ?, 0, 0, 0, 0, 0, ?, ?, 100, 0, 0, ?, '[]', ?)`,
      [ids.employee, INT_MAX, INT_MAX, 21474836, INT_MAX, t],
    );

    await ds.runMigrations();
    expect(await ds.showMigrations()).toBe(false);
    expect(await ds.getRepository(E.Employee).findOneByOrFail({ id: ids.employee })).toMatchObject({ no: 'M001', baseSalaryFen: INT_MAX });
    expect(await ds.getRepository(E.PointEntry).findOneByOrFail({ id: ids.entry })).toMatchObject({ fineFen: -INT_MAX - 1, points: -10 });
    expect(await ds.getRepository(E.Collection).findOneByOrFail({ id: ids.collection })).toMatchObject({ amountFen: INT_MAX, customer: '华为技术', reversesId: null, reason: null });
    expect(await ds.getRepository(E.Payslip).findOneByOrFail({ id: ids.payslip })).toMatchObject({ baseFen: INT_MAX, collectedFen: INT_MAX, commissionFen: 21474836, totalFen: INT_MAX });
  });

  test('every money column is BIGINT on MySQL (SQLite INTEGER is 64-bit already)', async () => {
    if (kind !== 'mysql') return;
    for (const [table, columns] of Object.entries(MONEY_COLUMNS)) {
      const rows: Array<{ name: string; type: string }> = await db().query(
        'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
        [table],
      );
      for (const c of columns) expect([table, c, rows.find((r) => r.name === c)?.type]).toEqual([table, c, 'bigint']);
    }
  });

  test('amounts past 2^31 fen, up to Number.MAX_SAFE_INTEGER, round-trip exactly as numbers', async () => {
    const repo = db().getRepository(E.Payslip);
    const big = { baseFen: 2 ** 31, collectedFen: Number.MAX_SAFE_INTEGER, commissionFen: -(2 ** 40), totalFen: Number.MAX_SAFE_INTEGER, finesFen: -Number.MAX_SAFE_INTEGER };
    const saved = await repo.save(repo.create({ employeeId: ids.employee, month: '2027-01', revision: 1, validCalls: 0, callPayFen: 0, aLeads: 0, bLeads: 0, leadBonusFen: 0, score: 100, scoreBonusFen: 0, items: [], createdAt: at, ...big }));
    const loaded = await repo.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject(big);
    for (const k of Object.keys(big)) expect(typeof (loaded as unknown as Record<string, unknown>)[k]).toBe('number');
    const sum = await db().getRepository(E.Payslip).createQueryBuilder('p').select('SUM(p.base_fen)', 'fen').where('p.month = :m', { m: '2027-01' }).getRawOne();
    expect(Number(sum.fen)).toBe(2 ** 31);
  });

  test('a value beyond Number.MAX_SAFE_INTEGER is refused on write and on read, never rounded silently', async () => {
    const repo = db().getRepository(E.Collection);
    const row = { agentId: ids.employee, customer: 'x', recordedOn: '2027-01-02', month: '2027-01', recordedBy: 1, createdAt: at, reversesId: null, reason: null };
    await expect(repo.insert({ ...row, amountFen: Number.MAX_SAFE_INTEGER + 1 })).rejects.toThrow(/safe integer/);
    await expect(repo.insert({ ...row, amountFen: 1.5 })).rejects.toThrow(/safe integer/);
    const id = (await repo.insert({ ...row, amountFen: 1 })).identifiers[0].id as number;
    await db().query('UPDATE collections SET amount_fen = 9007199254740993 WHERE id = ?', [id]);
    await expect(repo.findOneByOrFail({ id })).rejects.toThrow(/safe integer/);
  });

  test('a collection is reversed at most once (unique on the row it reverses; NULLs never clash)', async () => {
    const repo = db().getRepository(E.Collection);
    const row = { agentId: ids.employee, customer: 'x', recordedOn: '2027-01-02', month: '2027-01', recordedBy: 1, createdAt: at, reason: 'r' };
    await repo.insert({ ...row, amountFen: -5, reversesId: ids.collection });
    await expect(repo.insert({ ...row, amountFen: -5, reversesId: ids.collection })).rejects.toThrow(/UNIQUE|Duplicate/i);
    await repo.insert({ ...row, amountFen: 5, reversesId: null });
    await repo.insert({ ...row, amountFen: 5, reversesId: null });
  });
});
