import type { DataSource } from 'typeorm';
import { createLogger } from '../../../src/core/logger';
import type { Employee } from '../../../src/db/entities';
import { createApp } from '../../../src/http/app';
import { consoleRouterFor } from '../../../src/wiring/console';
import { chartRenderer } from '../../../src/wiring/platforms';
import { ChatHarness, texts } from '../../helpers/chat-harness';
import { serveApp, type HttpCall, type HttpReply, type TestServer } from '../../helpers/http-client';
import { serviceContext } from '../../helpers/service-context';

/** The console over HTTP next to a chat harness: the same database, clock and dispatcher. */
export interface ConsoleRig {
  chat: ChatHarness;
  server: TestServer;
  /** GET/POST with this server's Host (and a session cookie when given). */
  call(call: HttpCall & { cookie?: string }): Promise<HttpReply>;
  /** Sends 后台 in chat as `who` and returns the link's path and query (/admin/login?t=…). */
  linkFor(who: Employee): Promise<string>;
  /** Signs `who` in through a fresh link; returns the cookie pair (console_session=…). */
  signIn(who: Employee): Promise<string>;
  /** POSTs a console command as JSON. */
  command(cookie: string, text: string, requestId?: string): Promise<HttpReply>;
  /** Lets the outbox send what the console's writes enqueued (card updates, notices). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

/** Starts the console's router (PUBLIC_URL `publicUrl`) on a free port, over `ds`. */
export async function startConsole(ds: DataSource, publicUrl = 'http://127.0.0.1:3000'): Promise<ConsoleRig> {
  const logger = createLogger({ level: 'silent' });
  const chat = new ChatHarness(ds);
  const router = consoleRouterFor({ ctx: serviceContext(ds), clock: chat.clock, dispatcher: chat.bot.dispatcher, env: { publicUrl }, platforms: ['web'], logger, charts: chartRenderer });
  const server = await serveApp(createApp({ logger, isReady: async () => true, routers: [router] }));
  const host = `127.0.0.1:${server.port}`;
  const rig: ConsoleRig = {
    chat,
    server,
    call: ({ cookie, ...c }) => server.send({ ...c, headers: { Host: host, ...(cookie ? { Cookie: cookie } : {}), ...c.headers } }),
    async linkFor(who) {
      const text = texts((await chat.say(who, '后台')).replies).join('\n');
      const url = /https?:\/\/\S+\/admin\/login\?t=[A-Za-z0-9_-]{43}/.exec(text)?.[0];
      if (!url) throw new Error(`no link in: ${text}`);
      const u = new URL(url);
      return u.pathname + u.search;
    },
    async signIn(who) {
      const r = await rig.call({ path: await rig.linkFor(who) });
      if (r.status !== 303) throw new Error(`sign-in answered ${r.status}: ${r.text}`);
      return String(r.headers['set-cookie']?.[0] ?? '').split(';')[0];
    },
    command: (cookie, text, requestId = `req-${++seq}`) =>
      rig.call({ method: 'POST', path: '/admin/api/command', cookie, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text, requestId }) }),
    async flush() {
      await chat.bot.outbox.idle();
      await chat.bot.outbox.drain();
      await chat.bot.outbox.stop();
    },
    close: () => server.close(),
  };
  return rig;
}
