import type { Notice } from '../core/notifier';
import { zonedMinute } from '../domain/dates';
import { handoversOn } from '../services/approvals';
import type { JobSpec } from './job-spec';

/**
 * A 代理 that starts on the slot's day (filed on an earlier day): the pending approval cards of
 * its supervisor go to the delegate, under the same card keys, so a decision updates every
 * copy. One notice per delegation and request: a re-run sends nothing twice.
 */
export const DELEGATION_HANDOVER: JobSpec = {
  name: 'delegation-handover',
  sends: true,
  slotOf: (date) => date,
  defaultSlot: (now, tz) => zonedMinute(now, tz).date,
  async run({ ctx, slot, notify, views, keySuffix }) {
    const notices: Notice[] = [];
    const handovers = await handoversOn(ctx, slot);
    for (const { delegation, pending } of handovers) {
      for (const p of pending) {
        const view = await views.requestCard(ctx, p.letter, p.id, slot);
        if (!view) continue;
        notices.push({
          intent: { kind: 'send', to: { kind: 'employee', employeeId: delegation.delegateId }, body: { kind: 'card', card: view.card }, cardKey: view.cardKey },
          dedupKey: `delegation-handover:${slot}:${delegation.id}:${p.letter}${p.id}${keySuffix}`,
        });
      }
    }
    const sent = await notify(notices);
    return `${slot}: ${handovers.length} delegations start, ${sent} cards handed over`;
  },
};
