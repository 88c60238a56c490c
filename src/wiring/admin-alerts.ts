import type { Clock } from '../core/clock';
import type { AdminAlert } from '../core/dispatcher';
import type { Platform } from '../core/incoming-event';
import { zonedMinute } from '../domain/dates';
import type { OutboxWriter } from '../outbox/outbox-writer';
import { employedOn } from '../services/people';
import type { ServiceContext } from '../services/service-context';

/**
 * The dispatcher's and the outbox's way to tell the admins: a text to every admin employed
 * today, on `platforms`' outbox, once per alert key and admin; then the outbox is woken.
 * The texts come from their features (core-texts.ts for turns, outbox/failure-alert.ts).
 */
export function adminAlerter(ctx: ServiceContext, writer: OutboxWriter, platforms: Platform[], clock: Clock, wake: () => void): (alert: AdminAlert) => Promise<void> {
  return async (alert) => {
    const today = zonedMinute(clock.now(), ctx.policy.timezone).date;
    const admins = await employedOn(ctx, today, ['admin']);
    await writer.enqueueNotices(platforms, admins.map((a) => ({ intent: { kind: 'send' as const, to: { kind: 'employee' as const, employeeId: a.id }, body: { kind: 'text' as const, text: alert.text } }, dedupKey: `${alert.key}:${a.id}` })), clock.now());
    wake();
  };
}
