import type { Appeal, CorrectionRequest, Employee, PointEntry } from '../../db/entities';
import { checkinOn, punchesOfEmployeesOn } from '../../db/stores/attendance-store';
import { findEntry } from '../../db/stores/ledger-store';
import { employee, findEmployee } from '../../db/stores/org-store';
import { findAppeal, findCorrection } from '../../db/stores/request-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { formatMinute, zonedMinute } from '../../domain/dates';
import { approvedCorrectionsInMonth } from '../corrections/correction-service';
import type { ServiceContext } from '../service-context';

/** A punch as an approval card shows it: 上班 09:12, 下班 18:05（补卡 B5）. */
export interface PunchView {
  kind: 'in' | 'out';
  time: string;
  correctionId: number | null;
}

/** The day's real punches of one employee, in time order. */
async function dayPunches(tx: Tx, ctx: ServiceContext, employeeId: number, date: string): Promise<PunchView[]> {
  return (await punchesOfEmployeesOn(tx, [employeeId], date))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((p) => ({ kind: p.kind as 'in' | 'out', time: formatMinute(zonedMinute(p.at, ctx.policy.timezone).minute), correctionId: p.correctionId ?? null }));
}

/** A 补卡 as its approval card shows it: the request, the day's real punches, the 补卡 already approved that month. */
export interface CorrectionView {
  request: CorrectionRequest;
  requester: Employee;
  decider: Employee | null;
  punches: PunchView[];
  approvedThisMonth: number;
}

/** The card data of 补卡 `id`, or null when there is none. */
export async function correctionView(ctx: ServiceContext, id: number): Promise<CorrectionView | null> {
  const tx = currentManager(ctx.ds);
  const request = await findCorrection(tx, id);
  if (!request) return null;
  return {
    request,
    requester: await employee(tx, request.employeeId),
    decider: request.decidedBy ? await findEmployee(tx, request.decidedBy) : null,
    punches: await dayPunches(tx, ctx, request.employeeId, request.workDate),
    approvedThisMonth: await approvedCorrectionsInMonth(tx, request.employeeId, request.workDate),
  };
}

/** An appeal as its approval card shows it: the entry, who made it, the evidence the database holds. */
export interface AppealView {
  appeal: Appeal;
  requester: Employee;
  decider: Employee | null;
  entry: PointEntry;
  /** Who made the entry; null: the bot's own judgement. */
  maker: Employee | null;
  /** An attendance entry's day: its punches and the meeting check-in time. */
  punches: PunchView[] | null;
  checkin: string | null;
}

/** The card data of appeal `id`, or null when there is none. */
export async function appealView(ctx: ServiceContext, id: number): Promise<AppealView | null> {
  const tx = currentManager(ctx.ds);
  const appeal = await findAppeal(tx, id);
  if (!appeal) return null;
  const entry = (await findEntry(tx, appeal.entryId)) as PointEntry;
  const day = entry.sourceType === 'day';
  const checkin = day ? await checkinOn(tx, entry.employeeId, entry.workDate) : null;
  return {
    appeal,
    requester: await employee(tx, appeal.employeeId),
    decider: appeal.decidedBy ? await findEmployee(tx, appeal.decidedBy) : null,
    entry,
    maker: entry.createdBy ? await findEmployee(tx, entry.createdBy) : null,
    punches: day ? await dayPunches(tx, ctx, entry.employeeId, entry.workDate) : null,
    checkin: checkin ? formatMinute(zonedMinute(checkin.at, ctx.policy.timezone).minute) : null,
  };
}
