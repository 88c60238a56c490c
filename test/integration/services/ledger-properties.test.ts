import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { Employee, Payslip, PointEntry } from '../../../src/db/entities';
import { addDays, datesBetween, formatMinute, monthRange } from '../../../src/domain/dates';
import { judgeDay, type DayFacts } from '../../../src/domain/day-judgement';
import type { LeaveCover } from '../../../src/domain/leave-halves';
import { closeDay, recordCheckin, recordPunch } from '../../../src/services/attendance';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { addManualEntry, findMisconduct, monthStatement, reverseEntry, type ManualEntryInput } from '../../../src/services/ledger';
import { closeMonth, draftPayslips } from '../../../src/services/payroll';
import type { ServiceContext } from '../../../src/services/service-context';
import { CALENDAR, makeTeam, POLICY, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb, clearAllTables } from '../../helpers/test-db';

// Properties of the reconciling ledger (H-10, H-11, H-12, H-14; "What the bot automates"):
// a random month of facts for 1–3 agents, applied in a random order with day closes
// interleaved, must leave the same ledger as the final facts applied once, and the pay slip
// must add the ledger up.

/** A stamp on a workday: minute of the day, the seconds (truncated away), and where it falls in the random order. */
interface Stamp {
  minute: number;
  second: number;
  order: number;
}

/** Leave for one workday, filed the day before; decided by the supervisor some day around it. */
interface LeavePlan {
  cover: Exclude<LeaveCover, 'none'>;
  approve: boolean;
  /** The decision is stamped this many days after the leave day (−1: the evening before, decided before anything else). */
  decideAfterDays: number;
  order: number;
}

interface DayPlan {
  ins: Stamp[];
  outs: Stamp[];
  checkin: Stamp | null;
  leave: LeavePlan | null;
}

interface AgentPlan {
  baseSalaryFen: number | undefined;
  /** A start date inside the month, or none (employed before it). */
  startDate: string | undefined;
  /** One plan per workday of the month, in date order. */
  days: DayPlan[];
}

interface ManualPlan {
  agent: number;
  date: string;
  input: ManualEntryInput;
  order: number;
  /** Reversed later by the supervisor, at this place in the random order. */
  reverseOrder: number | null;
}

interface Scenario {
  month: string;
  workdays: string[];
  agents: AgentPlan[];
  manual: ManualPlan[];
  /** close-day runs interleaved with the facts. */
  closes: Array<{ date: string; order: number }>;
  /** Every date of the month in another order, for closing them all once more. */
  reclose: string[];
}

const MONTHS = ['2026-10', '2026-12'];
const order = fc.nat({ max: 1_000_000 });
/** `arb` with the given chance in ten, else `nil`. */
const sometimes = <T, N>(tenths: number, arb: fc.Arbitrary<T>, nil: N): fc.Arbitrary<T | N> =>
  fc.oneof({ weight: tenths, arbitrary: arb }, { weight: 10 - tenths, arbitrary: fc.constant(nil) });
const stamp = (lo: number, hi: number, near: [number, number]): fc.Arbitrary<Stamp> =>
  fc.record({
    minute: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: near[0], max: near[1] }) }, { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) }),
    second: fc.integer({ min: 0, max: 59 }),
    order,
  });
/** Punches between 07:30 and 19:30, mostly near 09:00 and 18:00. */
const clockIn = stamp(7 * 60 + 30, 19 * 60 + 30, [8 * 60 + 20, 9 * 60 + 45]);
const clockOut = stamp(7 * 60 + 30, 19 * 60 + 30, [17 * 60 + 15, 18 * 60 + 45]);
/** Check-ins only inside the window recordCheckin accepts (16:30–18:00), mostly near 17:00. */
const checkin = stamp(16 * 60 + 30, 18 * 60, [16 * 60 + 50, 17 * 60 + 12]);

const dayPlan: fc.Arbitrary<DayPlan> = fc.record({
  // Sometimes missing, sometimes a second one (only the first in and the last out count).
  ins: fc.oneof({ weight: 1, arbitrary: fc.constant<Stamp[]>([]) }, { weight: 6, arbitrary: fc.array(clockIn, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(clockIn, { minLength: 2, maxLength: 2 }) }),
  outs: fc.oneof({ weight: 1, arbitrary: fc.constant<Stamp[]>([]) }, { weight: 6, arbitrary: fc.array(clockOut, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(clockOut, { minLength: 2, maxLength: 2 }) }),
  // At most one check-in a day: recordCheckin keeps the first check-in to arrive, not the
  // earliest stamp, so two check-ins arriving out of order would judge the later stamp (a gap in
  // recordCheckin, outside what these properties can hold).
  checkin: sometimes(8, checkin, null),
  leave: sometimes(
    1,
    fc.record({
      cover: fc.constantFrom<LeavePlan['cover']>('am', 'pm', 'full'),
      // Mostly approved; a rejected request is judged as if there were no leave (H-14).
      approve: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      decideAfterDays: fc.integer({ min: -1, max: 4 }),
      order,
    }),
    null,
  ),
});

const misconductNames = POLICY.misconduct.flatMap((m) => [m.name, ...m.aliases]);
const manualInput: fc.Arbitrary<ManualEntryInput> = fc.oneof(
  fc.constantFrom(...misconductNames).map((name) => ({ kind: 'misconduct' as const, name })),
  fc.integer({ min: 1, max: 12 }).map((points) => ({ kind: 'deduct' as const, points, reason: '态度问题' })),
  fc.integer({ min: 1, max: 12 }).map((points) => ({ kind: 'award' as const, points, reason: '客户表扬' })),
);

const scenario: fc.Arbitrary<Scenario> = fc.constantFrom(...MONTHS).chain((month) => {
  const { first, last } = monthRange(month);
  const workdays = CALENDAR.workdays(first, last);
  const dates = datesBetween(first, last);
  return fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.record({
      month: fc.constant(month),
      workdays: fc.constant(workdays),
      agents: fc.array(
        fc.record({
          baseSalaryFen: fc.constantFrom(undefined, 180000, 333300),
          startDate: sometimes(2, fc.constantFrom(...workdays.slice(1)), undefined),
          days: fc.array(dayPlan, { minLength: workdays.length, maxLength: workdays.length }),
        }),
        { minLength: n, maxLength: n },
      ),
      manual: fc.array(
        fc.record({
          agent: fc.integer({ min: 0, max: n - 1 }),
          date: fc.constantFrom(...dates),
          input: manualInput,
          order,
          reverseOrder: sometimes(3, order, null),
        }),
        { maxLength: 8 },
      ),
      closes: fc.array(fc.record({ date: fc.constantFrom(...dates), order }), { minLength: 5, maxLength: 30 }),
      reclose: fc.shuffledSubarray(dates, { minLength: dates.length, maxLength: dates.length }),
    }),
  );
});

const at = (date: string, minute: number, second = 0) => sh(`${date} ${formatMinute(minute)}:${String(second).padStart(2, '0')}`);
const spanOf = (date: string, cover: LeavePlan['cover']) => ({
  startDate: date, startHalf: cover === 'pm' ? ('pm' as const) : ('am' as const),
  endDate: date, endHalf: cover === 'am' ? ('am' as const) : ('pm' as const),
});


/** The team of a run: a supervisor (who decides and deducts; not judged: starts after the month) and the agents. */
async function makeAgents(ds: DataSource, s: Scenario): Promise<{ supervisor: Employee; agents: Employee[] }> {
  const { people } = await makeTeam(ds, [
    { name: '主管', role: 'supervisor', startDate: '2027-06-01' },
    ...s.agents.map((a, i) => ({ name: `坐席${i}`, role: 'agent' as const, baseSalaryFen: a.baseSalaryFen, startDate: a.startDate })),
  ]);
  return { supervisor: people['主管'], agents: s.agents.map((_a, i) => people[`坐席${i}`]) };
}

/** Every leave of the scenario with its agent, day and whether it is approved. */
function leavesOf(s: Scenario) {
  const out: Array<{ agent: number; date: string; leave: LeavePlan; approve: boolean }> = [];
  s.agents.forEach((a, agent) =>
    a.days.forEach((d, i) => {
      if (d.leave) out.push({ agent, date: s.workdays[i], leave: d.leave, approve: d.leave.approve });
    }),
  );
  return out;
}

async function closeAll(ctx: ServiceContext, s: Scenario, dates = datesBetween(monthRange(s.month).first, monthRange(s.month).last)) {
  for (const date of dates) await closeDay(ctx, date, at(date, 23 * 60 + 50));
}

/**
 * Applies the scenario in its random order: leave requests first (a pending request changes
 * nothing) with the decisions made the evening before, then punches, check-ins, later
 * decisions, manual entries, reversals and day closes shuffled together. A reversal that
 * comes before its entry waits for it.
 */
async function applyInterleaved(ctx: ServiceContext, s: Scenario, supervisor: Employee, agents: Employee[]): Promise<void> {
  const requests = new Map<string, number>();
  for (const l of leavesOf(s)) {
    const { request } = await requestLeave(ctx, {
      requester: agents[l.agent], filer: agents[l.agent], kind: 'personal', span: spanOf(l.date, l.leave.cover), reason: '家里有事', sentAt: at(addDays(l.date, -1), 20 * 60),
    });
    requests.set(`${l.agent}:${l.date}`, request.id);
    // Decided the evening before: in place before anything of its day happens.
    if (l.leave.decideAfterDays < 0) await decideLeave(ctx, { actor: supervisor, requestId: request.id, approve: l.approve, at: at(addDays(l.date, -1), 21 * 60) });
  }
  const events: Array<{ order: number; run: () => Promise<unknown> }> = [];
  s.agents.forEach((a, agent) =>
    a.days.forEach((d, i) => {
      const date = s.workdays[i];
      const employee = agents[agent];
      for (const p of d.ins) events.push({ order: p.order, run: () => recordPunch(ctx, { employee, kind: 'in', at: at(date, p.minute, p.second) }) });
      for (const p of d.outs) events.push({ order: p.order, run: () => recordPunch(ctx, { employee, kind: 'out', at: at(date, p.minute, p.second) }) });
      if (d.checkin) {
        const c = d.checkin;
        events.push({ order: c.order, run: () => recordCheckin(ctx, { employee, at: at(date, c.minute, c.second) }) });
      }
    }),
  );
  // A decision on or after its day (a late approval) arrives anywhere among the other facts.
  for (const l of leavesOf(s).filter((x) => x.leave.decideAfterDays >= 0)) {
    const when = at(addDays(l.date, l.leave.decideAfterDays), 10 * 60);
    const requestId = requests.get(`${l.agent}:${l.date}`) as number;
    events.push({ order: l.leave.order, run: () => decideLeave(ctx, { actor: supervisor, requestId, approve: l.approve, at: when }) });
  }
  const entryIds = new Map<number, number>();
  const waiting: ManualPlan[] = [];
  const reverse = (m: ManualPlan) => reverseEntry(ctx, { actor: supervisor, entryId: entryIds.get(s.manual.indexOf(m)) as number, reason: '误扣', at: at(m.date, 16 * 60) });
  s.manual.forEach((m, i) => {
    events.push({
      order: m.order,
      run: async () => entryIds.set(i, (await addManualEntry(ctx, { actor: supervisor, target: agents[m.agent], input: m.input, at: at(m.date, 11 * 60), workDate: m.date })).id),
    });
    if (m.reverseOrder !== null) events.push({ order: m.reverseOrder, run: async () => (entryIds.has(i) ? reverse(m) : waiting.push(m)) });
  });
  for (const c of s.closes) events.push({ order: c.order, run: () => closeDay(ctx, c.date, at(c.date, 23 * 60 + 50)) });
  events.sort((a, b) => a.order - b.order);
  for (const e of events) await e.run();
  for (const m of waiting) await reverse(m);
}

/** The final facts once, in date order, no close before the end: the reference run. */
async function applyFinalFacts(ctx: ServiceContext, s: Scenario, supervisor: Employee, agents: Employee[]): Promise<void> {
  for (const l of leavesOf(s).filter((x) => x.approve)) {
    const { request } = await requestLeave(ctx, {
      requester: agents[l.agent], filer: agents[l.agent], kind: 'personal', span: spanOf(l.date, l.leave.cover), reason: '家里有事', sentAt: at(addDays(l.date, -1), 20 * 60),
    });
    await decideLeave(ctx, { actor: supervisor, requestId: request.id, approve: true, at: at(addDays(l.date, -1), 21 * 60) });
  }
  for (const [agent, a] of s.agents.entries()) {
    for (const [i, d] of a.days.entries()) {
      const date = s.workdays[i];
      for (const p of d.ins) await recordPunch(ctx, { employee: agents[agent], kind: 'in', at: at(date, p.minute, p.second) });
      for (const p of d.outs) await recordPunch(ctx, { employee: agents[agent], kind: 'out', at: at(date, p.minute, p.second) });
      if (d.checkin) await recordCheckin(ctx, { employee: agents[agent], at: at(date, d.checkin.minute, d.checkin.second) });
    }
  }
  await closeAll(ctx, s);
}

/** What the pure rules say the automatic entries are: judgeDay on each judged workday's final facts. */
function expectedAutomatic(s: Scenario): string[] {
  const out: string[] = [];
  const leaves = leavesOf(s);
  s.agents.forEach((a, agent) =>
    a.days.forEach((d, i) => {
      const date = s.workdays[i];
      if (a.startDate && date < a.startDate) return;
      const leave = leaves.find((l) => l.agent === agent && l.date === date && l.approve)?.leave.cover ?? 'none';
      const facts: DayFacts = {
        ins: d.ins.map((p) => p.minute),
        outs: d.outs.map((p) => p.minute),
        leave,
        checkin: d.checkin?.minute ?? null,
        baseFen: a.baseSalaryFen ?? POLICY.pay.baseSalaryFen,
      };
      for (const inc of judgeDay(facts, POLICY).incidents) out.push(key(agent, date, inc.code, inc.points, inc.fineFen));
    }),
  );
  return out.sort();
}

const key = (agent: number, date: string, code: string, points: number, fineFen: number) => `${agent}|${date}|${code}|${points}|${fineFen}`;
const dateOfKey = (k: string) => k.split('|')[1];

/** Every ledger row of the given employees, by id. */
async function ledgerOf(ds: DataSource, employees: Employee[]): Promise<PointEntry[]> {
  const ids = new Set(employees.map((e) => e.id));
  return (await ds.getRepository(PointEntry).find({ order: { id: 'ASC' } })).filter((e) => ids.has(e.employeeId));
}

/** Entries that are not reversals and not reversed. */
function live(entries: PointEntry[]): PointEntry[] {
  const reversed = new Set(entries.map((e) => e.reversesId).filter((id) => id !== null));
  return entries.filter((e) => e.reversesId === null && !reversed.has(e.id));
}

const automatic = (e: PointEntry) => e.sourceType === 'day' || e.sourceType === 'week';

/** The live automatic entries as a sorted multiset of (agent, date, code, points, fine). */
function automaticMultiset(entries: PointEntry[], agents: Employee[]): string[] {
  const index = new Map(agents.map((a, i) => [a.id, i]));
  return live(entries)
    .filter(automatic)
    .map((e) => key(index.get(e.employeeId) as number, e.workDate, e.code, e.points, e.fineFen))
    .sort();
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** The points a manual entry carries, by the policy. */
function manualPoints(input: ManualEntryInput): { points: number; fineFen: number } {
  if (input.kind === 'misconduct') {
    const m = findMisconduct(POLICY.misconduct, input.name);
    if (!m) throw new Error(`no misconduct ${input.name}`);
    return { points: m.points, fineFen: m.fineFen };
  }
  return { points: input.kind === 'award' ? input.points : -input.points, fineFen: 0 };
}

describeEachDb('ledger properties (H-10, H-11, H-12, H-14)', (db, kind) => {
  const ctx = () => serviceContext(db());
  // A fixed seed: a failure is reproducible; endOnFailure: shrinking a month of facts through a
  // database takes longer than the suite may, and the scenario is printed whole.
  const runs = { seed: 20261203, numRuns: kind === 'sqlite' ? 15 : 5, endOnFailure: true };

  test('a random month of facts in a random order with closes interleaved: the ledger, the statement and the pay slip agree with the rules, re-closing and re-ordering change nothing, manual entries reverse cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const ds = db();
        await clearAllTables(ds);
        const { supervisor, agents } = await makeAgents(ds, s);
        await applyInterleaved(ctx(), s, supervisor, agents);

        // A fact for a day already closed re-judges it: every day closed during the interleaving
        // is already what the rules say for the final facts, before any further close.
        const closed = new Set(s.closes.map((c) => c.date));
        expect(automaticMultiset(await ledgerOf(ds, agents), agents).filter((k) => closed.has(dateOfKey(k)))).toEqual(
          expectedAutomatic(s).filter((k) => closed.has(dateOfKey(k))),
        );

        await closeAll(ctx(), s);

        // (a) the pay slip draft and the statement add the ledger up: score = 100 + Σ points, fines = Σ fines.
        const entries = await ledgerOf(ds, agents);
        const drafts = await ds.transaction((em) => draftPayslips(em, ctx(), s.month));
        const figures = (e: Employee) => drafts.find((d) => d.employee.id === e.id)?.figures;
        for (const agent of agents) {
          const mine = entries.filter((e) => e.employeeId === agent.id && e.month === s.month);
          const totals = { score: 100 + sum(mine.map((e) => e.points)), finesFen: sum(mine.map((e) => e.fineFen)) };
          expect(figures(agent)).toMatchObject(totals);
          expect(await monthStatement(ctx(), agent.id, s.month)).toMatchObject(totals);
        }
        // … and the ledger is what the pure rules give for the final facts, plus the manual entries kept.
        expect(automaticMultiset(entries, agents)).toEqual(expectedAutomatic(s));
        agents.forEach((agent, i) => {
          const auto = live(entries).filter((e) => automatic(e) && e.employeeId === agent.id);
          const manual = s.manual.filter((m) => m.agent === i && m.reverseOrder === null).map((m) => manualPoints(m.input));
          expect(figures(agent)).toMatchObject({
            score: 100 + sum(auto.map((e) => e.points)) + sum(manual.map((m) => m.points)),
            finesFen: sum(auto.map((e) => e.fineFen)) + sum(manual.map((m) => m.fineFen)),
          });
        });
        // Nobody else got an entry: the supervisor starts after the month and is not judged.
        expect(await ds.getRepository(PointEntry).count()).toBe(entries.length);

        // (b) closing every day once more, then in another order, adds nothing and keeps the same live entries.
        await closeAll(ctx(), s);
        await closeAll(ctx(), s, s.reclose);
        const again = await ledgerOf(ds, agents);
        expect(again.map((e) => e.id)).toEqual(entries.map((e) => e.id));
        expect(live(again).map((e) => e.id)).toEqual(live(entries).map((e) => e.id));
        // closeMonth twice equals once: the second is alreadyClosed and the pay slips stay as they were.
        const closeAt = sh(`${addDays(monthRange(s.month).last, 1)} 02:00:00`);
        expect(await closeMonth(ctx(), s.month, { now: closeAt })).toMatchObject({ alreadyClosed: false, created: agents.length });
        const slips = await ds.getRepository(Payslip).find({ where: { month: s.month }, order: { id: 'ASC' } });
        for (const agent of agents) expect(slips.find((p) => p.employeeId === agent.id)).toMatchObject({ ...figures(agent), revision: 1 });
        expect(await closeMonth(ctx(), s.month, { now: closeAt })).toEqual({ month: s.month, alreadyClosed: true, created: 0, written: [], changes: [], failures: [], marked: [], reclose: false, runId: null });
        expect(await ds.getRepository(Payslip).find({ where: { month: s.month }, order: { id: 'ASC' } })).toEqual(slips);

        // (d) reversing every manual entry leaves each score at 100 + the live automatic points.
        const reference = automaticMultiset(again, agents);
        for (const e of live(again).filter((x) => x.sourceType === 'manual')) {
          await reverseEntry(ctx(), { actor: supervisor, entryId: e.id, reason: '全部撤销', at: closeAt });
        }
        const reversed = await ledgerOf(ds, agents);
        expect(live(reversed).filter((e) => !automatic(e))).toEqual([]);
        expect(automaticMultiset(reversed, agents)).toEqual(reference);
        const draftsAfter = await ds.transaction((em) => draftPayslips(em, ctx(), s.month));
        for (const agent of agents) {
          const auto = live(reversed).filter((e) => automatic(e) && e.employeeId === agent.id);
          const automationAlone = { score: 100 + sum(auto.map((e) => e.points)), finesFen: sum(auto.map((e) => e.fineFen)) };
          expect(await monthStatement(ctx(), agent.id, s.month)).toMatchObject(automationAlone);
          expect(draftsAfter.find((d) => d.employee.id === agent.id)?.figures).toMatchObject(automationAlone);
        }

        // (c) the final facts alone on an emptied database, once, in date order: the same automatic entries.
        await clearAllTables(ds);
        const fresh = await makeAgents(ds, s);
        await applyFinalFacts(ctx(), s, fresh.supervisor, fresh.agents);
        expect(automaticMultiset(await ledgerOf(ds, fresh.agents), fresh.agents)).toEqual(reference);
      }),
      runs,
    );
  }, 600_000);
});
