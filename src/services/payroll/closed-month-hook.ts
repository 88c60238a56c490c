import type { Tx } from '../../db/stores/tx';
import type { ServiceContext } from '../service-context';

/** A fact of a closed month that an approval changed (a 补卡 recorded a punch, a 申诉 reversed an entry). */
export type ClosedMonthChange = { employeeId: number; date: string; what: string };

/**
 * Called in the approval's transaction when it changes a month that is already closed. A no-op
 * here; the month revisions (待重新结算, telling the admins) hook in.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function onClosedMonthChange(tx: Tx, ctx: ServiceContext, change: ClosedMonthChange): Promise<void> {}
