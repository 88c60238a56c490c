import type { DispatchOutcome } from '../../src/core/dispatcher';
import type { ImmediateResponse } from '../../src/core/turn-context';
import type { Role } from '../../src/domain/roles';

/** Someone the web chat can be used as: an employee bound to a 'web' account. */
export interface WebChatPerson {
  /** The 'web' platform account (the external id of the binding). */
  account: string;
  no: string;
  name: string;
  role: Role;
  team?: string;
  /** The team's web group chat; absent for people without a team (admins). */
  groupChatId?: string;
}

/** Who wrote a message in the web chat. */
export type WebChatSender = { kind: 'bot' } | { kind: 'person'; account: string; name: string };

/** One message as the page shows it, in the viewer's direct chat or their team's group chat. */
export interface WebChatItem {
  id: string;
  chat: 'direct' | 'group';
  from: WebChatSender;
  /** When it was written, by the application's clock (ISO). */
  at: string;
  /** The message rendered by the web adapter (escaped HTML). */
  html: string;
}

/** The demo clock as the page shows it. */
export interface WebChatClockState {
  now: string;
  timeZone: string;
  /** E.g. '2026-12-04 周五 09:10（工作日）'. */
  label: string;
  /** True when the clock moves on with real time between jumps. */
  ticking: boolean;
  /** Each clock button's label, from the policy's hours: e.g. 'on-time' → '下个工作日 08:55'. */
  actions: Record<ClockAction, string>;
}

/** What the page is told live: a new message, a card changed, the clock moved. */
export type WebChatEvent =
  | { type: 'message'; item: WebChatItem }
  | { type: 'update'; item: WebChatItem }
  | { type: 'clock'; clock: WebChatClockState; ran: string[] };

/** A live listener (a server-sent-events stream); `end` is called when the web chat shuts down. */
export interface WebChatSubscriber {
  event(e: WebChatEvent): void;
  end(): void;
}

/** What a message or a click answers at once; the replies follow live. */
export interface WebChatAnswer {
  status: DispatchOutcome['status'] | 'gone';
  toast?: ImmediateResponse['toast'];
}

/** The demo clock's actions (the page's buttons). */
export const CLOCK_ACTIONS = ['on-time', 'next-workday', 'meeting', 'clock-out', 'close-day', 'close-month'] as const;

/** One of {@link CLOCK_ACTIONS}. */
export type ClockAction = (typeof CLOCK_ACTIONS)[number];

/** The demo clock control: moves the clock and runs the jobs it passes. */
export interface WebChatClockControl {
  state(): WebChatClockState;
  /** Performs an action; resolves to the new state and one Chinese line per job that did something. */
  act(action: ClockAction): Promise<{ clock: WebChatClockState; ran: string[] }>;
}

/** One scheduled fire of a job, as cron would run it. */
export interface DemoFire {
  job: string;
  /** The period it judges or speaks for. */
  slot: string;
  at: Date;
}

/** The real jobs, for the demo clock (the composition root implements it over src/jobs: src/wiring/demo-schedule.ts). */
export interface DemoSchedule {
  /** The fires in (from, to], in time order. */
  firesBetween(from: Date, to: Date): DemoFire[];
  /** Runs one fire at the clock's current time; resolves to its Chinese summary, or null when it had nothing to do (left out of the log). */
  run(fire: DemoFire): Promise<string | null>;
}

/** A request the web chat refuses; Koa answers it with `status` and the message. */
export class WebChatError extends Error {
  readonly expose = true;

  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'WebChatError';
  }
}

/**
 * The web chat as its HTTP routes see it (web-chat-router.ts): the page, the people, messages
 * and clicks in, live events out, and the demo clock when it is enabled. WebChat implements it
 * over the same dispatcher and outbox as every platform.
 */
export interface WebChatPort {
  /** The page's HTML. */
  page(): string;
  /** The page's script (JavaScript). */
  script(): string;
  people(): Promise<WebChatPerson[]>;
  /** The viewer's direct chat and their team's group chat so far, oldest first. */
  history(account: string): Promise<WebChatItem[]>;
  say(account: string, input: { chat: 'direct' | 'group'; text: string; clientId?: string }): Promise<WebChatAnswer>;
  /**
   * Sends a file (a sick note) as the platforms' file messages are sent: refused with a Chinese
   * reason when empty (400), over {@link maxFileBytes} (413), or not an image or PDF by its
   * content (415); otherwise shown in the chat and dispatched as a message with the file.
   */
  sendFile(account: string, input: { chat: 'direct' | 'group'; fileName: string; content: Buffer }): Promise<WebChatAnswer>;
  /** The largest file {@link sendFile} takes (the policy's attachments.maxBytes). */
  readonly maxFileBytes: number;
  /** Clicks a card's button (its index) or submits its form ('submit'). */
  click(account: string, input: { messageId: string; button: number | 'submit'; form: Record<string, string>; clientId?: string }): Promise<WebChatAnswer>;
  /** Streams the viewer's new messages, card updates and clock moves; returns the unsubscribe. */
  subscribe(account: string, subscriber: WebChatSubscriber): Promise<() => void>;
  /** The policy's time zone: the page shows times in it. */
  readonly timeZone: string;
  /** Undefined unless the demo clock is enabled. */
  readonly clock: WebChatClockControl | undefined;
}
