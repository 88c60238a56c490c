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
  policy: Pick<Policy, 'timezone' | 'schedule' | 'workHours'>;
  calendar: WorkCalendar;
  schedule: DemoSchedule;
  logger: Logger;
  /** Told after every move, with one line per job that ran. */
  onChange?(state: WebChatClockState, ran: string[]): void;
}

const JOB_NAMES: Record<string, string> = {
  'meeting-reminder': '例会提醒', 'report-nudge': '日报催交', 'weekly-ranking': '周排名',
  'weekly-summary-check': '周报检查', 'close-day': '日结', 'close-month': '月结',
  'approval-reminder': '审批催办', 'day-digest': '考勤通知', 'delegation-handover': '代理交接', welcome: '新人欢迎',
};
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/**
 * The demo's moments around the policy's working hours (minutes): 10 late for a lateness,
 * 5 early for a clean clock-in, 5 after the end for a clean clock-out (before the 日报 nudge).
 */
const DEMO_LATE_MINUTES = 10;
const DEMO_MARGIN_MINUTES = 5;

/**
 * The web demo's clock control: "next workday 08:55" (on time) and "09:10" (late), "jump to
 * 17:00", "today 18:05" (a clean clock-out), "close today" and "close month" move the
 * ManualClock and run the real jobs whose time it passes, in order and each at its own time,
 * as cron would have (the (job, period) claim makes each run once). "Close month" closes the
 * month of the clock's day at once: the days left in it are skipped, not judged, so a visitor
 * sees a pay slip without a month of absences. Moves run one at a time. The log has one
 * Chinese line per job that did something.
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
    const label = `${date} ${WEEKDAYS[weekday(date)]} ${formatMinute(minute)}（${kind}）`;
    return { now: now.toISOString(), timeZone: policy.timezone, label, ticking: clock instanceof DemoClock, actions: this.labels() };
  }

  private labels(): Record<ClockAction, string> {
    const m = this.minutes();
    return {
      'on-time': `下个工作日 ${formatMinute(m.onTime)}`, 'next-workday': `下个工作日 ${formatMinute(m.late)}`, meeting: `跳到 ${formatMinute(m.meeting)}`,
      'clock-out': `今天 ${formatMinute(m.clockOut)}`, 'close-day': '结算今天', 'close-month': '结算本月',
    };
  }

  private minutes() {
    const { workHours, schedule } = this.deps.policy;
    return {
      onTime: workHours.start - DEMO_MARGIN_MINUTES, late: workHours.start + DEMO_LATE_MINUTES, meeting: schedule.meetingReminder, clockOut: workHours.end + DEMO_MARGIN_MINUTES,
    };
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
    const m = this.minutes();
    // Today's moment if it is still ahead on a workday, else the next workday's.
    const todayOrNext = (minute: number) => (calendar.isWorkday(today) && clock.now() < at(today, minute) ? at(today, minute) : at(this.nextWorkday(today), minute));
    if (action === 'next-workday') return this.moveTo(at(this.nextWorkday(today), m.late));
    if (action === 'on-time') return this.moveTo(at(this.nextWorkday(today), m.onTime));
    if (action === 'meeting') return this.moveTo(todayOrNext(m.meeting));
    if (action === 'clock-out') return this.moveTo(todayOrNext(m.clockOut));
    // Through the day digest too (it follows the close), so the demo shows each person's day.
    const closeDay = at(today, Math.max(policy.schedule.closeDay, policy.schedule.dayDigest));
    const ran = await this.moveTo(clock.now() < closeDay ? closeDay : clock.now());
    if (action === 'close-day') return ran.length ? ran : lines([await this.run({ job: 'close-day', slot: today, at: clock.now() })]);
    const month = monthOf(today);
    const next = addDays(monthRange(month).last, 1);
    const fireAt = at(`${next.slice(0, 8)}${String(policy.schedule.closeMonthDay).padStart(2, '0')}`, policy.schedule.closeMonthTime);
    const skipped = monthRange(month).last > today ? [`（${addDays(today, 1)} 至 ${monthRange(month).last} 在演示中跳过，没有逐日结算）`] : [];
    clock.set(fireAt);
    this.checked = fireAt;
    return [...ran, ...skipped, ...lines([await this.run({ job: 'close-month', slot: month, at: fireAt })])];
  }

  /** Moves the clock to `target`, running each fire on the way at its own time. */
  private async moveTo(target: Date): Promise<string[]> {
    const { clock, schedule } = this.deps;
    const ran: string[] = [];
    for (const fire of schedule.firesBetween(this.checked, target)) {
      if (fire.at > clock.now()) clock.set(fire.at);
      ran.push(...lines([await this.run(fire)]));
    }
    if (target > clock.now()) clock.set(target);
    if (target > this.checked) this.checked = target;
    return ran;
  }

  /** The fire's log line, or null when it had nothing to do. */
  private async run(fire: DemoFire): Promise<string | null> {
    const name = JOB_NAMES[fire.job] ?? fire.job;
    try {
      const summary = await this.deps.schedule.run(fire);
      return summary === null ? null : `${name}：${summary}`;
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

/** The lines of the runs that did something. */
function lines(runs: Array<string | null>): string[] {
  return runs.filter((r): r is string => r !== null);
}
