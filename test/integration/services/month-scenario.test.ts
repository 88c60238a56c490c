/**
 * October 2026 end to end (H-8…H-14, docs/rules.md "How the rules read at their edges"): one team
 * punches, files records, takes leave, is fined and awarded through the real services for a
 * whole month; every day is closed by the close-day job, every week by the weekly check, and
 * the month by closeMonth. Each pay slip is worked out by hand below and compared to the fen.
 *
 * The calendar (chinese-days data, asserted in the first test): 2026-10-01..07 National Day
 * off; 2026-09-20 (Sunday) and 2026-10-10 (Saturday) make-up workdays. October's workdays:
 * 10-08, 10-09, 10-10 (Sat), 10-12..16, 10-19..23, 10-26..30 = 18. From 10-12: 15.
 *
 * Money (policy: base 1000 yuan, divisor 21.75, ×3 for absence, half day = 1.5 × daily base):
 *   base 100000 fen: whole day absent = round(100000 × 3 / 21.75) = round(13793.10) = 13793,
 *                    half day        = round(100000 × 1.5 / 21.75) = round(6896.55) = 6897.
 *   base 120000 fen: whole day       = round(120000 × 3 / 21.75) = round(16551.72) = 16552,
 *                    half day        = round(120000 × 1.5 / 21.75) = round(8275.86) = 8276.
 *   ≤30 minutes late/early, or a missing punch: −2 points, 1000 fen. Meeting late/absent: −2.
 *   Weekly summary missing: −5. 值日 −5 and 500 fen; 私人电话 −10 and 10000 fen.
 *
 * The people (employee_no order):
 *   E01 王强 supervisor (base 1000)   E02 张伟 agent (1000)          E03 李娜 agent (1200 yuan)
 *   E04 陈静 agent, starts 2026-10-12  E05 刘洋 salesperson (1000)    E09 赵敏 admin (not judged)
 * Every judged person's workday is 08:55 in / 17:00 meeting check-in / 18:05 out unless listed.
 *
 * E01 王强
 *   10-09 in 09:10: late 10 min                                        −2 pts, 1000 fen
 *   10-16 award +12 by the admin (带教新人); 10-23 award +10 (业绩第一)  +22 pts
 *   10-29 personal leave, requested 10-28, approved by the admin (his own approval refused)
 *   summaries every week → none missing
 *   base 100000 | valid calls 0 (supervisors file no records) → 0 | leads 0 | collected 0 → 0
 *   score 100 − 2 + 22 = 120 → not above 120 → bonus 0 | fines 1000
 *   total = 100000 + 0 + 0 + 0 + 0 − 1000 = 99000
 *
 * E02 张伟
 *   10-08 in 09:20: late 20 min                                        −2, 1000
 *   10-09 in 09:45: late 45 min = half day absent                      −5, 6897
 *   10-10 (make-up Saturday) a normal day                               —
 *   10-12 out 17:40: early 20 min                                      −2, 1000
 *   10-13 no clock-out: missing punch                                  −2, 1000
 *   10-14 approved personal leave (whole day; requested 10-13)           — (not judged)
 *   10-15 approved morning leave; in 13:10 = 10 min after 13:00         −2, 1000
 *         (without the leave 13:10 would be a half day absent)
 *   10-16 值日 by the supervisor (−5, 500), reversed the same day         net 0
 *   10-27 no punch; leave requested 10-26 in time but still pending      −10, 13793
 *   week of 09-28 (deadline 09-30) summary missing: −5 in 2026-09, not in October
 *   records: 10-08 three complete (A, B, C) + one without contact; 10-21 A, B and one
 *            completed the same day by a second message (counts once) → 6 valid calls
 *   leads qualified by 刘洋: A 10-09, B 10-22, B 10-31 23:59 (Shanghai) → A 1, B 2;
 *            A qualified 2026-11-01 00:00:30 (Shanghai) is November's
 *   collections: 888888 fen on 10-20; 100000 fen on 11-01 is November's
 *   base 100000 | calls 6 × 50 = 300 | leads 1 × 10000 + 2 × 5000 = 20000
 *   commission 1% × 888888 = 8888.88 → 8889
 *   score 100 − 2 − 5 − 2 − 2 − 2 − 10 (−5 + 5) = 77 → below 80 → −20000
 *   fines 1000 + 6897 + 1000 + 1000 + 1000 + 13793 (+ 500 − 500) = 24690
 *   total = 100000 + 300 + 20000 + 8889 − 20000 − 24690 = 84499
 *
 * E03 李娜 (base 120000)
 *   10-10 (make-up Saturday) no punch: whole day absent                −10, 16552
 *   10-19 in 09:31: late 31 min = half day absent                      −5, 8276
 *   10-20 leave requested 10-19, rejected; no punch: whole day absent  −10, 16552
 *   10-22..23 sick leave with a note (approval before the note refused) — (not judged)
 *   week of 10-19 (deadline Fri 10-23 18:00) summary missing            −5
 *   10-26 私人电话 by the supervisor                                    −10, 10000
 *   10-28 no meeting check-in                                          −2
 *   records: 10-12 five complete + two incomplete (blank contact; no phone); 10-26 four
 *            complete → 9 valid calls; one B qualified 10-13
 *   collections 50000 + 12345 = 62345 fen
 *   base 120000 | calls 9 × 50 = 450 | leads 1 × 5000 = 5000
 *   commission 1% × 62345 = 623.45 → 623
 *   score 100 − 10 − 5 − 10 − 5 − 10 − 2 = 58 → −20000
 *   fines 16552 + 8276 + 16552 + 10000 = 51380
 *   total = 120000 + 450 + 5000 + 623 − 20000 − 51380 = 54693
 *
 * E04 陈静 (starts 2026-10-12)
 *   10-09 a clock-in at 10:30 before her start date: not judged        —
 *   10-15 in 09:05: late 5 min (−2, 1000), reversed by the supervisor: waived, the day's
 *         close does not add it back                                   net 0
 *   week of 10-05 not due (no judged day); later weeks handed in
 *   records 10-13 two complete, 10-27 two complete (one A, qualified 10-28) → 4 calls, A 1
 *   base = round(100000 × 15 / 21.75) = round(68965.52) = 68966 (≤ 100000)
 *   calls 4 × 50 = 200 | leads 10000 | commission 0 | score 100 → 0 | fines 0
 *   total = 68966 + 200 + 10000 = 79166
 *
 * E05 刘洋
 *   10-21 meeting check-in 17:10 (grace ends 17:05:59): late            −2
 *   10-30 award +25 by the supervisor (签约大单)                         +25
 *   base 100000 | score 100 − 2 + 25 = 123 → above 120 → +20000 | fines 0
 *   total = 100000 + 20000 = 120000
 *
 * E09 赵敏 admin: not judged; base 100000, score 100, total 100000.
 *
 * After the close: on 11-02 the supervisor approves 张伟's 10-27 leave (sent in time, so it
 * excuses the day): the absence is reversed in October's ledger → score 87 (bonus 0), fines
 * 24690 − 13793 = 10897, total = 100000 + 300 + 20000 + 8889 + 0 − 10897 = 118292.
 */
import type { DataSource } from 'typeorm';
import { ForbiddenError, UserError } from '../../../src/core/errors';
import { AttendanceDay, AuditEntry, Employee, Payslip, PointEntry, Team } from '../../../src/db/entities';
import type { RecordFields } from '../../../src/domain/customer-record';
import { datesBetween } from '../../../src/domain/dates';
import type { LeaveSpan } from '../../../src/domain/leave-halves';
import type { Role } from '../../../src/domain/roles';
import { findJob, type JobSpec } from '../../../src/jobs/job-specs';
import { runJob, type JobOutcome } from '../../../src/jobs/run-job';
import { recordCheckin, recordPunch } from '../../../src/services/attendance';
import { attachSickNote, decideLeave, requestLeave } from '../../../src/services/leave';
import { addManualEntry, monthStatement, reverseEntry } from '../../../src/services/ledger';
import { closeMonth, latestPayslips, pendingChanges, type CloseMonthResult } from '../../../src/services/payroll';
import { addCustomerRecords, qualifyLead, recordCollection, submitWeeklySummary } from '../../../src/services/reports';
import type { ServiceContext } from '../../../src/services/service-context';
import { CALENDAR, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

type Key = 'wq' | 'zw' | 'ln' | 'cj' | 'ly' | 'zm';
type People = Record<Key, Employee>;

const STAMP = new Date('2026-01-01T00:00:00Z');

async function createOrg(ds: DataSource): Promise<People> {
  const team = await ds.getRepository(Team).save({ name: '十月组', supervisorId: null, chats: null, createdAt: STAMP, updatedAt: STAMP });
  const make = (no: string, name: string, role: Role, extra: Partial<Employee> = {}) =>
    ds.getRepository(Employee).save({
      no, name, role, teamId: role === 'admin' ? null : team.id, baseSalaryFen: null, startDate: null, endDate: null, createdAt: STAMP, updatedAt: STAMP, ...extra,
    });
  // Created out of employee_no order on purpose: pay slips and exports sort by number.
  const zm = await make('E09', '赵敏', 'admin');
  const ly = await make('E05', '刘洋', 'salesperson');
  const wq = await make('E01', '王强', 'supervisor');
  const zw = await make('E02', '张伟', 'agent');
  const ln = await make('E03', '李娜', 'agent', { baseSalaryFen: 120000 });
  const cj = await make('E04', '陈静', 'agent', { startDate: '2026-10-12' });
  await ds.getRepository(Team).update({ id: team.id }, { supervisorId: wq.id });
  return { wq, zw, ln, cj, ly, zm };
}

/** One person's punches on a day: HH:MM:SS in Shanghai, or null for none. */
interface DayPlan {
  in: string | null;
  out: string | null;
  checkin: string | null;
}

const NORMAL: DayPlan = { in: '08:55:00', out: '18:05:00', checkin: '17:00:00' };
const NONE: DayPlan = { in: null, out: null, checkin: null };

/** Everyone's deviations from a normal day (docs/rules.md edges; the header works out each). */
const DEVIATIONS: Partial<Record<Key, Record<string, Partial<DayPlan>>>> = {
  wq: { '2026-10-09': { in: '09:10:00' }, '2026-10-29': NONE },
  zw: {
    '2026-10-08': { in: '09:20:00' },
    '2026-10-09': { in: '09:45:00' },
    '2026-10-12': { out: '17:40:00' },
    '2026-10-13': { out: null },
    '2026-10-14': NONE,
    '2026-10-15': { in: '13:10:00' },
    '2026-10-27': NONE,
  },
  ln: { '2026-10-10': NONE, '2026-10-19': { in: '09:31:00' }, '2026-10-20': NONE, '2026-10-22': NONE, '2026-10-23': NONE, '2026-10-28': { checkin: null } },
  cj: { '2026-10-09': { in: '10:30:00', out: null, checkin: null }, '2026-10-15': { in: '09:05:00' } },
  ly: { '2026-10-21': { checkin: '17:10:00' } },
};

const OCTOBER = datesBetween('2026-10-01', '2026-10-31');

/** A customer record; `over` blanks or changes fields. */
const rec = (company: string, phone: string, grade?: string, over: Partial<RecordFields> = {}): RecordFields => ({
  company, contact: '张经理', titlePhone: `IT经理 ${phone}`, headcount: '200', itStatus: '已上ERP', grade, ...over,
});

function job(name: string): JobSpec {
  const j = findJob(name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

async function caught(work: Promise<unknown>): Promise<unknown> {
  return work.then(() => undefined, (e: unknown) => e);
}

/** What the script saw on the way, for the tests to assert. */
interface Seen {
  records: Record<string, number>;
  leave: Record<string, number>;
  closeDays: Record<string, JobOutcome>;
  weeks: Record<string, JobOutcome>;
  refusals: Record<string, unknown>;
  sameDayResend?: { status: string; complete: boolean; validCalls: number };
  waivedLateId?: number;
  close?: CloseMonthResult;
}

/**
 * The month as a timeline of steps at Shanghai wall times, run in time order: punches, records,
 * leave, ledger entries, collections, summaries, each day's close (23:50) and each week's
 * check (23:55 on its deadline day), then the month's close on 11-01 02:00.
 */
async function runOctober(ctx: ServiceContext, p: People): Promise<Seen> {
  const seen: Seen = { records: {}, leave: {}, closeDays: {}, weeks: {}, refusals: {} };
  const steps: Array<{ at: string; run: () => Promise<unknown> }> = [];
  const at = (when: string, run: () => Promise<unknown>) => steps.push({ at: when, run });

  // Punches: every workday for every judged person employed that day, with the deviations.
  for (const key of ['wq', 'zw', 'ln', 'cj', 'ly'] as const) {
    const e = p[key];
    for (const d of OCTOBER.filter((x) => CALENDAR.day(x).workday)) {
      const base = e.startDate && d < e.startDate ? NONE : NORMAL;
      const plan = { ...base, ...(DEVIATIONS[key]?.[d] ?? {}) };
      if (plan.in) at(`${d} ${plan.in}`, () => recordPunch(ctx, { employee: e, kind: 'in', at: sh(`${d} ${plan.in}`) }));
      if (plan.checkin) at(`${d} ${plan.checkin}`, () => recordCheckin(ctx, { employee: e, at: sh(`${d} ${plan.checkin}`) }));
      if (plan.out) at(`${d} ${plan.out}`, () => recordPunch(ctx, { employee: e, kind: 'out', at: sh(`${d} ${plan.out}`) }));
    }
  }
  for (const d of OCTOBER) {
    at(`${d} 23:50:00`, async () => {
      seen.closeDays[d] = await runJob(testJobDeps(ctx), job('close-day'), d, { now: sh(`${d} 23:50:00`) });
    });
  }

  // H-13: summaries by week (Monday → when and who); the check runs at 23:55 on the deadline day.
  const summaries: Array<[string, string, Key[], string]> = [
    ['2026-09-28', '2026-09-30 16:00:00', ['wq', 'ln', 'ly'], '2026-09-30'], // 张伟 misses September's
    ['2026-10-05', '2026-10-09 17:30:00', ['wq', 'zw', 'ln', 'ly'], '2026-10-10'], // 陈静 not yet employed: not due
    ['2026-10-12', '2026-10-16 16:00:00', ['wq', 'zw', 'ln', 'cj', 'ly'], '2026-10-16'],
    ['2026-10-19', '2026-10-23 16:00:00', ['wq', 'zw', 'cj', 'ly'], '2026-10-23'], // 李娜 misses this one
    ['2026-10-26', '2026-10-30 16:00:00', ['wq', 'zw', 'ln', 'cj', 'ly'], '2026-10-30'],
  ];
  for (const [monday, when, who, deadlineDay] of summaries) {
    for (const k of who) at(when, () => submitWeeklySummary(ctx, { employee: p[k], text: `${monday} 周总结`, sentAt: sh(when) }));
    at(`${deadlineDay} 23:55:00`, async () => {
      seen.weeks[monday] = await runJob(testJobDeps(ctx), job('weekly-summary-check'), monday, { now: sh(`${deadlineDay} 23:55:00`) });
    });
  }

  // Customer records (H-3) and qualified leads (H-4).
  const store = (who: Key, when: string, names: string[], rows: RecordFields[]) =>
    at(when, async () => {
      const r = await addCustomerRecords(ctx, { agent: p[who], records: rows, sentAt: sh(when) });
      names.forEach((n, i) => (seen.records[n] = r.records[i].id));
      return r;
    });
  store('zw', '2026-10-08 11:00:00', ['r1', 'r2', 'r3', 'r4'], [
    rec('华为技术', '13800000001', 'A'), rec('中兴通讯', '13800000002', 'B'), rec('小米科技', '13800000003'), rec('联想集团', '13800000004', 'A', { contact: '' }),
  ]);
  store('ln', '2026-10-12 10:00:00', ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'], [
    rec('格力电器', '13900000001', 'B'), rec('美的集团', '13900000002'), rec('海尔智家', '13900000003'), rec('TCL', '13900000004'), rec('长虹', '13900000005'),
    rec('康佳', '13900000006', 'B', { contact: '  ' }), rec('创维', '', 'A', { titlePhone: 'IT经理' }),
  ]);
  store('cj', '2026-10-13 10:00:00', ['c1', 'c2'], [rec('比亚迪', '13700000001'), rec('吉利', '13700000002')]);
  store('zw', '2026-10-21 10:00:00', ['r5', 'r6', 'r7'], [rec('百度', '13800000005', 'A'), rec('阿里巴巴', '13800000006', 'B'), rec('腾讯', '13800000007', 'C', { headcount: '' })]);
  at('2026-10-21 15:00:00', async () => {
    const r = await addCustomerRecords(ctx, { agent: p.zw, records: [rec('腾讯', '13800000007', 'C', { headcount: '50' })], sentAt: sh('2026-10-21 15:00:00') });
    seen.sameDayResend = { status: r.records[0].status, complete: r.records[0].complete, validCalls: r.validCalls };
  });
  store('ln', '2026-10-26 10:00:00', ['l8', 'l9', 'l10', 'l11'], [rec('京东', '13900000011'), rec('网易', '13900000012'), rec('美团', '13900000013'), rec('滴滴', '13900000014')]);
  store('cj', '2026-10-27 10:00:00', ['c3', 'c4'], [rec('蔚来', '13700000003', 'A'), rec('小鹏', '13700000004')]);
  const qualify = (name: string, when: string) =>
    at(when, () => qualifyLead(ctx, { actor: p.ly, recordId: seen.records[name], note: '已拜访 档案完整 已签字', at: sh(when) }));
  qualify('r1', '2026-10-09 15:00:00');
  qualify('l1', '2026-10-13 15:00:00');
  qualify('r2', '2026-10-22 14:00:00');
  qualify('c3', '2026-10-28 15:00:00');
  qualify('r6', '2026-10-31 23:59:00');
  qualify('r5', '2026-11-01 00:00:30');
  at('2026-10-09 15:30:00', async () => {
    seen.refusals.qualifyC = await caught(qualifyLead(ctx, { actor: p.ly, recordId: seen.records.r3, note: '已拜访 档案完整 已签字', at: sh('2026-10-09 15:30:00') }));
    seen.refusals.qualifyIncomplete = await caught(qualifyLead(ctx, { actor: p.ly, recordId: seen.records.r4, note: '已拜访 档案完整 已签字', at: sh('2026-10-09 15:30:00') }));
  });

  // Leave (H-14).
  const full = (d: string): LeaveSpan => ({ startDate: d, startHalf: 'am', endDate: d, endHalf: 'pm' });
  const ask = (name: string, who: Key, kind: 'personal' | 'sick', span: LeaveSpan, when: string) =>
    at(when, async () => {
      seen.leave[name] = (await requestLeave(ctx, { requester: p[who], filer: p[who], kind, span, reason: '家里有事', sentAt: sh(when) })).request.id;
    });
  const decide = (name: string, actor: Key, approve: boolean, when: string) =>
    at(when, () => decideLeave(ctx, { actor: p[actor], requestId: seen.leave[name], approve, at: sh(when) }));
  ask('zwFull', 'zw', 'personal', full('2026-10-14'), '2026-10-13 10:00:00');
  decide('zwFull', 'wq', true, '2026-10-13 11:00:00');
  ask('zwMorning', 'zw', 'personal', { ...full('2026-10-15'), endHalf: 'am' }, '2026-10-14 09:00:00');
  decide('zwMorning', 'wq', true, '2026-10-14 09:30:00');
  ask('lnRejected', 'ln', 'personal', full('2026-10-20'), '2026-10-19 12:00:00');
  decide('lnRejected', 'wq', false, '2026-10-19 18:30:00');
  ask('lnSick', 'ln', 'sick', { ...full('2026-10-22'), endDate: '2026-10-23' }, '2026-10-21 09:00:00');
  at('2026-10-21 09:30:00', async () => {
    seen.refusals.sickWithoutNote = await caught(decideLeave(ctx, { actor: p.wq, requestId: seen.leave.lnSick, approve: true, at: sh('2026-10-21 09:30:00') }));
  });
  at('2026-10-21 10:00:00', () =>
    attachSickNote(ctx, { employee: p.ln, file: { platform: 'feishu', platformKey: 'img_sick_note', fileName: '病假条.jpg', mimeType: 'image/jpeg', content: Buffer.from('note') }, at: sh('2026-10-21 10:00:00') }),
  );
  decide('lnSick', 'wq', true, '2026-10-21 11:00:00');
  ask('zwPending', 'zw', 'personal', full('2026-10-27'), '2026-10-26 09:00:00'); // decided only after the month's close
  ask('wqFull', 'wq', 'personal', full('2026-10-29'), '2026-10-28 09:00:00');
  at('2026-10-28 09:10:00', async () => {
    seen.refusals.selfApproval = await caught(decideLeave(ctx, { actor: p.wq, requestId: seen.leave.wqFull, approve: true, at: sh('2026-10-28 09:10:00') }));
  });
  decide('wqFull', 'zm', true, '2026-10-28 10:00:00');

  // Supervisors' entries (H-15…H-19, awards) and reversals.
  at('2026-10-15 10:00:00', async () => {
    const late = await ctx.ds.getRepository(PointEntry).findOneByOrFail({ employeeId: p.cj.id, workDate: '2026-10-15', code: 'late' });
    seen.waivedLateId = late.id;
    return reverseEntry(ctx, { actor: p.wq, entryId: late.id, reason: '电梯故障，已核实', at: sh('2026-10-15 10:00:00') });
  });
  at('2026-10-16 10:00:00', async () => {
    const duty = await addManualEntry(ctx, { actor: p.wq, target: p.zw, input: { kind: 'misconduct', name: '值日' }, at: sh('2026-10-16 10:00:00') });
    seen.records.duty = duty.id;
  });
  at('2026-10-16 18:30:00', () => reverseEntry(ctx, { actor: p.wq, entryId: seen.records.duty, reason: '误记：当天不是他值日', at: sh('2026-10-16 18:30:00') }));
  at('2026-10-16 11:00:00', () => addManualEntry(ctx, { actor: p.zm, target: p.wq, input: { kind: 'award', points: 12, reason: '带教新人' }, at: sh('2026-10-16 11:00:00') }));
  at('2026-10-23 11:00:00', () => addManualEntry(ctx, { actor: p.zm, target: p.wq, input: { kind: 'award', points: 10, reason: '本周小组业绩第一' }, at: sh('2026-10-23 11:00:00') }));
  at('2026-10-26 15:00:00', () => addManualEntry(ctx, { actor: p.wq, target: p.ln, input: { kind: 'misconduct', name: '私人电话' }, at: sh('2026-10-26 15:00:00') }));
  at('2026-10-30 17:30:00', () => addManualEntry(ctx, { actor: p.wq, target: p.ly, input: { kind: 'award', points: 25, reason: '签约大单' }, at: sh('2026-10-30 17:30:00') }));

  // Collections (H-8): counted in the month recorded.
  const collect = (actor: Key, agent: Key, fen: number, customer: string, when: string) =>
    at(when, () => recordCollection(ctx, { actor: p[actor], agent: p[agent], amountFen: fen, customer, at: sh(when) }));
  collect('wq', 'ln', 50000, '格力电器', '2026-10-15 11:00:00');
  collect('wq', 'zw', 888888, '中兴通讯', '2026-10-20 10:00:00');
  collect('zm', 'ln', 12345, '美的集团', '2026-10-29 11:00:00');

  at('2026-11-01 02:00:00', async () => {
    seen.close = await closeMonth(ctx, '2026-10', { now: sh('2026-11-01 02:00:00') });
  });

  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const s of steps) await s.run();
  return seen;
}

/** The stored figures of a pay slip, without ids, items and stamps. */
function figures(p: Payslip) {
  return {
    baseFen: p.baseFen, validCalls: p.validCalls, callPayFen: p.callPayFen, aLeads: p.aLeads, bLeads: p.bLeads, leadBonusFen: p.leadBonusFen,
    collectedFen: p.collectedFen, commissionFen: p.commissionFen, score: p.score, scoreBonusFen: p.scoreBonusFen, finesFen: p.finesFen, totalFen: p.totalFen,
  };
}

const ZERO = { validCalls: 0, callPayFen: 0, aLeads: 0, bLeads: 0, leadBonusFen: 0, collectedFen: 0, commissionFen: 0 };

/** The hand-computed pay slips of the header, in fen. */
const EXPECTED: Record<string, ReturnType<typeof figures>> = {
  E01: { ...ZERO, baseFen: 100000, score: 120, scoreBonusFen: 0, finesFen: 1000, totalFen: 99000 },
  E02: {
    baseFen: 100000, validCalls: 6, callPayFen: 300, aLeads: 1, bLeads: 2, leadBonusFen: 20000, collectedFen: 888888, commissionFen: 8889,
    score: 77, scoreBonusFen: -20000, finesFen: 24690, totalFen: 84499,
  },
  E03: {
    baseFen: 120000, validCalls: 9, callPayFen: 450, aLeads: 0, bLeads: 1, leadBonusFen: 5000, collectedFen: 62345, commissionFen: 623,
    score: 58, scoreBonusFen: -20000, finesFen: 51380, totalFen: 54693,
  },
  E04: { ...ZERO, baseFen: 68966, validCalls: 4, callPayFen: 200, aLeads: 1, leadBonusFen: 10000, score: 100, scoreBonusFen: 0, finesFen: 0, totalFen: 79166 },
  E05: { ...ZERO, baseFen: 100000, score: 123, scoreBonusFen: 20000, finesFen: 0, totalFen: 120000 },
  E09: { ...ZERO, baseFen: 100000, score: 100, scoreBonusFen: 0, finesFen: 0, totalFen: 100000 },
};

/** 张伟 after the late approval of his 10-27 leave. */
const ZW_REVISED = { ...EXPECTED.E02, score: 87, scoreBonusFen: 0, finesFen: 10897, totalFen: 118292 };

/** The live entries (neither a reversal nor reversed) of one employee's month: [date, code, points, fine]. */
async function liveEntries(ds: DataSource, employeeId: number, month: string): Promise<Array<[string, string, number, number]>> {
  const all = await ds.getRepository(PointEntry).find({ where: { employeeId, month }, order: { workDate: 'ASC', code: 'ASC', id: 'ASC' } });
  const reversed = new Set(all.map((e) => e.reversesId).filter((id) => id !== null));
  return all.filter((e) => e.reversesId === null && !reversed.has(e.id)).map((e) => [e.workDate, e.code, e.points, e.fineFen]);
}

async function payslipsByNo(ds: DataSource): Promise<Record<string, Payslip[]>> {
  const slips = await ds.getRepository(Payslip).find({ where: { month: '2026-10' }, order: { revision: 'ASC' } });
  const nos = new Map((await ds.getRepository(Employee).find()).map((e) => [e.id, e.no]));
  const out: Record<string, Payslip[]> = {};
  for (const s of slips) (out[nos.get(s.employeeId) as string] ??= []).push(s);
  return out;
}

describeEachDb('October 2026: a month closed end to end (H-8…H-14)', (db) => {
  const ctx = () => serviceContext(db());
  let p: People;
  let seen: Seen;
  let firstClose: Record<string, Payslip[]>;

  beforeAll(async () => {
    p = await createOrg(db());
    seen = await runOctober(ctx(), p);
    firstClose = await payslipsByNo(db());
  }, 600_000);

  test('the calendar the scenario relies on: National Day off, make-up Saturday 10-10, 18 workdays', () => {
    for (const d of datesBetween('2026-10-01', '2026-10-07')) expect(CALENDAR.day(d)).toMatchObject({ kind: 'holiday', workday: false });
    expect(CALENDAR.day('2026-09-20')).toMatchObject({ kind: 'makeup', workday: true });
    expect(CALENDAR.day('2026-10-10')).toMatchObject({ kind: 'makeup', workday: true });
    expect(CALENDAR.day('2026-10-11')).toMatchObject({ kind: 'weekend', workday: false });
    expect(CALENDAR.workdays('2026-10-01', '2026-10-31')).toHaveLength(18);
    expect(CALENDAR.workdays('2026-10-12', '2026-10-31')).toHaveLength(15);
  });

  test('every day of October was closed once by the close-day job; holidays judge nobody', () => {
    expect(Object.keys(seen.closeDays)).toEqual(OCTOBER);
    for (const d of OCTOBER) expect(seen.closeDays[d].ran).toBe(true);
    const outcome = (d: string) => (seen.closeDays[d] as { outcome: string }).outcome;
    expect(outcome('2026-10-01')).toMatch(/^2026-10-01: judged 0, 0 incidents/);
    expect(outcome('2026-10-11')).toMatch(/judged 0,/);
    // 10-10: 王强, 张伟, 李娜, 刘洋 (陈静 starts on 10-12); 李娜's absence is the one incident.
    expect(outcome('2026-10-10')).toMatch(/^2026-10-10: judged 4, 1 incidents, 1 entries added, 0 reversed$/);
    // 10-29: 王强 on leave is judged (status leave) with no incident; 5 judged.
    expect(outcome('2026-10-29')).toMatch(/^2026-10-29: judged 5, 0 incidents/);
    for (const w of ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']) expect(seen.weeks[w].ran).toBe(true);
  });

  test('refusals on the way: C and incomplete records cannot be qualified; sick leave needs its note; nobody approves their own leave', () => {
    expect(seen.refusals.qualifyC).toBeInstanceOf(UserError);
    expect(seen.refusals.qualifyC).toMatchObject({ code: 'lead.not-qualifiable' });
    expect(seen.refusals.qualifyIncomplete).toMatchObject({ code: 'lead.not-qualifiable' });
    expect(seen.refusals.sickWithoutNote).toMatchObject({ code: 'leave.needs-note' });
    expect(seen.refusals.selfApproval).toBeInstanceOf(ForbiddenError);
    expect(seen.refusals.selfApproval).toMatchObject({ code: 'leave.self' });
    expect(seen.sameDayResend).toEqual({ status: 'updated', complete: true, validCalls: 3 });
  });

  test('the October ledger of each person is exactly the hand-worked list', async () => {
    expect(await liveEntries(db(), p.wq.id, '2026-10')).toEqual([
      ['2026-10-09', 'late', -2, 1000],
      ['2026-10-16', 'award', 12, 0],
      ['2026-10-23', 'award', 10, 0],
    ]);
    expect(await liveEntries(db(), p.zw.id, '2026-10')).toEqual([
      ['2026-10-08', 'late', -2, 1000],
      ['2026-10-09', 'late-half', -5, 6897],
      ['2026-10-12', 'early', -2, 1000],
      ['2026-10-13', 'missing-out', -2, 1000],
      ['2026-10-15', 'late', -2, 1000],
      ['2026-10-27', 'absent-day', -10, 13793],
    ]);
    expect(await liveEntries(db(), p.ln.id, '2026-10')).toEqual([
      ['2026-10-10', 'absent-day', -10, 16552],
      ['2026-10-19', 'late-half', -5, 8276],
      ['2026-10-20', 'absent-day', -10, 16552],
      ['2026-10-23', 'summary-missing', -5, 0],
      ['2026-10-26', 'misconduct:私人电话', -10, 10000],
      ['2026-10-28', 'meeting-absent', -2, 0],
    ]);
    expect(await liveEntries(db(), p.cj.id, '2026-10')).toEqual([]);
    expect(await liveEntries(db(), p.ly.id, '2026-10')).toEqual([
      ['2026-10-21', 'meeting-late', -2, 0],
      ['2026-10-30', 'award', 25, 0],
    ]);
    expect(await liveEntries(db(), p.zm.id, '2026-10')).toEqual([]);
    // The missing September summary (deadline Wed 09-30) belongs to September, not October.
    expect(await liveEntries(db(), p.zw.id, '2026-09')).toEqual([['2026-09-30', 'summary-missing', -5, 0]]);
  });

  test('reversals: 值日 reversed by the supervisor nets zero; 陈静’s reversed lateness stays waived through the close', async () => {
    const repo = db().getRepository(PointEntry);
    const duty = await repo.findOneByOrFail({ id: seen.records.duty });
    expect(duty).toMatchObject({ code: 'misconduct:值日', rule: 'H-15', points: -5, fineFen: 500, month: '2026-10', createdBy: p.wq.id });
    expect(await repo.findOneByOrFail({ reversesId: duty.id })).toMatchObject({ points: 5, fineFen: -500, month: '2026-10', createdBy: p.wq.id });
    const cj = await repo.find({ where: { employeeId: p.cj.id }, order: { id: 'ASC' } });
    expect(cj.map((e) => [e.workDate, e.code, e.points, e.fineFen, e.createdBy])).toEqual([
      ['2026-10-15', 'late', -2, 1000, null],
      ['2026-10-15', 'late', 2, -1000, p.wq.id],
    ]);
    expect(cj[0].id).toBe(seen.waivedLateId);
    const statement = await monthStatement(ctx(), p.cj.id, '2026-10');
    expect(statement).toMatchObject({ score: 100, finesFen: 0 });
  });

  test('attendance days: leave, the half day, the make-up Saturday, and nothing before a start date', async () => {
    const day = (e: Employee, d: string) => db().getRepository(AttendanceDay).findOneBy({ employeeId: e.id, workDate: d });
    expect(await day(p.zw, '2026-10-14')).toMatchObject({ status: 'leave' });
    expect(await day(p.zw, '2026-10-15')).toMatchObject({ status: 'incidents', lateMinutes: 10 });
    expect(await day(p.zw, '2026-10-09')).toMatchObject({ status: 'absent-half', lateMinutes: 45 });
    expect(await day(p.zw, '2026-10-27')).toMatchObject({ status: 'absent-day' });
    expect(await day(p.ln, '2026-10-10')).toMatchObject({ status: 'absent-day' });
    expect(await day(p.ln, '2026-10-20')).toMatchObject({ status: 'absent-day' });
    expect(await day(p.ln, '2026-10-22')).toMatchObject({ status: 'leave' });
    expect(await day(p.wq, '2026-10-29')).toMatchObject({ status: 'leave' });
    expect(await day(p.cj, '2026-10-09')).toBeNull();
    expect(await db().getRepository(AttendanceDay).countBy({ employeeId: p.cj.id })).toBe(15);
    expect(await db().getRepository(AttendanceDay).countBy({ employeeId: p.zm.id })).toBe(0);
    expect(await db().getRepository(AttendanceDay).countBy({ workDate: '2026-10-05' })).toBe(0);
  });

  test('closeMonth wrote one pay slip per employee, equal to the hand computation to the fen', async () => {
    expect(seen.close).toMatchObject({ month: '2026-10', alreadyClosed: false, created: 6, changes: [], failures: [] });
    expect(seen.close?.written.map((e) => e.no)).toEqual(['E01', 'E02', 'E03', 'E04', 'E05', 'E09']);
    const slips = firstClose;
    expect(Object.keys(slips).sort()).toEqual(['E01', 'E02', 'E03', 'E04', 'E05', 'E09']);
    for (const [no, expected] of Object.entries(EXPECTED)) {
      expect(slips[no]).toHaveLength(1);
      expect([no, slips[no][0].revision, figures(slips[no][0])]).toEqual([no, 1, expected]);
      const f = expected;
      expect(f.totalFen).toBe(f.baseFen + f.callPayFen + f.leadBonusFen + f.commissionFen + f.scoreBonusFen - f.finesFen);
    }
    expect(slips.E02[0].createdAt).toEqual(sh('2026-11-01 02:00:00'));
    expect(slips.E02[0].items).toEqual([
      { label: '底薪', fen: 100000 },
      { label: '有效电话', fen: 300, detail: '6 个 × 0.50 元' },
      { label: 'A/B 类客户', fen: 20000, detail: 'A 1 个 × 100.00 元，B 2 个 × 50.00 元' },
      { label: '回款提成', fen: 8889, detail: '回款 8888.88 元 × 1%' },
      { label: '积分奖罚', fen: -20000, detail: '月底积分 77（高于 120 奖，低于 80 罚）' },
      { label: '罚款', fen: -24690 },
    ]);
    // The ledger statement agrees with the pay slip's score and fines.
    for (const k of ['wq', 'zw', 'ln', 'cj', 'ly', 'zm'] as const) {
      const s = await monthStatement(ctx(), p[k].id, '2026-10');
      expect([p[k].no, s.score, s.finesFen]).toEqual([p[k].no, EXPECTED[p[k].no].score, EXPECTED[p[k].no].finesFen]);
    }
    const audit = await db().getRepository(AuditEntry).findBy({ action: 'payroll.close', subjectId: '2026-10' });
    expect(audit).toHaveLength(1);
  });

  test('a month that has not ended cannot be closed: 10-31 23:59:59 is still October', async () => {
    const e = await caught(closeMonth(ctx(), '2026-10', { now: sh('2026-10-31 23:59:59') }));
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'payroll.month-open' });
    expect(await caught(closeMonth(ctx(), '2026-11', { now: sh('2026-11-15 12:00:00') }))).toMatchObject({ code: 'payroll.month-open' });
    expect(await db().getRepository(Payslip).countBy({ month: '2026-11' })).toBe(0);
  });

  test('closing again without force says already closed and writes nothing; November facts are not pending for October', async () => {
    const audits = await db().getRepository(AuditEntry).count();
    const again = await closeMonth(ctx(), '2026-10', { now: sh('2026-11-01 03:00:00') });
    expect(again).toEqual({ month: '2026-10', alreadyClosed: true, created: 0, written: [], changes: [], failures: [], marked: [], reclose: false, runId: null });
    expect(await db().getRepository(Payslip).countBy({ month: '2026-10' })).toBe(6);
    expect(await db().getRepository(AuditEntry).count()).toBe(audits);
    // A collection recorded on 11-01 is November's: nothing pending for October.
    await recordCollection(ctx(), { actor: p.wq, agent: p.zw, amountFen: 100000, customer: '联想集团', at: sh('2026-11-01 09:00:00') });
    expect(await pendingChanges(ctx(), '2026-10')).toEqual([]);
  });

  test('a late approval excuses a judged absence: pending for admins, then a forced re-close writes revision 2 for that employee only', async () => {
    const decided = await decideLeave(ctx(), { actor: p.wq, requestId: seen.leave.zwPending, approve: true, at: sh('2026-11-02 10:00:00') });
    expect(decided.rejudged).toEqual(['2026-10-27']);
    expect(await liveEntries(db(), p.zw.id, '2026-10')).not.toContainEqual(['2026-10-27', 'absent-day', -10, 13793]);

    const pending = await pendingChanges(ctx(), '2026-10');
    expect(pending.map((c) => [c.employee.no, c.fields])).toEqual([['E02', ['score', 'scoreBonusFen', 'finesFen', 'totalFen']]]);
    expect(figures(pending[0].before as Payslip)).toEqual(EXPECTED.E02);
    expect(pending[0].after).toEqual(ZW_REVISED);
    // Pending is only a report: nothing written.
    expect(await db().getRepository(Payslip).countBy({ month: '2026-10' })).toBe(6);

    const reclose = await closeMonth(ctx(), '2026-10', { now: sh('2026-11-02 12:00:00'), force: true, actor: 'admin:赵敏' });
    expect(reclose.alreadyClosed).toBe(false);
    expect(reclose.created).toBe(1);
    expect(reclose.changes.map((c) => [c.employee.no, c.fields, c.after])).toEqual([['E02', ['score', 'scoreBonusFen', 'finesFen', 'totalFen'], ZW_REVISED]]);

    const after = await payslipsByNo(db());
    expect(after.E02.map((s) => s.revision)).toEqual([1, 2]);
    expect(figures(after.E02[1])).toEqual(ZW_REVISED);
    expect(after.E02[1].createdAt).toEqual(sh('2026-11-02 12:00:00'));
    // Revision 1 of everyone is untouched, and nobody else got a revision 2.
    for (const no of Object.keys(firstClose)) {
      expect(after[no][0]).toEqual(firstClose[no][0]);
      if (no !== 'E02') expect(after[no]).toHaveLength(1);
    }
    const latest = await latestPayslips(db().manager, '2026-10');
    expect(figures(latest.get(p.zw.id) as Payslip)).toEqual(ZW_REVISED);
    expect(figures(latest.get(p.ln.id) as Payslip)).toEqual(EXPECTED.E03);
    const audit = await db().getRepository(AuditEntry).findOneByOrFail({ action: 'payroll.reclose', subjectId: '2026-10' });
    expect(audit).toMatchObject({ actor: 'admin:赵敏', details: { written: 1, changed: [{ no: 'E02', fields: ['score', 'scoreBonusFen', 'finesFen', 'totalFen'] }] } });

    // Nothing new: a second forced re-close converges and writes no pay slip.
    expect(await pendingChanges(ctx(), '2026-10')).toEqual([]);
    const again = await closeMonth(ctx(), '2026-10', { now: sh('2026-11-02 13:00:00'), force: true });
    expect(again).toMatchObject({ alreadyClosed: false, created: 0, changes: [] });
    expect(await db().getRepository(Payslip).countBy({ month: '2026-10' })).toBe(7);
  });
});
