import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { TEXT_COLUMN_CHARS } from '../../../src/config/policy-schema';
import * as E from '../../../src/db/entities';
import { ATTACHMENT_NAME_CHARS } from '../../../src/db/entities/attachment.entity';
import { storedFileName } from '../../../src/services/leave/sick-note-service';
import { POLICY } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/**
 * Issue 13: every free-text limit the policy schema allows (TEXT_COLUMN_CHARS, the most a
 * textLimits key may be) is stored whole by the real database, in the worst case: four-byte
 * characters, and control characters where the text is also copied into the audit log's JSON
 * (escaped as six bytes each). On MySQL one character more than a VARCHAR limit is refused, so
 * the schema's maximum is the column's own size, not a guess.
 */
const at = new Date('2026-12-03T01:02:03.456Z');
const wide = (n: number): string => '😀'.repeat(n);
let seq = 0;
/** A fresh employee id, so that rows unique per employee and day never collide. */
const someone = (): number => (seq += 1);
const longestMisconduct = POLICY.misconduct.map((m) => m.name).sort((a, b) => b.length - a.length)[0];

type Key = keyof typeof TEXT_COLUMN_CHARS;
/** Where each limited field is stored: a row with the field's text in it, and how to read it back. */
const HOMES: Array<[Key, string, EntityTarget<ObjectLiteral>, (text: string) => Record<string, unknown>, (row: ObjectLiteral) => unknown]> = [
  ['reason', 'leave_requests.reason, decision_note', E.LeaveRequest, (t) => ({
    employeeId: 1, kind: 'personal', startDate: '2026-12-04', startHalf: 'am', endDate: '2026-12-04', endHalf: 'pm', reason: t, status: 'rejected',
    filedBy: 1, requestedAt: at, decidedBy: 2, decidedAt: at, decisionNote: t, attachmentId: null, createdAt: at, updatedAt: at,
  }), (r) => [r.reason, r.decisionNote]],
  ['reason', 'point_entries.reason (a misconduct name, then the note)', E.PointEntry, (t) => ({
    employeeId: 1, month: '2026-12', workDate: '2026-12-03', points: -2, fineFen: 0, rule: 'H-17', code: 'misconduct:闲聊', sourceType: 'manual',
    sourceId: `limit-${someone()}`, generation: 0, reason: `${longestMisconduct}：${t}`, createdBy: 2, reversesId: null, createdAt: at,
  }), (r) => String(r.reason).slice(longestMisconduct.length + 1)],
  ['reason', 'audit_log.details of a reversal (JSON)', E.AuditEntry, (t) => ({
    actorId: 2, actor: null, action: 'ledger.reverse', subjectType: 'point_entry', subjectId: '1', details: { reversalId: 2147483647, reason: t }, at,
  }), (r) => (r.details as { reason: string }).reason],
  ['note', 'daily_reports.note', E.DailyReport, (t) => ({
    employeeId: someone(), workDate: '2026-12-03', calls: 1, note: t, sentAt: at, sourceEvent: null, createdAt: at, updatedAt: at,
  }), (r) => r.note],
  ['note', 'audit_log.details of a qualification (JSON)', E.AuditEntry, (t) => ({
    actorId: 2, actor: null, action: 'lead.qualify', subjectType: 'customer_record', subjectId: '1', details: { agentId: 2147483647, grade: 'A', visitedBy: 2147483647, note: t }, at,
  }), (r) => (r.details as { note: string }).note],
  ['summary', 'weekly_summaries.text', E.WeeklySummary, (t) => ({
    employeeId: someone(), week: '2026-11-30', text: t, sentAt: at, createdAt: at, updatedAt: at,
  }), (r) => r.text],
  ['company', 'collections.customer', E.Collection, (t) => ({
    agentId: 1, amountFen: 100, customer: t, recordedOn: '2026-12-03', month: '2026-12', recordedBy: 2, createdAt: at,
  }), (r) => r.customer],
];
const RECORD_KEYS = ['company', 'contact', 'titlePhone', 'headcount', 'itStatus'] as const;
const record = (f: Partial<Record<(typeof RECORD_KEYS)[number], string>>): Record<string, unknown> => ({
  agentId: 1, workDate: '2026-12-03', company: '华为', contact: '张', titlePhone: 'IT', phone: null, headcount: '1', itStatus: '无', grade: 'C',
  complete: false, visitedBy: null, qualifiedBy: null, qualifiedAt: null, qualificationNote: null, sentAt: at, createdAt: at, updatedAt: at, ...f,
});

describeEachDb('text limits fit their columns (issue 13)', (db, kind) => {
  const roundTrip = async (target: EntityTarget<ObjectLiteral>, values: Record<string, unknown>): Promise<ObjectLiteral> => {
    const repo = db().getRepository(target);
    const saved = await repo.save(repo.create(values));
    return repo.findOneByOrFail({ id: saved.id });
  };

  test('the policy in config/ is within the schema maxima this test stores', () => {
    for (const key of Object.keys(TEXT_COLUMN_CHARS) as Key[]) expect(POLICY.textLimits[key]).toBeLessThanOrEqual(TEXT_COLUMN_CHARS[key]);
  });

  test.each(HOMES.map(([key, where, target, row, read]) => [`${key} → ${where}`, key, target, row, read] as const))(
    '%s holds the maximum whole, in four-byte and in escaped characters',
    async (_title, key, target, row, read) => {
      for (const text of [wide(TEXT_COLUMN_CHARS[key]), '\u0001'.repeat(TEXT_COLUMN_CHARS[key])]) {
        const stored = read(await roundTrip(target, row(text)));
        expect(Array.isArray(stored) ? stored : [stored]).toEqual(Array.isArray(stored) ? stored.map(() => text) : [text]);
      }
    },
  );

  test.each(RECORD_KEYS)('customer_records.%s holds its maximum whole; on MySQL one character more is refused', async (key) => {
    const max = TEXT_COLUMN_CHARS[key];
    const row = await roundTrip(E.CustomerRecord, record({ [key]: wide(max) }));
    expect(row[key]).toBe(wide(max));
    if (kind === 'mysql') await expect(roundTrip(E.CustomerRecord, record({ [key]: wide(max + 1) }))).rejects.toThrow(/too long/i);
  });

  test('a platform file name longer than its column is shortened keeping its extension, and stored', async () => {
    const name = `${'病'.repeat(400)}.jpeg`;
    const stored = storedFileName(name)!;
    expect([...stored]).toHaveLength(ATTACHMENT_NAME_CHARS);
    expect(stored.endsWith('病….jpeg')).toBe(true);
    expect(storedFileName('病假条.jpg')).toBe('病假条.jpg');
    const row = await roundTrip(E.Attachment, { employeeId: 1, platform: 'web', platformKey: 'k', fileName: stored, mimeType: null, size: 1, content: Buffer.from([1]), createdAt: at });
    expect(row.fileName).toBe(stored);
  });
});
