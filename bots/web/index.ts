import type { Router } from '@koa/router';
import type { ChartRenderer } from '../../src/core/chart';
import type { Clock, ManualClock } from '../../src/core/clock';
import type { FileLinks } from '../../src/core/file-links';
import type { Logger } from '../../src/core/logger';
import type { PlatformAdapter } from '../../src/core/platform-adapter';
import type { WorkCalendar } from '../../src/domain/calendar';
import type { Policy } from '../../src/domain/policy';
import type { HttpState } from '../../src/http/router-kit';
import { ClockControl } from './clock-control';
import { WebChat } from './web-chat';
import type { DemoSchedule, WebChatPerson } from './web-chat-port';
import { fileBodyLimit, WEB_CHAT_FILES_PATH, webChatRouter, type WebChatRouterOptions } from './web-chat-router';
import { WebConversations } from './web-conversations';
import { WebMessenger } from './web-messenger';
import { loadClientScript, webChatPage } from './web-page';

export { DemoClock } from './clock-control';
export type { DemoFire, DemoSchedule, WebChatPerson } from './web-chat-port';
export { WEB_CHAT_FILES_PATH, WEB_CHAT_TOKEN_HEADER, type WebChatRouterOptions } from './web-chat-router';

/** What the web chat needs from the composition root. */
export interface WebChatConfig {
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** The largest file the file button takes (the policy's attachments.maxBytes). */
  maxFileBytes: number;
  /** The employees with a 'web' account, read from the database on each call. */
  people(): Promise<WebChatPerson[]>;
  /** Download links for the files the bot offers (GET /files/TOKEN). */
  fileLinks?: FileLinks;
  /** Draws the charts some cards carry (the Friday ranking), shown inside the card. */
  charts?: ChartRenderer;
}

/** What the demo clock control needs: a clock it may move, and the real jobs. */
export interface DemoClockConfig {
  clock: ManualClock;
  policy: Pick<Policy, 'timezone' | 'schedule' | 'workHours'>;
  calendar: WorkCalendar;
  schedule: DemoSchedule;
  /** Run the jobs a ticking clock passes every this many ms (JOBS=on); never when absent. */
  tickMs?: number;
}

/** The built-in web chat: the platform adapter, its HTTP routes, and its controls. */
export interface WebChatPlatform {
  /** The messenger the outbox sends through, and the connection that hands the page's messages to the dispatcher. */
  adapter: PlatformAdapter;
  /** The page, its script and its API (/, /web-chat.js, /api/web/…), behind the browser guard. */
  router(opts: WebChatRouterOptions): Router<HttpState>;
  /** Turns the demo clock control on (the page shows it; its actions move the clock and run jobs). */
  enableClock(config: DemoClockConfig): void;
  /** Ends every open live stream, so the HTTP server can close at once. */
  disconnect(): void;
  /** The request body limits its routes need (the file upload's is larger than the default). */
  bodyLimitsByPath: ReadonlyMap<string, number>;
}

/**
 * The `web` platform: a page served by the bot's own HTTP server, with a live channel to it.
 * It has no webhook: its connection's start() attaches it to the dispatcher, its routes take
 * the page's messages, and its messenger is driven by the outbox like every other platform's.
 */
export function createWebChat(config: WebChatConfig): WebChatPlatform {
  const conversations = new WebConversations();
  const page = webChatPage();
  const script = loadClientScript();
  const chat = new WebChat({
    clock: config.clock, timeZone: config.timeZone, conversations, maxFileBytes: config.maxFileBytes, people: config.people, page: () => page, script: () => script,
  });
  let control: ClockControl | undefined;
  const adapter: PlatformAdapter = {
    platform: 'web',
    messenger: new WebMessenger(conversations, config.clock, config.logger, config.fileLinks && { links: config.fileLinks, timeZone: config.timeZone }, config.charts),
    connection: {
      start: async (dispatch) => chat.attach(dispatch),
      stop: async () => {
        control?.stop();
        chat.attach(undefined);
        conversations.endAll();
      },
    },
  };
  return {
    adapter,
    router: (opts) => webChatRouter(chat, opts),
    enableClock: (c) => {
      control = new ClockControl({ ...c, logger: config.logger, onChange: (clock, ran) => conversations.broadcast({ type: 'clock', clock, ran }) });
      chat.clock = control;
      if (c.tickMs) control.start(c.tickMs);
    },
    disconnect: () => conversations.endAll(),
    bodyLimitsByPath: new Map([[WEB_CHAT_FILES_PATH, fileBodyLimit(config.maxFileBytes)]]),
  };
}
