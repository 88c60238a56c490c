import type { DispatchOutcome } from './dispatcher';
import type { IncomingEvent, Platform } from './incoming-event';
import type { Messenger } from './messenger';

/** A webhook request as an adapter sees it: the exact bytes, before anything is parsed. */
export interface WebhookRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Buffer;
  receivedAt: Date;
}

/** What the adapter answers the platform. */
export interface WebhookResponse {
  status: number;
  body: string | Record<string, unknown>;
  contentType?: string;
}

/** Hands an event to the dispatcher; resolves once it is committed (or found a duplicate). */
export type Dispatch = (event: IncomingEvent) => Promise<DispatchOutcome>;

/**
 * A platform's webhook (bolt-js's Receiver): verifies, decodes, dispatches and answers a
 * request without knowing the HTTP framework; src/http mounts it on `path`.
 */
export interface WebhookReceiver {
  /** The route it answers, e.g. '/webhooks/feishu'. */
  readonly path: string;
  readonly methods: ReadonlyArray<'GET' | 'POST'>;
  /**
   * The largest request body the platform ever sends to `path`; a larger one is refused with
   * 413 before it is read (the HTTP server's general limit applies when absent).
   */
  readonly maxBodyBytes?: number;
  handle(request: WebhookRequest, dispatch: Dispatch): Promise<WebhookResponse>;
  /** Called once when the bot starts serving, to fetch ahead what the first request needs. */
  warmUp?(): void;
}

/** A long-lived inbound channel that is no webhook (a puppet's session, a page's live channel). */
export interface PlatformConnection {
  /** Opens it; from then on what arrives is handed to `dispatch`. */
  start(dispatch: Dispatch): Promise<void>;
  /** Closes it; nothing is dispatched afterwards. */
  stop(): Promise<void>;
}

/**
 * One chat platform as the bot runs it: the messenger the outbox sends through, and the way
 * messages come in: a webhook the HTTP server mounts, or a connection the bot starts and
 * stops (a platform that serves pages of its own also brings its routes, wired apart).
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly messenger: Messenger;
  readonly webhook?: WebhookReceiver;
  readonly connection?: PlatformConnection;
}
