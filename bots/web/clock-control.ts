import { ManualClock } from '../../src/core/clock';
import type { Logger } from '../../src/core/logger';
import type { ClockAction, DemoFire, DemoSchedule, WebChatClockControl, WebChatClockState } from './web-chat-port';
import type { WorkCalendar } from '../../src/domain/calendar';
import { addDays, formatMinute, monthOf, monthRange, weekday, zonedInstant, zonedMinute } from '../../src/domain/dates';
import type { Policy } from '../../src/domain/policy';

/**
 * The web demo's clock: a ManualClock that also moves on with real time between jumps, so a
 * visitor who waits sees minutes pass (a punch at 09:10 and another a minute later differ),
 * while the clock control can still set it to any moment.
 */
export class DemoClock extends ManualClock {
  private anchor = Date.now();

  override now(): Date {
    return new Date(super.now().getTime() + (Date.now() - this.anchor));
  }

  override set(at: Date): void {
    super.set(at);
    this.anchor = Date.now();
  }

  override advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}

/** What the clock control moves and runs. */
export interface ClockControlDeps {
  clock: ManualClock;
  policy: Pick<Policy, 'timezone' | 'schedule'>;
  calendar: WorkCalendar;
  schedule: DemoSchedule;
  logger: Logger;
  /** Told after every move, with one line per job that ran. */
  onChange?(state: WebChatClockState, ran: string[]): void;
}

const JOB_NAMES: Record<string, string> = {
  'meeting-reminder': '例会提醒', 'report-nudge': '日报催交', 'weekly-ranking': '周排名',
  'weekly-summary-check': '周报检查', 'close-day': '日结', 'close-month': '月结', 'day-digest': '考勤通知',
};
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WORK_START_DEMO = 9 * 60 + 10;

/**
 * The web demo's clock control: "next workday 09:10", "jump to 17:00", "close today" and
 * "close month" move the ManualClock and run the real jobs whose time it passes, in order and
 * each at its own time, as cron would have (the (job, period) claim makes each run once).
 * "Close month" closes the month of the clock's day at once: the days left in it are skipped,
 * not judged, so a visitor sees a pay slip without a month of absences. Moves run one at a time.
 */
export class ClockControl implements WebChatClockControl {
  private checked: Date;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ClockControlDeps) {
    this.checked = deps.clock.now();
  }

  state(): WebChatClockState {
    const { clock, policy, calendar } = this.deps;
    const now = clock.now();
    const { date, minute } = zonedMinute(now, policy.timezone);
    const day = calendar.day(date);
    const kind = day.workday ? '工作日' : day.name ?? '休息日';
    return { now: now.toISOString(), timeZone: policy.timezone, label: `${date} ${WEEKDAYS[weekday(date)]} ${formatMinute(minute)}（${kind}）`, ticking: clock instanceof DemoClock };
  }

  act(action: ClockAction): Promise<{ clock: WebChatClockState; ran: string[] }> {
    return this.serial(async () => {
      const ran = await this.perform(action);
      this.deps.onChange?.(this.state(), ran);
      return { clock: this.state(), ran };
    });
  }

  /** Runs, every `everyMs`, the jobs a ticking clock has passed on its own. */
  start(everyMs: number): void {
    this.timer ??= setInterval(() => {
      this.serial(() => this.moveTo(this.deps.clock.now()))
        .then((ran) => ran.length && this.deps.onChange?.(this.state(), ran))
        .catch((err: unknown) => this.deps.logger.error({ err }, 'demo clock: running due jobs failed'));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async perform(action: ClockAction): Promise<string[]> {
    const { policy, calendar, clock } = this.deps;
    const today = zonedMinute(clock.now(), policy.timezone).date;
    const at = (date: string, minute: number) => zonedInstant(date, minute, policy.timezone);
    if (action === 'next-workday') return this.moveTo(at(this.nextWorkday(today), WORK_START_DEMO));
    if (action === 'meeting') {
      const m = policy.schedule.meetingReminder;
      return this.moveTo(calendar.isWorkday(today) && clock.now() < at(today, m) ? at(today, m) : at(this.nextWorkday(today), m));
    }
    // Through the day digest too (it follows the close), so the demo shows each person's day.
    const closeDay = at(today, Math.max(policy.schedule.closeDay, policy.schedule.dayDigest));
    const ran = await this.moveTo(clock.now() < closeDay ? closeDay : clock.now());
    if (action === 'close-day') return ran.length ? ran : [await this.run({ job: 'close-day', slot: today, at: clock.now() })];
    const month = monthOf(today);
    const next = addDays(monthRange(month).last, 1);
    const fireAt = at(`${next.slice(0, 8)}${String(policy.schedule.closeMonthDay).padStart(2, '0')}`, policy.schedule.closeMonthTime);
    const skipped = monthRange(month).last > today ? [`（${addDays(today, 1)} 至 ${monthRange(month).last} 在演示中跳过，没有逐日结算）`] : [];
    clock.set(fireAt);
    this.checked = fireAt;
    return [...ran, ...skipped, await this.run({ job: 'close-month', slot: month, at: fireAt })];
  }

  /** Moves the clock to `target`, running each fire on the way at its own time. */
  private async moveTo(target: Date): Promise<string[]> {
    const { clock, schedule } = this.deps;
    const ran: string[] = [];
    for (const fire of schedule.firesBetween(this.checked, target)) {
      if (fire.at > clock.now()) clock.set(fire.at);
      ran.push(await this.run(fire));
    }
    if (target > clock.now()) clock.set(target);
    if (target > this.checked) this.checked = target;
    return ran;
  }

  private async run(fire: DemoFire): Promise<string> {
    const name = JOB_NAMES[fire.job] ?? fire.job;
    try {
      return `${name}：${await this.deps.schedule.run(fire)}`;
    } catch (err) {
      this.deps.logger.warn({ err, job: fire.job, slot: fire.slot }, 'demo clock: job failed');
      return `${name} 没有运行：${(err as Error).message}`;
    }
  }

  private nextWorkday(after: string): string {
    let d = addDays(after, 1);
    for (let i = 0; i < 366 && !this.deps.calendar.isWorkday(d); i++) d = addDays(d, 1);
    return d;
  }
}
