/**
 * Who decides a request and who receives its approval card: the one place leave (L), 补卡 (B)
 * and 申诉 (S) ask. By role (H-14): an agent's or salesperson's request goes to the team's
 * supervisor, a supervisor's or admin's to the admins; an appeal of an entry the supervisor
 * made goes to the admins. While a supervisor's 代理 is active (dates inclusive, company zone),
 * the delegate receives that supervisor's cards and may decide them too. A 绑定 (U, an unknown
 * account claiming an employee) goes to the admins only, never to the claimed employee. Admins may decide any
 * request but their own. Nobody decides their own request, an agent never decides, and nobody
 * decides an appeal of an entry they made.
 */
import type { Employee } from '../../db/entities';
import { employeesByIds, employeesWithRoles, findEmployee, findTeam } from '../../db/stores/org-store';
import { activeDelegationsOf } from '../../db/stores/request-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { ForbiddenError } from '../../core/errors';
import type { ServiceContext } from '../service-context';

/** The request kinds, by the letter of their ids; U (绑定) is always decided by the admins. */
export type RequestLetter = 'L' | 'B' | 'S' | 'U';

/** What the decider depends on besides the requester: for an appeal, who made the appealed entry. */
export type DecisionBasis = { letter: 'L' | 'B' | 'U' } | { letter: 'S'; entryCreatedBy: number | null };

/** Who decides one request. */
export interface Deciders {
  /** By role: the team's supervisor, or the admins. */
  primary: Employee[];
  /** The delegates of that supervisor active on the day asked about (none when the admins decide). */
  delegates: Employee[];
  /** The supervisor whose card it is; null when the admins decide. */
  supervisorId: number | null;
}

const NOUN: Record<RequestLetter, string> = { L: '请假', B: '补卡', S: '申诉', U: '绑定' };
const CODE: Record<RequestLetter, string> = { L: 'leave', B: 'correction', S: 'appeal', U: 'binding' };

async function teamSupervisor(tx: Tx, requester: Employee): Promise<Employee | null> {
  if ((requester.role !== 'agent' && requester.role !== 'salesperson') || requester.teamId === null) return null;
  const team = await findTeam(tx, requester.teamId);
  const supervisor = team?.supervisorId ? await findEmployee(tx, team.supervisorId) : null;
  return supervisor && supervisor.id !== requester.id ? supervisor : null;
}

/** Who decides `requester`'s request of `basis` on `today` (company zone): see the module's comment. */
export async function decidersOf(tx: Tx, requester: Employee, basis: DecisionBasis, today: string): Promise<Deciders> {
  const maker = basis.letter === 'S' ? basis.entryCreatedBy : null;
  const supervisor = basis.letter === 'U' ? null : await teamSupervisor(tx, requester);
  if (supervisor && supervisor.id !== maker) {
    const delegations = await activeDelegationsOf(tx, supervisor.id, today);
    const delegates = (await employeesByIds(tx, [...new Set(delegations.map((d) => d.delegateId))])).filter(
      (d) => d.id !== requester.id && d.id !== maker && d.id !== supervisor.id && (d.role === 'supervisor' || d.role === 'admin'),
    );
    return { primary: [supervisor], delegates, supervisorId: supervisor.id };
  }
  const admins = (await employeesWithRoles(tx, ['admin'])).filter((a) => a.id !== requester.id && a.id !== maker);
  return { primary: admins, delegates: [], supervisorId: null };
}

/** Everyone who receives the approval card: the deciders by role, then the active delegates. */
export function cardRecipients(d: Deciders): Employee[] {
  return [...d.primary, ...d.delegates];
}

/**
 * Refuses (ForbiddenError) unless `actor` may decide `requester`'s request of `basis` on
 * `today`: never their own, never an appeal of an entry they made, never an agent or
 * salesperson; an admin always; a supervisor when they are the decider by role or that
 * decider's delegate while the delegation is active.
 */
export async function assertMayDecide(tx: Tx, actor: Employee, requester: Employee, basis: DecisionBasis, today: string): Promise<void> {
  const noun = NOUN[basis.letter];
  const code = CODE[basis.letter];
  if (actor.id === requester.id) throw new ForbiddenError(`不能审批自己的${noun}。`, `${code}.self`);
  if (basis.letter === 'S' && basis.entryCreatedBy === actor.id) throw new ForbiddenError('这条记录是你记的，申诉须由他人审批。', 'appeal.own-entry');
  if (actor.role === 'admin') return;
  const d = await decidersOf(tx, requester, basis, today);
  if (actor.role === 'supervisor' && cardRecipients(d).some((e) => e.id === actor.id)) return;
  const who = d.supervisorId === null ? '管理员' : `${requester.name}所在组的主管（或其代理人）或管理员`;
  throw new ForbiddenError(`只有${who}可以审批这张${noun}单。`, `${code}.authority`);
}

/** Who receives the approval card of `requester`'s request of `basis` on `today`, in the turn's transaction. */
export async function requestRecipients(ctx: ServiceContext, requester: Employee, basis: DecisionBasis, today: string): Promise<Employee[]> {
  return cardRecipients(await decidersOf(currentManager(ctx.ds), requester, basis, today));
}
