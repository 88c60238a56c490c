import path from 'node:path';
import type { DataSource } from 'typeorm';
import { ManualClock, type Clock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import { loadDemoIfEmpty, loadSettings, serve, type Running } from '../../../src/main';
import { dropWorkerDatabase, openTestDataSource, type DbKind } from '../../helpers/test-db';
import { sh } from '../../helpers/service-context';

/** What a web chat test drives: the whole bot over HTTP with the demo organisation loaded. */
export interface WebChatRig {
  url: string;
  ds: DataSource;
  clock: Clock;
  running: Running;
  /** Calls the API (GET without a body, POST with one); `token` goes in the header. */
  api(path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>;
  /** Opens a viewer's event stream; resolves once the server has answered. */
  listen(account: string, token?: string): Promise<EventLog>;
  close(): Promise<void>;
}

/** A viewer's server-sent events as they arrive. */
export interface EventLog {
  status: number;
  events: any[];
  /** Resolves to the first event (old or new) that `match` accepts; fails after `ms`. */
  waitFor(match: (e: any) => boolean, ms?: number): Promise<any>;
  close(): void;
}

const POLICY = path.join(__dirname, '../../../config/policy.yaml');

/** The demo's start in the tests: Thursday 3 December 2026, 08:00 in Shanghai. */
export const DEMO_START = '2026-12-03 08:00:00';

/**
 * Starts the bot as `npm start` does with the web chat (no platform configured), on a fresh
 * `kind` database with the demo organisation loaded, listening on a free port. The clock is a
 * ManualClock at {@link DEMO_START} unless given.
 */
export async function startWebChat(kind: DbKind, env: Record<string, string> = {}, opts: { clock?: Clock; demo?: boolean } = {}): Promise<WebChatRig> {
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS: 'off', POLICY_FILE: POLICY, ...env });
  const logger = createLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const ds = await openTestDataSource(kind);
  const clock = opts.clock ?? new ManualClock(sh(DEMO_START));
  if (opts.demo !== false) await loadDemoIfEmpty(settings, ds, logger, clock.now());
  const running = await serve(settings, ds, logger, { signals: false, clock });
  const url = `http://127.0.0.1:${running.port}`;
  const streams: EventLog[] = [];
  const headers = (token?: string): Record<string, string> => ({ 'content-type': 'application/json', ...(token ? { 'x-web-chat-token': token } : {}) });
  return {
    url, ds, clock, running,
    async api(p, body, token) {
      const res = await fetch(url + p, { method: body === undefined ? 'GET' : 'POST', headers: headers(token), body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    async listen(account, token) {
      const log = await openStream(`${url}/api/web/events?as=${encodeURIComponent(account)}`, headers(token));
      streams.push(log);
      return log;
    },
    async close() {
      for (const s of streams) s.close();
      await running.close();
      if (kind === 'mysql') await dropWorkerDatabase();
    },
  };
}

async function openStream(url: string, headers: Record<string, string>): Promise<EventLog> {
  const ctl = new AbortController();
  const res = await fetch(url, { headers, signal: ctl.signal });
  const events: any[] = [];
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        buffer += decoder.decode(r.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          buffer = buffer.slice(end + 2);
          if (data) events.push(JSON.parse(data));
        }
      }
    })().catch(() => undefined);
  }
  return {
    status: res.status,
    events,
    async waitFor(match, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.item?.html ?? e.clock?.label ?? e.type))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => ctl.abort(),
  };
}

/** A real 1×1 PNG: a sick note's photo. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The text of an item's HTML, tags stripped (for matching). */
export const plain = (e: any): string => String(e?.item?.html ?? '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
