import type { FakeUploadedMedia } from './fake-wecom-media';
import { DedupWindow } from '../dedup-window';
import type { ApiAnswer } from './fake-wecom-api';

/** The fake's settings: the one corp and app it knows, and the userids in the app's visible range. */
export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: number;
  users?: string[];
  /** expires_in of issued tokens; 7200 by default. */
  tokenTtlSec?: number;
}

/** One call the fake received and what it answered. */
export interface ApiRecord {
  seq: number;
  at: number;
  method: string;
  /** The path after /cgi-bin/, e.g. 'message/send'. */
  api: string;
  query: Record<string, string>;
  body: any;
  /** The body's bytes and Content-Type (an upload is multipart, not JSON). */
  raw?: Buffer;
  contentType?: string;
  errcode: number;
  reply: any;
  /** Things the real API would do silently: 'over-2048-bytes', 'dropped:<user>', 'hung' … */
  flags: string[];
}

/** A template card the fake delivered, and every update it took. */
export interface FakeCard {
  taskId: string;
  touser: string[];
  /** The card as it stands (the last template_card, or the sent one with a greyed button). */
  current: any;
  updates: any[];
}

/**
 * The fake's state and switches: tokens, injected errcodes, media, group robots, template cards
 * and their response codes, and queries over the recorded calls.
 */
export class FakeWecomState {
  readonly records: ApiRecord[] = [];
  /** The corp's directory (user/list): each user in `department` ids; department 1 is the root. */
  readonly directory: Array<{ userid: string; name: string; mobile?: string; department: number[] }> = [];
  readonly users: Set<string>;
  readonly tokens = new Map<string, 'live' | 'expired' | 'revoked'>();
  readonly media = new Map<string, { content: Buffer; fileName: string; mimeType: string }>();
  readonly robots = new Map<string, number[]>();
  /** Files uploaded with media/upload or webhook/upload_media, by media_id. */
  readonly uploads = new Map<string, FakeUploadedMedia>();
  readonly cards = new Map<string, FakeCard>();
  readonly codes = new Map<string, { taskId: string; used: boolean; expired: boolean; issuedAt: number }>();
  /** Messages over 30 a minute to one user: errcode 0 and not delivered (docs/platforms/wecom.md §3.6). */
  readonly perUser = new Map<string, number[]>();
  dropped = 0;
  /** How far the fake's clock is ahead of real time (tests move it past a code's 72 hours). */
  offsetMs = 0;
  /** Delivered message/send requests by their JSON (on the fake's clock), for `enable_duplicate_check`. */
  readonly sentJson = new DedupWindow<ApiAnswer>(() => this.now());
  private readonly failures = new Map<string, number[]>();
  private seq = 0;

  constructor(readonly o: FakeWecomOptions) {
    this.users = new Set((o.users ?? []).map((u) => u.toLowerCase()));
  }

  /** The fake's clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the fake's clock ahead. */
  advanceClock(ms: number): void {
    this.offsetMs += ms;
  }

  /** A fresh number for ids (tokens, msgids, response codes). */
  next(): number {
    return ++this.seq;
  }

  /** The next `times` calls of `api` answer `errcode` (after the token check). */
  failNext(api: string, errcode: number, times = 1): void {
    this.failures.set(api, [...(this.failures.get(api) ?? []), ...Array<number>(times).fill(errcode)]);
  }

  /** The injected errcode for this call of `api`, if any. */
  takeFailure(api: string): number | undefined {
    return this.failures.get(api)?.shift();
  }

  /** Every token issued so far now answers 42001 (expired). */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 'expired');
  }

  /** Every token issued so far now answers 40014 (invalid). */
  revokeTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 'revoked');
  }

  /** A file media/get serves under `mediaId`. */
  addMedia(mediaId: string, content: Buffer, fileName = `${mediaId}.jpg`, mimeType = 'image/jpeg'): void {
    this.media.set(mediaId, { content, fileName, mimeType });
  }

  /** A group robot key webhook/send accepts. */
  addRobot(key: string): void {
    this.robots.set(key, []);
  }

  /** What WeCom does when someone clicks a card: a fresh single-use response code for its task. */
  issueResponseCode(taskId: string): string {
    const code = `RC_${taskId}_${this.next()}`;
    this.codes.set(code, { taskId, used: false, expired: false, issuedAt: this.now() });
    return code;
  }

  /** Every response code issued so far is now past its 72 hours. */
  expireResponseCodes(): void {
    for (const c of this.codes.values()) c.expired = true;
  }

  /** Recorded calls of `api`, answered with errcode 0 unless `all`. */
  calls(api: string, all = false): ApiRecord[] {
    return this.records.filter((r) => r.api === api && (all || r.errcode === 0) && !r.flags.includes('hung'));
  }

  /** Delivered message/send calls that reached `user` (a duplicate WeCom dropped did not). */
  messagesTo(user: string): ApiRecord[] {
    return this.calls('message/send').filter((r) => String(r.body.touser).split('|').includes(user) && !r.flags.includes(`dropped:${user}`) && !r.flags.includes('duplicate'));
  }

  /** What `user` reads: text and markdown contents, a card's title, fields and sub-title. */
  textsTo(user: string): string[] {
    return this.messagesTo(user).map((r) => messageText(r.body));
  }

  /** The template cards sent to `user`, in order. */
  cardsTo(user: string): FakeCard[] {
    return [...this.cards.values()].filter((c) => c.touser.includes(user));
  }
}

/** The readable text of a message/send body (or of a template card). */
export function messageText(body: any): string {
  if (body.msgtype === 'text') return body.text.content;
  if (body.msgtype === 'markdown') return body.markdown.content;
  return cardText(body.template_card);
}

/** A template card's title, fields, sub-title and grey label as lines. */
export function cardText(card: any): string {
  const fields = (card?.horizontal_content_list ?? []).map((f: any) => `${f.keyname}：${f.value}`);
  return [card?.main_title?.title, ...fields, card?.sub_title_text, card?.replace_text].filter(Boolean).join('\n');
}
