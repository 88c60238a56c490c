/**
 * Writes the month-end plan through the real services, message by message (requestLeave and
 * decideLeave, recordPunch, addCustomerRecords, recordCheckin, submitDailyReport,
 * addManualEntry, qualifyLead, recordCollection and reverseCollection, submitWeeklySummary):
 * what the bulk writer (month-end-bulk.ts) must match. Slow; for a small month in a test.
 */
import { Employee } from '../../src/db/entities';
import { recordCheckin, recordPunch } from '../../src/services/attendance/punch-service';
import { decideLeave, requestLeave } from '../../src/services/leave';
import { addManualEntry } from '../../src/services/ledger/manual-entries';
import { recordCollection, reverseCollection } from '../../src/services/reports/collection-service';
import { addCustomerRecords } from '../../src/services/reports/customer-record-service';
import { submitDailyReport } from '../../src/services/reports/daily-report-service';
import { qualifyLead } from '../../src/services/reports/lead-qualification-service';
import { submitWeeklySummary } from '../../src/services/reports/weekly-summary-service';
import type { ServiceContext } from '../../src/services/service-context';
import { writeOrg } from './month-end-bulk';
import {
  benchWorkdays, coverOn, leaveCovers, planCollections, planDay, planLeaves, planSummaries, type PlanOrg, type PlanQualification,
} from './month-end-plan';

/** Writes `org` and its month through the services into `ctx.ds` (empty and migrated). */
export async function serviceWriteMonth(ctx: ServiceContext, org: PlanOrg, seed = 1): Promise<void> {
  await writeOrg(ctx.ds, org);
  const people = new Map((await ctx.ds.getRepository(Employee).find()).map((e) => [e.id, e]));
  const who = (id: number) => people.get(id) as Employee;
  const leaves = planLeaves(org, ctx.calendar, seed);
  for (const l of leaves) {
    const requester = who(l.employeeId);
    const { request } = await requestLeave(ctx, { requester, filer: requester, kind: 'personal', span: l.span, reason: l.reason, sentAt: l.sentAt });
    await decideLeave(ctx, { actor: who(l.deciderId), requestId: request.id, approve: l.approve, at: l.decidedAt });
  }
  const covers = leaveCovers(leaves);
  const qualifications: Array<{ recordId: number; q: PlanQualification }> = [];
  const days = benchWorkdays(ctx.calendar);
  for (let di = 0; di < days.length; di++) {
    for (const p of org.people) {
      const d = planDay(org, p, days[di], di, coverOn(covers, p.id, days[di]), seed);
      if (!d) continue;
      const e = who(p.id);
      if (d.inAt) await recordPunch(ctx, { employee: e, kind: 'in', at: d.inAt });
      if (d.records) {
        const r = await addCustomerRecords(ctx, { agent: e, records: d.records.rows.map((x) => x.fields), sentAt: d.records.at });
        d.records.rows.forEach((x, i) => x.qualify && qualifications.push({ recordId: r.records[i].id, q: x.qualify }));
      }
      if (d.checkinAt) await recordCheckin(ctx, { employee: e, at: d.checkinAt });
      if (d.outAt) await recordPunch(ctx, { employee: e, kind: 'out', at: d.outAt });
      if (d.report) await submitDailyReport(ctx, { employee: e, calls: d.report.calls, sentAt: d.report.at });
      if (d.manual) {
        const input = d.manual.kind === 'award' ? { kind: 'award' as const, points: 25, reason: '客户表扬' } : { kind: 'misconduct' as const, name: '值日' };
        await addManualEntry(ctx, { actor: who(d.manual.by), target: e, input, at: d.manual.at });
      }
    }
  }
  for (const { recordId, q } of qualifications) await qualifyLead(ctx, { actor: who(q.by), recordId, note: q.note, at: q.at });
  const collections = planCollections(org, ctx.calendar, seed);
  const ids: number[] = [];
  for (const c of collections) ids.push((await recordCollection(ctx, { actor: who(c.by), agent: who(c.agentId), amountFen: c.amountFen, customer: c.customer, at: c.at })).id);
  for (const [i, c] of collections.entries()) {
    if (c.reversedAt) await reverseCollection(ctx, { actor: who(c.by), collectionId: ids[i], reason: '输错了', at: c.reversedAt });
  }
  for (const s of planSummaries(org, ctx.calendar, seed)) await submitWeeklySummary(ctx, { employee: who(s.employeeId), text: s.text, sentAt: s.sentAt });
}
