import type { Employee } from '../../db/entities';
import { boundByRequestSince } from '../../db/stores/binding-store';
import { employeesStartingOn, identitiesOfEmployees } from '../../db/stores/org-store';
import { currentManager } from '../../db/transaction';
import { zonedInstant } from '../../domain/dates';
import type { ServiceContext } from '../service-context';

/**
 * The employees to welcome on `date`, their first day (start date): those with a chat account,
 * except those bound by a 绑定 approved since the start of that day (the approval welcomed them).
 * One without an account is welcomed when a 绑定 binds one.
 */
export async function newcomersOn(ctx: ServiceContext, date: string): Promise<Employee[]> {
  const tx = currentManager(ctx.ds);
  const starting = await employeesStartingOn(tx, date);
  const ids = starting.map((e) => e.id);
  const reachable = new Set((await identitiesOfEmployees(tx, ids)).map((i) => i.employeeId));
  const welcomed = await boundByRequestSince(tx, ids, zonedInstant(date, 0, ctx.policy.timezone));
  return starting.filter((e) => reachable.has(e.id) && !welcomed.has(e.id));
}
