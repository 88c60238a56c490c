import type { Logger } from '../../core/logger';
import { allCalendarEntries, newestCalendarEntry } from '../../db/stores/calendar-store';
import type { Tx } from '../../db/stores/tx';
import { currentManager } from '../../db/transaction';
import { foldEntries } from '../../domain/calendar-entries';
import type { ServiceContext } from '../service-context';

/**
 * The chat layer's version in the database: the newest entry's id and stamp ('' with none).
 * Entries are only ever appended, so any change moves it; the stamp tells a row apart from
 * one that reused the id of a rolled-back insert (SQLite reuses rowids).
 */
export async function calendarVersion(tx: Tx): Promise<string> {
  const newest = await newestCalendarEntry(tx);
  return newest ? `${newest.id}@${newest.recordedAt.getTime()}` : '';
}

/**
 * Brings `ctx.calendar`'s chat layer up to the database: one indexed single-row read when
 * nothing changed, else every entry read and folded. Inside a transaction it reads that
 * transaction (its own writes included). True when the layer was replaced.
 */
export async function refreshCalendar(ctx: ServiceContext, tx: Tx = currentManager(ctx.ds)): Promise<boolean> {
  const version = await calendarVersion(tx);
  if (version === ctx.calendar.enteredVersion) return false;
  const rows = await allCalendarEntries(tx);
  const newest = rows[rows.length - 1];
  ctx.calendar.setEntered(foldEntries(rows), newest ? `${newest.id}@${newest.recordedAt.getTime()}` : '');
  return true;
}

/** A running poll of the calendar's chat layer. */
export interface CalendarRefresher {
  stop(): Promise<void>;
}

/**
 * Polls the database every `calendar.refreshSeconds` (policy) so that days entered in chat on
 * another replica apply here within that time, without a query on every chat event: one
 * single-row read per interval per replica, whatever the traffic. Jobs and the replica that
 * took the entry refresh at once (run-job, the 节假日 command). A failed poll is logged once
 * until one succeeds; the timer never keeps the process alive.
 */
export function startCalendarRefresh(ctx: ServiceContext, logger: Logger): CalendarRefresher {
  let running: Promise<unknown> | null = null;
  let failing = false;
  const tick = () => {
    if (running) return;
    running = refreshCalendar(ctx, ctx.ds.manager)
      .then((changed) => {
        if (changed) logger.info({ calendarVersion: ctx.calendar.enteredVersion }, 'holiday calendar reloaded: days were entered in chat');
        failing = false;
      })
      .catch((err: unknown) => {
        if (!failing) logger.warn({ err }, 'could not check the holiday calendar for changes; retrying');
        failing = true;
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, ctx.policy.calendar.refreshSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
