/**
 * What the fake Feishu Open API remembers: every call, the messages it accepted (with their
 * card as last patched), the tokens it issued, the files it serves, and the failures and holds
 * a test asked for.
 */
import { DedupWindow } from '../dedup-window';
import type { FakeUpload } from './fake-feishu-files';

/** The endpoints the fake serves (docs/platforms/feishu.md §3.6). */
export type FakeRoute = 'token' | 'send' | 'reply' | 'patch' | 'batch' | 'resource' | 'botInfo' | 'cardUpdate' | 'upload' | 'users';

/** A user of the fake tenant's directory (contact v3 user: the fields `org sync` reads). */
export interface FakeDirectoryUser {
  open_id: string;
  name: string;
  employee_no?: string;
  /** As Feishu gives it, e.g. '+8613800138000'. */
  mobile?: string;
}

/** One request as the fake received and answered it. */
export interface FakeCall {
  seq: number;
  route: FakeRoute | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: any;
  status: number;
  answer: unknown;
}

/** A message the fake accepted through send or reply. */
export interface FakeMessage {
  messageId: string;
  route: 'send' | 'reply';
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  /** The content, parsed (text: {text}; interactive: the card as last patched). */
  content: any;
  patches: number;
  /** When the fake accepted it (its own clock: real time plus {@link FakeFeishuState.offsetMs}). */
  sentAt: number;
  /** When each PATCH of it was accepted (the 5-per-second limit per message counts these). */
  patchTimes: number[];
  /** How many card callbacks answered with a new card replaced it (as Feishu applies the answer). */
  callbackCards: number;
}

/** A batch send the fake accepted. */
export interface FakeBatch {
  messageId: string;
  msgType: string;
  content: any;
  openIds: string[];
}

/** An answer to give instead of the real one. */
export interface FakeFailure {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Canned failures of the Feishu kind (docs/platforms/feishu.md §3.5). */
export const FAILURES = {
  serverError: (): FakeFailure => ({ status: 500, body: { code: 500, msg: 'internal error' } }),
  rateLimited: (resetSeconds: number): FakeFailure => ({
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit' },
    headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(resetSeconds) },
  }),
  perChatLimit: (): FakeFailure => ({ status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } }),
  invalidReceiver: (): FakeFailure => ({ status: 400, body: { code: 230013, msg: 'Bot has NO availability to this user.' } }),
  tokenExpired: (): FakeFailure => ({ status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' } }),
  /** A JSON 2.0 card in the middle of an interaction cannot be updated (230099, ErrCode 11310). */
  cardLocked: (): FakeFailure => ({ status: 400, body: { code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: card action is lock; ' } }),
};

/** The fake's memory; the server reads and writes it, tests read it. */
export class FakeFeishuState {
  readonly calls: FakeCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly batches: FakeBatch[] = [];
  /** The order of what happened, for tests that prove an order: 'held send', 'released send', marks. */
  readonly timeline: string[] = [];
  readonly tokens = new Set<string>();
  /** The tenant's directory, all in the root department (department_id 0). */
  readonly directory: FakeDirectoryUser[] = [];
  readonly resources = new Map<string, { data: Buffer; mimeType: string; type: 'image' | 'file' }>();
  /** Files uploaded with im/v1/files, by file_key (a file message must name one of them). */
  readonly uploads = new Map<string, FakeUpload>();
  readonly failures: Array<{ route: FakeRoute; failure: FakeFailure }> = [];
  readonly holds = new Set<FakeRoute>();
  readonly waiting: Array<{ route: FakeRoute; resume: () => void }> = [];
  /** Messages whose card is in the middle of a callback (a click not yet answered): PATCH is refused. */
  readonly locked = new Set<string>();
  /** Card callback answers the fake refused (Feishu shows the clicker an error and keeps the card). */
  readonly refusedAnswers: Array<{ messageId: string; code: number; msg: string }> = [];
  /** How far the fake's clock is ahead of real time (tests move it to pass the 14-day window). */
  offsetMs = 0;
  /** Sends and replies by `uuid` (on the fake's clock): a repeat within 1 h answers the first message and delivers nothing. */
  readonly uuids = new DedupWindow<{ status: number; body: unknown }>(() => this.now());
  seq = 0;
  tokenSeq = 0;

  /** The fake's clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** The next queued failure for `route`, taken off the queue. */
  takeFailure(route: FakeRoute): FakeFailure | undefined {
    const i = this.failures.findIndex((f) => f.route === route);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0].failure;
  }

  /** The message with this id. */
  message(id: string): FakeMessage | undefined {
    return this.messages.find((m) => m.messageId === id);
  }
}
