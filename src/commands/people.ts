import { UserError } from '../core/errors';
import type { TurnContext } from '../core/turn-context';
import { takeLeadingPerson, type PersonRef } from '../domain/grammar/people';
import type { EmployeeRecord } from '../domain/employee-record';
import { findPeople, teamNames } from '../services/people';
import type { ServiceContext } from '../services/service-context';

function describeRef(ref: PersonRef): string {
  return ref.kind === 'name' ? ref.name : ref.kind === 'no' ? ref.no : '被 @ 的人';
}

/**
 * The one employee a reference means. Nobody → a reply saying so; a name shared by several →
 * a reply listing them by number and team, asking for the number (nothing is done).
 */
export async function resolvePerson(ctx: ServiceContext, turn: TurnContext, ref: PersonRef, example: string): Promise<EmployeeRecord> {
  const found = await findPeople(ctx, ref, turn.event.platform);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new UserError(`找不到「${describeRef(ref)}」，请检查姓名或工号。`, example, 'person.unknown');
  const teams = await teamNames(ctx);
  const list = found.map((e) => `${e.no} ${e.name}（${e.teamId ? teams.get(e.teamId) ?? '' : '无组'}）`).join('、');
  throw new UserError(`有 ${found.length} 位叫「${describeRef(ref)}」：${list}。请改用工号。`, example, 'person.ambiguous');
}

/** The person at the start of `rest` (required) and the text after it. */
export async function leadingPerson(
  ctx: ServiceContext,
  turn: TurnContext,
  rest: string,
  example: string,
): Promise<{ person: EmployeeRecord; rest: string }> {
  const mentions = turn.event.type === 'message' ? turn.event.mentions : [];
  const taken = takeLeadingPerson(rest, mentions);
  if (!taken.ok) throw new UserError(taken.error, example, 'person.parse');
  if (!taken.value.person) throw new UserError('请写明是谁（@张三、姓名或工号）。', example, 'person.missing');
  return { person: await resolvePerson(ctx, turn, taken.value.person, example), rest: taken.value.rest };
}
