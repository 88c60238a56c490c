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
 * A platform's inbound and outbound sides (bolt-js's Receiver): verify, decode, dispatch and
 * answer a webhook without knowing the HTTP framework; render and send through its messenger.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** The route it answers, e.g. '/webhooks/feishu'. */
  readonly path: string;
  readonly methods: Array<'GET' | 'POST'>;
  /**
   * The largest request body the platform ever sends to `path`; a larger one is refused with
   * 413 before it is read (the HTTP server's general limit applies when absent).
   */
  readonly maxBodyBytes?: number;
  readonly messenger: Messenger;
  handle(request: WebhookRequest, dispatch: Dispatch): Promise<WebhookResponse>;
  /** Starts long-lived connections (wechaty); webhook platforms have none. */
  start?(dispatch: Dispatch): Promise<void>;
  stop?(): Promise<void>;
}
