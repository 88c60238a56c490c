import type { Notice } from '../core/notifier';
import { zonedMinute } from '../domain/dates';
import { newcomersOn } from '../services/org';
import type { JobSpec } from './job-spec';

/**
 * welcome: on a new employee's first day (start date = the slot), the welcome with 帮助 for
 * their role. The dedup key is per employee, so each is welcomed once, whatever the day of a
 * re-run; one bound that day by a 绑定 was welcomed by the approval.
 */
export const WELCOME: JobSpec = {
  name: 'welcome',
  sends: true,
  slotOf: (date) => date,
  defaultSlot: (now, tz) => zonedMinute(now, tz).date,
  async run({ ctx, slot, notify, views, keySuffix }) {
    const newcomers = await newcomersOn(ctx, slot);
    const notices: Notice[] = newcomers.map((e) => ({
      intent: { kind: 'send', to: { kind: 'employee', employeeId: e.id }, body: { kind: 'text', text: views.welcome(ctx, e) } },
      dedupKey: `welcome:${e.id}${keySuffix}`,
    }));
    const sent = await notify(notices);
    return { outcome: `${slot}: welcomed ${sent} new employees`, summary: `${slot} 向 ${sent} 位新同事发送欢迎和帮助`, idle: sent === 0 };
  },
};
