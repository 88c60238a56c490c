import type { Employee } from '../../db/entities';
import { verdictsOfEmployeesOn } from '../../db/stores/attendance-store';
import { dayEntriesWithTold, markTold, type DayEntry } from '../../db/stores/digest-store';
import { slotsRun } from '../../db/stores/job-run-store';
import { allEmployees, allTeams } from '../../db/stores/org-store';
import { dailyReportsOfEmployeesOn } from '../../db/stores/report-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager, writeTransaction } from '../../db/transaction';
import { zonedMinute } from '../../domain/dates';
import type { LeaveCover } from '../../domain/leave-halves';
import type { Role } from '../../domain/roles';
import { loadDayFacts, notJudgedReason } from '../attendance';
import { EMPLOYEES_PER_CHUNK, forEachChunk, type EmployeeFailure } from '../employee-batch';
import type { ServiceContext } from '../service-context';
import { planPerson, rowsByPerson, standingCodes, type PersonPlan } from './digest-plan';
import { teamSummaries, type MemberDay, type TeamDaySummary } from './team-summary';

/** The facts of a person's day the digest cites as evidence, times as minutes after midnight. */
export interface DigestDay {
  ins: number[];
  outs: number[];
  checkin: number | null;
  leave: LeaveCover;
  /** When the day's 日报 was sent; null when none. */
  reportAt: number | null;
}

/** One person's day digest: what to tell them, with the day's facts. */
export interface PersonDigest extends PersonPlan {
  name: string;
  role: Role;
  date: string;
  day: DigestDay;
}

/** What a digest run found and told. */
export interface DayDigestResult {
  /** People told their day for the first time, and those sent only an update. */
  told: number;
  updates: number;
  summaries: TeamDaySummary[];
  failures: EmployeeFailure[];
}

/**
 * The day digest of `date` in sets (H-11, H-12, H-13): the day's entries of everyone in one
 * statement, then a chunk of employees per transaction: their facts read in one statement per
 * kind, `send` handed the chunk's digests (it writes them to the outbox in the same
 * transaction), and the entries told marked in multi-row inserts, so a digest is sent and
 * marked together or not at all. Everyone judged that day is summed up per team for the
 * supervisors. A chunk that fails runs again one employee at a time (forEachChunk).
 */
export async function dayDigest(ctx: ServiceContext, date: string, now: Date, send: (digests: PersonDigest[]) => Promise<void>): Promise<DayDigestResult> {
  const em = currentManager(ctx.ds);
  const everyone = await allEmployees(em);
  const rows = rowsByPerson(await dayEntriesWithTold(em, date));
  const plans = new Map<number, PersonPlan>();
  for (const [employeeId, mine] of rows) {
    const plan = planPerson(employeeId, mine);
    if (plan) plans.set(employeeId, plan);
  }
  const involved = everyone.filter((e) => plans.has(e.id) || !notJudgedReason(ctx, e, date));
  const byId = new Map(involved.map((e) => [e.id, e]));
  const { results, failures } = await forEachChunk(ctx, 'day-digest', involved, EMPLOYEES_PER_CHUNK, (refs) =>
    writeTransaction(ctx.ds, async (tx) => {
      const chunk = refs.map((r) => byId.get(r.id) as Employee);
      const days = await digestDays(tx, ctx, chunk, date);
      const digests = chunk.flatMap((e): PersonDigest[] => {
        const plan = plans.get(e.id);
        return plan && (plan.added.length || plan.reversed.length) ? [{ ...plan, name: e.name, role: e.role, date, day: days.facts.get(e.id) as DigestDay }] : [];
      });
      if (digests.length) await send(digests);
      await markTold(tx, chunk.flatMap((e) => (plans.get(e.id)?.marks ?? []).map((entryId) => ({ entryId, employeeId: e.id, workDate: date, toldAt: now }))));
      const sent = new Map(digests.map((d) => [d.employeeId, d.update ? ('update' as const) : ('first' as const)]));
      return chunk.map((e) => ({ member: memberDay(ctx, e, date, rows.get(e.id) ?? [], days), sent: sent.get(e.id) }));
    }),
  );
  const judged = results.flatMap((r) => (r.member ? [r.member] : []));
  const told = results.filter((r) => r.sent === 'first').length;
  const updates = results.filter((r) => r.sent === 'update').length;
  return { told, updates, summaries: await teamSummaries(ctx, em, date, judged, await allTeams(em), now), failures };
}

/** The facts of `chunk`'s day: punches, leave and check-ins (loadDayFacts), 日报 and the close's verdicts, one statement each. */
async function digestDays(tx: Tx, ctx: ServiceContext, chunk: Employee[], date: string) {
  const tz = ctx.policy.timezone;
  const ids = chunk.map((e) => e.id);
  const loaded = await loadDayFacts(tx, ctx, chunk, date);
  const reports = new Map((await dailyReportsOfEmployeesOn(tx, ids, date)).map((r) => [r.employeeId, zonedMinute(r.sentAt, tz).minute]));
  const verdicts = new Map((await verdictsOfEmployeesOn(tx, ids, date)).map((v) => [v.employeeId, v]));
  const facts = new Map<number, DigestDay>();
  for (const [id, f] of loaded) facts.set(id, { ins: f.ins, outs: f.outs, checkin: f.checkin, leave: f.leave, reportAt: reports.get(id) ?? null });
  return { facts, verdicts };
}

/** A judged member's day for the team summary; null for someone not judged that day. */
function memberDay(ctx: ServiceContext, e: Employee, date: string, rows: DayEntry[], days: Awaited<ReturnType<typeof digestDays>>): MemberDay | null {
  if (notJudgedReason(ctx, e, date)) return null;
  const verdict = days.verdicts.get(e.id);
  const day = days.facts.get(e.id);
  return {
    employeeId: e.id,
    no: e.no,
    name: e.name,
    role: e.role,
    teamId: e.teamId,
    codes: standingCodes(rows),
    lateMinutes: verdict?.lateMinutes ?? 0,
    earlyMinutes: verdict?.earlyMinutes ?? 0,
    leave: day?.leave ?? 'none',
    reported: day?.reportAt !== null && day?.reportAt !== undefined,
  };
}

/** Whether close-day has run for `date` (the digest tells what the close found). */
export async function dayClosedByJob(ctx: ServiceContext, date: string): Promise<boolean> {
  return (await slotsRun(currentManager(ctx.ds), 'close-day', [date])).length > 0;
}
