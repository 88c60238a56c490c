/**
 * Writes the month-end plan (month-end-plan.ts) with multi-row inserts, day by day: the rows the
 * services would write for the same messages (test/integration/services/month-end-builder.test.ts
 * builds a small month both ways and compares every table and what closing it gives). Values
 * come from the same pure functions the services call (assessRecord, cleanRow, judgeDay for the
 * lateness entered at the clock-in), and go through the entities' metadata and transformers.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  AuditEntry, Collection, CustomerRecord, DailyReport, Employee, LeaveRequest, MeetingCheckin, PlatformIdentity, PointEntry, Punch, Team, WeeklySummary,
} from '../../src/db/entities';
import { assessRecord } from '../../src/domain/customer-record';
import { judgeDay } from '../../src/domain/day-judgement';
import { mondayOf, monthOf, zonedMinute } from '../../src/domain/dates';
import type { LeaveCover } from '../../src/domain/leave-halves';
import { baseFenOf } from '../../src/services/attendance';
import { LATENESS_CODES } from '../../src/services/attendance/judge-employee-day';
import { cleanRow } from '../../src/services/reports/record-rows';
import type { ServiceContext } from '../../src/services/service-context';
import {
  benchWorkdays, coverOn, leaveCovers, planCollections, planDay, planLeaves, planSummaries, type PlanDay, type PlanOrg, type PlanPerson,
} from './month-end-plan';

const CHUNK = 1000;
const ORG_AT = new Date('2026-01-01T00:00:00Z');

/** Rows written, by table. */
export type BuildCounts = Record<string, number>;

async function insertRows<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, rows: object[], counts: BuildCounts, name: string): Promise<void> {
  for (let from = 0; from < rows.length; from += CHUNK) {
    await ds.createQueryBuilder().insert().into(entity).values(rows.slice(from, from + CHUNK) as never).updateEntity(false).execute();
  }
  counts[name] = (counts[name] ?? 0) + rows.length;
}

/** The organisation (teams, employees, a Feishu account each): the same rows for both writers. */
export async function writeOrg(ds: DataSource, org: PlanOrg, counts: BuildCounts = {}): Promise<void> {
  const stamp = { createdAt: ORG_AT, updatedAt: ORG_AT };
  await insertRows(ds, Team, org.teams.map((t) => ({ id: t.id, name: t.name, supervisorId: t.supervisorId, chats: null, ...stamp })), counts, 'teams');
  await insertRows(ds, Employee, org.people.map((p) => ({ ...p, ...stamp })), counts, 'employees');
  await insertRows(ds, PlatformIdentity, org.people.map((p) => ({ platform: 'feishu', externalId: `ou_${p.no}`, employeeId: p.id, ...stamp })), counts, 'platform_identities');
}

const misconductName = '值日';

/** The entry a supervisor's 值日 or an award writes (addManualEntry's fields). */
export function manualEntryFields(ctx: ServiceContext, kind: 'misconduct' | 'award'): Pick<PointEntry, 'points' | 'fineFen' | 'rule' | 'code' | 'reason'> {
  if (kind === 'award') return { points: 25, fineFen: 0, rule: 'award', code: 'award', reason: '客户表扬' };
  const m = ctx.policy.misconduct.find((x) => x.name === misconductName);
  if (!m) throw new Error(`policy has no misconduct ${misconductName}`);
  return { points: m.points, fineFen: m.fineFen, rule: m.rule, code: `misconduct:${m.name}`, reason: m.name };
}

/** What the bulk writer accumulates for one day. */
interface DayRows {
  punches: object[];
  checkins: object[];
  records: object[];
  reports: object[];
  entries: object[];
  audits: object[];
}

/** The lateness the clock-in enters at once (judgeEmployeeDayIn with scope 'lateness' and the one punch). */
function latenessRows(ctx: ServiceContext, p: PlanPerson, date: string, inAt: Date, cover: LeaveCover): object[] {
  const verdict = judgeDay({ ins: [zonedMinute(inAt, ctx.policy.timezone).minute], outs: [], leave: cover, checkin: null, baseFen: baseFenOf(ctx, p as Employee) }, ctx.policy);
  return verdict.incidents
    .filter((i) => LATENESS_CODES.has(i.code))
    .map((i) => ({
      employeeId: p.id, month: monthOf(date), workDate: date, points: i.points, fineFen: i.fineFen, rule: i.rule, code: i.code, sourceType: 'day',
      sourceId: `${p.id}:${date}`, generation: 0, reason: i.minutes ? `${i.minutes} 分钟` : null, createdBy: null, reversesId: null, createdAt: inAt,
    }));
}

function addDayRows(ctx: ServiceContext, p: PlanPerson, d: PlanDay, cover: LeaveCover, out: DayRows, nextRecordId: () => number): void {
  const tz = ctx.policy.timezone;
  if (d.inAt) {
    out.punches.push({ employeeId: p.id, workDate: d.date, at: d.inAt, kind: 'in', sourceEvent: null, createdAt: d.inAt });
    out.entries.push(...latenessRows(ctx, p, d.date, d.inAt, cover));
  }
  if (d.records) {
    const sentAt = d.records.at;
    d.records.rows.forEach((r, i) => {
      const phone = assessRecord(r.fields, ctx.policy.customerRecord.phonePattern).phone;
      const clean = cleanRow(i + 1, r.fields, phone !== null);
      const a = assessRecord(clean, ctx.policy.customerRecord.phonePattern);
      const id = nextRecordId();
      const q = r.qualify;
      out.records.push({
        id, ...clean, agentId: p.id, workDate: d.date, phone, grade: a.grade, complete: a.complete,
        visitedBy: q?.by ?? null, qualifiedBy: q?.by ?? null, qualifiedAt: q?.at ?? null, qualificationNote: q?.note ?? null,
        sentAt, createdAt: sentAt, updatedAt: q?.at ?? sentAt,
      });
      if (q) {
        out.audits.push({
          actorId: q.by, actor: null, action: 'lead.qualify', subjectType: 'customer_record', subjectId: String(id),
          details: { agentId: p.id, grade: a.grade, visitedBy: q.by, note: q.note }, at: q.at,
        });
      }
    });
  }
  if (d.checkinAt) out.checkins.push({ employeeId: p.id, workDate: d.date, at: d.checkinAt, sourceEvent: null, createdAt: d.checkinAt });
  if (d.outAt) out.punches.push({ employeeId: p.id, workDate: d.date, at: d.outAt, kind: 'out', sourceEvent: null, createdAt: d.outAt });
  if (d.report) {
    const at = d.report.at;
    out.reports.push({ employeeId: p.id, workDate: d.date, calls: d.report.calls, note: null, sentAt: at, sourceEvent: null, createdAt: at, updatedAt: at });
  }
  if (d.manual) {
    const workDate = zonedMinute(d.manual.at, tz).date;
    out.entries.push({
      ...manualEntryFields(ctx, d.manual.kind), employeeId: p.id, month: monthOf(workDate), workDate, sourceType: 'manual', sourceId: randomUUID(),
      generation: 0, createdBy: d.manual.by, reversesId: null, createdAt: d.manual.at,
    });
  }
}

/**
 * Writes the whole month of `org` (already written by writeOrg) into `ds`: leave, then each
 * workday's facts, collections and weekly summaries. Returns the rows written per table.
 */
export async function bulkWriteMonth(ds: DataSource, ctx: ServiceContext, org: PlanOrg, seed = 1, counts: BuildCounts = {}): Promise<BuildCounts> {
  const tz = ctx.policy.timezone;
  const leaves = planLeaves(org, ctx.calendar, seed);
  await insertRows(ds, LeaveRequest, leaves.map((l, i) => ({
    id: i + 1, employeeId: l.employeeId, kind: 'personal', ...l.span, reason: l.reason, status: l.approve ? 'approved' : 'rejected', filedBy: l.employeeId,
    requestedAt: l.sentAt, decidedBy: l.deciderId, decidedAt: l.decidedAt, decisionNote: null, attachmentId: null, createdAt: l.sentAt, updatedAt: l.decidedAt,
  })), counts, 'leave_requests');
  const covers = leaveCovers(leaves);
  let recordId = 0;
  const nextRecordId = () => ++recordId;
  const days = benchWorkdays(ctx.calendar);
  for (let di = 0; di < days.length; di++) {
    const date = days[di];
    const rows: DayRows = { punches: [], checkins: [], records: [], reports: [], entries: [], audits: [] };
    for (const p of org.people) {
      const cover = coverOn(covers, p.id, date);
      const d = planDay(org, p, date, di, cover, seed);
      if (d) addDayRows(ctx, p, d, cover, rows, nextRecordId);
    }
    await insertRows(ds, Punch, rows.punches, counts, 'punches');
    await insertRows(ds, MeetingCheckin, rows.checkins, counts, 'meeting_checkins');
    await insertRows(ds, CustomerRecord, rows.records, counts, 'customer_records');
    await insertRows(ds, DailyReport, rows.reports, counts, 'daily_reports');
    await insertRows(ds, PointEntry, rows.entries, counts, 'point_entries');
    await insertRows(ds, AuditEntry, rows.audits, counts, 'audit_log');
  }
  const collections = planCollections(org, ctx.calendar, seed);
  const paid = collections.map((c, i) => ({
    id: i + 1, agentId: c.agentId, amountFen: c.amountFen, customer: c.customer, recordedOn: zonedMinute(c.at, tz).date, month: monthOf(zonedMinute(c.at, tz).date),
    recordedBy: c.by, createdAt: c.at, reversesId: null, reason: null,
  }));
  const audits: object[] = paid.map((c) => ({
    actorId: c.recordedBy, actor: null, action: 'collection.record', subjectType: 'collection', subjectId: String(c.id),
    details: { agentId: c.agentId, amountFen: c.amountFen, customer: c.customer, month: c.month }, at: c.createdAt,
  }));
  const reversals: object[] = [];
  collections.forEach((c, i) => {
    if (!c.reversedAt) return;
    const original = paid[i];
    const id = paid.length + reversals.length + 1;
    const reason = '输错了';
    reversals.push({
      id, agentId: c.agentId, amountFen: -c.amountFen, customer: c.customer, recordedOn: zonedMinute(c.reversedAt, tz).date, month: original.month,
      recordedBy: c.by, createdAt: c.reversedAt, reversesId: original.id, reason,
    });
    audits.push({
      actorId: c.by, actor: null, action: 'collection.reverse', subjectType: 'collection', subjectId: String(original.id),
      details: { reversalId: id, agentId: c.agentId, amountFen: -c.amountFen, reason, month: original.month }, at: c.reversedAt,
    });
  });
  await insertRows(ds, Collection, [...paid, ...reversals], counts, 'collections');
  await insertRows(ds, AuditEntry, audits, counts, 'audit_log');
  await insertRows(ds, WeeklySummary, planSummaries(org, ctx.calendar, seed).map((s) => ({
    employeeId: s.employeeId, week: mondayOf(zonedMinute(s.sentAt, tz).date), text: s.text, sentAt: s.sentAt, createdAt: s.sentAt, updatedAt: s.sentAt,
  })), counts, 'weekly_summaries');
  return counts;
}
