import { closesOfMonth } from '../../db/stores/payroll-store';
import type { Tx } from '../../db/stores/tx';
import { zonedMinute } from '../../domain/dates';
import type { ServiceContext } from '../service-context';

/** The day (company zone) the first close of `month` finished; null while the month is open. */
export async function monthClosedOn(tx: Tx, ctx: ServiceContext, month: string): Promise<string | null> {
  const finished = (await closesOfMonth(tx, month)).flatMap((r) => (r.finishedAt ? [r.finishedAt.getTime()] : []));
  if (!finished.length) return null;
  return zonedMinute(new Date(Math.min(...finished)), ctx.policy.timezone).date;
}
