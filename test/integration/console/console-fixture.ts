/**
 * The console pages' organisation and November 2026, written through the real services:
 * 一组 (王强 supervises 张伟, 陈静, salesperson 刘洋 and EVIL, an agent whose name is markup), 二组 (孙丽
 * supervises 周杰), admins 赵敏 and EVIL_ADMIN (a markup name too). Facts: 张伟 late on 11-03
 * (09:12, judged by close-day), 陈静's approved 事假 on 11-04 (judged as leave), customer records,
 * a qualified A lead and a collection for 张伟, supervisor entries for 陈静 and EVIL, 张伟's
 * appeal of his late entry (pending, reminded once), EVIL's pending sick leave, 周杰's 补卡 for 11-04, a WeCom account named EVIL asking to be 周杰, a calendar day entered in chat.
 */
import type { DataSource } from 'typeorm';
import type { Employee } from '../../../src/db/entities';
import { ApprovalReminder, PointEntry } from '../../../src/db/entities';
import type { ConsoleDeps, PageRequest, Viewer } from '../../../src/console/console-page';
import type { ChartRenderer } from '../../../src/core/chart';
import { fileAppeal } from '../../../src/services/appeals';
import { closeDay, recordPunch } from '../../../src/services/attendance';
import { enterCalendarDays } from '../../../src/services/calendar';
import { requestCorrection } from '../../../src/services/corrections';
import { requestBinding } from '../../../src/services/org';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { addManualEntry } from '../../../src/services/ledger';
import { addCustomerRecords, qualifyLead, recordCollection } from '../../../src/services/reports';
import type { ServiceContext } from '../../../src/services/service-context';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';

export const EVIL = '<img src=x onerror=alert(1)>"&\'';
export const EVIL_ADMIN = '<script>alert("admin")</script>';

export interface ConsoleWorld {
  ctx: ServiceContext;
  p: Record<string, Employee>;
  teams: { one: number; two: number };
  appealId: number;
  lateEntryId: number;
}

/** The deps of a render at `now` (charts are not drawn by these pages). */
export function depsAt(ctx: ServiceContext, now: Date): ConsoleDeps {
  return { ctx, now: () => now, charts: {} as ChartRenderer };
}

/** A viewer for `e` (an admin sees all teams). */
export function viewerOf(e: Employee): Viewer {
  return { employeeId: e.id, name: e.name, role: e.role as Viewer['role'], teamId: e.role === 'admin' ? null : e.teamId, sessionId: 1 };
}

/** A page request with `params` and the query string `query`. */
export function requestOf(query = '', params: Record<string, string> = {}): PageRequest {
  return { params, query: new URLSearchParams(query) };
}

export async function buildWorld(ds: DataSource): Promise<ConsoleWorld> {
  const ctx = serviceContext(ds);
  const one = await makeTeam(ds, [
    { name: '王强', role: 'supervisor', no: 'C01' }, { name: '张伟', role: 'agent', no: 'C02' }, { name: '陈静', role: 'agent', no: 'C03' },
    { name: EVIL, role: 'agent', no: 'C04' }, { name: '刘洋', role: 'salesperson', no: 'C07' }, { name: '赵敏', role: 'admin', no: 'C09' }, { name: EVIL_ADMIN, role: 'admin', no: 'C10' },
  ], '一组');
  const two = await makeTeam(ds, [{ name: '孙丽', role: 'supervisor', no: 'C05' }, { name: '周杰', role: 'agent', no: 'C06' }], '二组');
  const p: Record<string, Employee> = { ...one.people, ...two.people, EVIL: one.people[EVIL], EVIL_ADMIN: one.people[EVIL_ADMIN] };
  await recordPunch(ctx, { employee: p['张伟'], kind: 'in', at: sh('2026-11-03 09:12:00') });
  await recordPunch(ctx, { employee: p['张伟'], kind: 'out', at: sh('2026-11-03 18:05:00') });
  for (const who of ['陈静', '周杰', EVIL]) {
    await recordPunch(ctx, { employee: p[who], kind: 'in', at: sh('2026-11-03 08:55:00') });
    await recordPunch(ctx, { employee: p[who], kind: 'out', at: sh('2026-11-03 18:01:00') });
  }
  const leave = await requestLeave(ctx, {
    requester: p['陈静'], filer: p['陈静'], kind: 'personal', reason: '家里有事', sentAt: sh('2026-11-02 10:00:00'),
    span: { startDate: '2026-11-04', startHalf: 'am', endDate: '2026-11-04', endHalf: 'pm' },
  });
  await decideLeave(ctx, { actor: p['王强'], requestId: leave.request.id, approve: true, at: sh('2026-11-02 11:00:00') });
  await closeDay(ctx, '2026-11-03', sh('2026-11-03 23:50:00'));
  await closeDay(ctx, '2026-11-04', sh('2026-11-04 23:50:00'));
  const rec = (company: string, phone: string, grade: string) => ({ company, contact: '李总', titlePhone: `总经理 ${phone}`, headcount: '80', itStatus: '用Excel', grade });
  const { records } = await addCustomerRecords(ctx, {
    agent: p['张伟'], records: [rec('甲公司', '13600000001', 'A'), rec('乙公司', '13600000002', 'C')], sentAt: sh('2026-11-03 10:00:00'),
  });
  await qualifyLead(ctx, { actor: p['刘洋'], recordId: records[0].id, note: '已拜访 档案完整 已签字', at: sh('2026-11-05 15:00:00') });
  await recordCollection(ctx, { actor: p['王强'], agent: p['张伟'], amountFen: 123456, customer: '甲公司', at: sh('2026-11-20 10:00:00') });
  await addManualEntry(ctx, { actor: p['王强'], target: p['陈静'], input: { kind: 'misconduct', name: '私人电话' }, at: sh('2026-11-10 11:00:00') });
  await addManualEntry(ctx, { actor: p['王强'], target: p[EVIL], input: { kind: 'award', points: 3, reason: EVIL }, at: sh('2026-11-11 11:00:00') });
  const lateEntryId = (await ds.getRepository(PointEntry).findOneByOrFail({ employeeId: p['张伟'].id, code: 'late' })).id;
  const { appeal } = await fileAppeal(ctx, { requester: p['张伟'], entryId: lateEntryId, reason: '地铁故障，有截图', sentAt: sh('2026-11-04 09:30:00') });
  await requestLeave(ctx, {
    requester: p[EVIL], filer: p[EVIL], kind: 'sick', reason: EVIL, sentAt: sh('2026-11-04 10:00:00'),
    span: { startDate: '2026-11-20', startHalf: 'am', endDate: '2026-11-20', endHalf: 'am' },
  });
  await requestCorrection(ctx, { requester: p['周杰'], date: '2026-11-04', kind: 'in', minute: 9 * 60, reason: '忘了打卡', sentAt: sh('2026-11-04 12:00:00') });
  await requestBinding(ctx, { platform: 'wecom', externalId: 'wm_evil', displayName: EVIL, no: 'C06', at: sh('2026-11-04 13:00:00') });
  await ds.getRepository(ApprovalReminder).save({ requestKind: 'S', requestId: appeal.id, step: 'decider', sentAt: sh('2026-11-04 17:30:00'), recipients: 1 });
  await enterCalendarDays(ctx, { actor: p[EVIL_ADMIN], from: '2026-12-31', to: '2026-12-31', kind: 'holiday', name: '跨年', at: sh('2026-11-20 09:00:00') });
  return { ctx, p, teams: { one: one.team.id, two: two.team.id }, appealId: appeal.id, lateEntryId };
}
