import type { Logger } from '../../src/core/logger';
import { TOKEN_ERRCODES, WecomApiError, WecomTransportError } from './api-errors';
import type { FetchedMedia } from './event-decoder';
import { httpExchange, keepAliveAgents, type ExchangeInit, type HttpAnswer } from './http-exchange';
import { mediaForm, type MediaFile } from './media-form';

/** What every API answer carries. */
export interface ApiReply {
  errcode: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** The client's settings. */
export interface ApiClientOptions {
  corpId: string;
  secret: string;
  /** e.g. https://qyapi.weixin.qq.com or a fake server's URL. */
  apiBase: string;
  /** Per-request timeout for sending calls; 10 s by default. */
  timeoutMs?: number;
}

/**
 * The WeCom server API: an access token cached per app and shared by concurrent callers (one
 * fetch at a time), refreshed and the call retried once when WeCom says it is invalid, missing
 * or expired. Why: gettoken is rate-limited and tokens may be invalidated early (docs/platforms/wecom.md §3.1).
 * Tokens and secrets never reach a log line (they travel in query strings nobody logs).
 */
export class WecomApiClient {
  private cached: { token: string; expiresAt: number } | undefined;
  private fetching: Promise<string> | undefined;
  private readonly base: string;
  private readonly agents = keepAliveAgents();

  constructor(
    private readonly o: ApiClientOptions,
    private readonly logger: Logger,
  ) {
    this.base = o.apiBase.replace(/\/+$/, '');
  }

  /** The cached token, or one fetched now; concurrent callers share a single fetch. */
  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.expiresAt) return this.cached.token;
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  /** POSTs JSON to `/cgi-bin/<api>`; throws WecomApiError on a non-zero errcode. */
  async post(api: string, body: unknown): Promise<ApiReply> {
    return this.withToken(api, async (token) => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      return this.json(api, await this.exchange(api, `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`, init));
    });
  }

  /** GETs `/cgi-bin/<api>` with `query`; throws WecomApiError on a non-zero errcode. */
  async get(api: string, query: Record<string, string>): Promise<ApiReply> {
    return this.withToken(api, async (token) => {
      const q = Object.entries(query).map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('');
      return this.json(api, await this.exchange(api, `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}${q}`, {}));
    });
  }

  /**
   * The bytes of a MediaId (media/get). Why the short timeout: the sick note is fetched inside
   * the webhook, which WeCom abandons after 5 s (docs/platforms/wecom.md §2.5, §3.8).
   */
  async media(mediaId: string, timeoutMs = 2000): Promise<FetchedMedia> {
    return this.withToken('media/get', async (token) => {
      const path = `/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
      const res = await this.exchange('media/get', path, {}, timeoutMs);
      const type = res.header('content-type') ?? '';
      if (/json|text\/plain/i.test(type)) {
        this.json('media/get', res);
        throw new WecomTransportError('media/get', 'answered JSON without a file');
      }
      const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(res.header('content-disposition') ?? '')?.[1];
      return { content: res.body, fileName: name ? decodeURIComponent(name) : undefined, mimeType: type.split(';')[0] || undefined };
    });
  }

  /**
   * Uploads a file as temporary media (media/upload?type=file, or type=image for a picture sent
   * as an image message) and returns its media_id (3 days).
   * Why multipart by hand: the form's `media` part must carry filename and filelength
   * (https://developer.work.weixin.qq.com/document/path/90253).
   */
  async uploadMedia(file: MediaFile, type: 'file' | 'image' = 'file'): Promise<string> {
    return this.withToken('media/upload', async (token) => {
      const path = `/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=${type}`;
      return mediaIdOf('media/upload', this.json('media/upload', await this.exchange('media/upload', path, mediaForm(file))));
    });
  }

  /** Uploads a file for a group robot (webhook/upload_media?type=file, its key instead of a token); returns the media_id. */
  async uploadRobotMedia(key: string, file: MediaFile): Promise<string> {
    const path = `/cgi-bin/webhook/upload_media?key=${encodeURIComponent(key)}&type=file`;
    return mediaIdOf('webhook/upload_media', this.json('webhook/upload_media', await this.exchange('webhook/upload_media', path, mediaForm(file))));
  }

  /** POSTs to a group robot's webhook (its key is the secret; no access token). */
  async robot(key: string, body: unknown): Promise<ApiReply> {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return this.json('webhook/send', await this.exchange('webhook/send', `/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, init));
  }

  /** Runs `call` with a token; on a token errcode drops that token, refetches once and retries once. */
  private async withToken<T>(api: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof WecomApiError) || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      if (this.cached?.token === token) this.cached = undefined;
      this.logger.info({ platform: 'wecom', api, errcode: e.errcode }, 'WeCom access token refused; fetching a new one and retrying once');
      return call(await this.token());
    }
  }

  private async fetchToken(): Promise<string> {
    const q = `corpid=${encodeURIComponent(this.o.corpId)}&corpsecret=${encodeURIComponent(this.o.secret)}`;
    const reply = this.json('gettoken', await this.exchange('gettoken', `/cgi-bin/gettoken?${q}`, {}));
    const token = String(reply.access_token ?? '');
    if (!token) throw new WecomApiError('gettoken', -1, 'no access_token in the answer');
    // Why the margin: cache until expires_in (7200 s) minus 300 s, then fetch a new one (docs/platforms/wecom.md §3.1).
    const ttl = Number(reply.expires_in ?? 7200);
    this.cached = { token, expiresAt: Date.now() + Math.max(ttl - 300, ttl / 2) * 1000 };
    return token;
  }

  /** One call and its whole answer under one timeout; a transport failure or non-2xx is a WecomTransportError. */
  private async exchange(api: string, path: string, init: ExchangeInit, timeoutMs = this.o.timeoutMs ?? 10_000): Promise<HttpAnswer> {
    let res: HttpAnswer;
    try {
      res = await httpExchange(`${this.base}${path}`, init, timeoutMs, this.agents);
    } catch (e) {
      throw new WecomTransportError(api, (e as Error).message);
    }
    if (res.status < 200 || res.status >= 300) throw new WecomTransportError(api, `HTTP ${res.status}`);
    return res;
  }

  private json(api: string, res: HttpAnswer): ApiReply {
    let reply: ApiReply;
    try {
      reply = JSON.parse(res.body.toString('utf8')) as ApiReply;
    } catch {
      throw new WecomTransportError(api, 'the answer is not JSON');
    }
    if (reply.errcode) throw new WecomApiError(api, Number(reply.errcode), String(reply.errmsg ?? ''));
    return reply;
  }
}

function mediaIdOf(api: string, reply: ApiReply): string {
  const id = String(reply.media_id ?? '');
  if (!id) throw new WecomApiError(api, -1, 'no media_id in the answer');
  return id;
}
