import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/core/logger';

/** What `Client.request` takes (axios' request config). */
type RequestConfig = Parameters<lark.Client['request']>[0];

/** A failed Open API call, reduced to what the classifier needs. */
export class FeishuApiError extends Error {
  constructor(
    message: string,
    /** Feishu's business code (`code` of the body), when there was one. */
    readonly code?: number,
    /** The HTTP status, when an answer came. */
    readonly httpStatus?: number,
    /** `x-ogw-ratelimit-reset`: seconds to wait (docs/platforms/feishu.md §3.5). */
    readonly resetSeconds?: number,
    /** A transport failure without an answer (ECONNREFUSED, timeout …). */
    readonly network?: string,
  ) {
    super(message);
    this.name = 'FeishuApiError';
  }
}

/** Token codes after which a fresh tenant_access_token is worth one more try (docs/platforms/feishu.md §3.5). */
const TOKEN_CODES = new Set([99991661, 99991663, 99991665, 99991671]);

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  message: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

function bodyOf(data: unknown): { code?: number; msg?: string } {
  let value = data;
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer) value = Buffer.from(value as Buffer).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const body = value as { code?: unknown; msg?: unknown } | null;
  return { code: typeof body?.code === 'number' ? body.code : undefined, msg: typeof body?.msg === 'string' ? body.msg : undefined };
}

/** Any error of a call as a FeishuApiError. */
export function toApiError(e: unknown): FeishuApiError {
  if (e instanceof FeishuApiError) return e;
  const err = e as AxiosLike;
  if (err?.isAxiosError) {
    if (!err.response) return new FeishuApiError(`feishu api unreachable: ${err.code ?? err.message}`, undefined, undefined, undefined, err.code ?? 'network');
    const { code, msg } = bodyOf(err.response.data);
    const reset = Number(err.response.headers?.['x-ogw-ratelimit-reset']);
    return new FeishuApiError(`feishu api HTTP ${err.response.status}${code !== undefined ? ` code ${code}` : ''}: ${msg ?? err.message}`, code, err.response.status, Number.isFinite(reset) ? reset : undefined);
  }
  // Why parse the message: the SDK throws a plain Error "failed to get tenant_access_token,
  // code: 10014, msg: app unauthorized" when the token endpoint refuses (docs/platforms/feishu.md §3.1).
  const token = /failed to get tenant_access_token, code: (\d+)/.exec(String(err?.message));
  if (token) return new FeishuApiError(String(err.message), Number(token[1]), 200);
  return new FeishuApiError(String(err?.message ?? e), undefined, undefined, undefined, 'unknown');
}

/** The SDK's logger, quietened: we log classified errors ourselves, without message contents. */
function sdkLogger(logger: Logger): lark.Logger {
  const brief = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : '[details omitted]'));
  const debug = (...msg: unknown[]) => logger.debug({ sdk: brief(msg) }, 'feishu sdk');
  return { error: debug, warn: debug, info: debug, debug, trace: () => undefined };
}

/**
 * The SDK Client with what the SDK leaves out: a timeout on every call, business codes turned
 * into errors, and one refresh of the tenant token on an expired-token answer.
 */
export class FeishuApiClient {
  readonly client: lark.Client;
  private readonly cache = new lark.DefaultCache();

  constructor(private readonly appId: string, appSecret: string, domain: string, logger: Logger) {
    this.client = new lark.Client({
      appId,
      appSecret,
      // Why strip: a trailing slash in `domain` gives `//open-apis/...` paths (docs/platforms/feishu.md §6.13).
      domain: domain.replace(/\/+$/, ''),
      // Why our own cache: the default one is process-global per appId (node-sdk #26, §6.10).
      cache: this.cache,
      // Why error: LoggerLevel.fatal (0) is read as "unset" and falls back to info (§6.17).
      loggerLevel: lark.LoggerLevel.error,
      logger: sdkLogger(logger),
    });
  }

  /**
   * Calls the Open API; an HTTP 2xx with `code ≠ 0` is an error too (docs/platforms/feishu.md §6.12). Why the
   * retry: the SDK never evicts a token Feishu calls invalid or expired (99991663), so it would
   * keep sending it until its own expiry; we drop it and try once more (§6.10).
   */
  async call<T>(config: RequestConfig, timeoutMs: number, binary = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const request = this.client.request<T>({ ...config, timeout: timeoutMs });
        const body = await deadline(request, timeoutMs + 1000);
        if (!binary) {
          const { code, msg } = bodyOf(body);
          if (code !== undefined && code !== 0) throw new FeishuApiError(`feishu api code ${code}: ${msg ?? ''}`, code, 200);
        }
        return body;
      } catch (e) {
        const err = toApiError(e);
        if (attempt === 1 && err.code !== undefined && TOKEN_CODES.has(err.code)) {
          await this.forgetToken();
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Downloads a file of a message (GET im/v1/messages/:id/resources/:key?type=image|file, §3.6)
   * with its Content-Type. It runs inside the webhook, hence the caller's short timeout.
   */
  async download(messageId: string, key: string, type: 'image' | 'file', timeoutMs: number): Promise<{ data: Buffer; mimeType?: string }> {
    const url = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(key)}`;
    // Why $return_headers: the SDK's HTTP instance resolves to the body alone unless asked.
    const config = { method: 'GET', url, params: { type }, responseType: 'arraybuffer', $return_headers: true } as RequestConfig;
    const got = await this.call<{ data: ArrayBuffer | Buffer; headers: Record<string, unknown> }>(config, timeoutMs, true);
    const mimeType = typeof got.headers?.['content-type'] === 'string' ? got.headers['content-type'].split(';')[0].trim() : undefined;
    return { data: Buffer.from(got.data as Buffer), mimeType: mimeType || undefined };
  }

  /** Drops the cached tenant_access_token so the next call fetches a new one. */
  async forgetToken(): Promise<void> {
    await this.cache.set(lark.CTenantAccessToken, '', 1, { namespace: this.appId });
  }
}

/**
 * Why a deadline besides axios' timeout: the SDK fetches the tenant token with no timeout at
 * all before the call itself, so a token endpoint that hangs would hang the sender forever.
 */
function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FeishuApiError(`feishu api did not answer within ${ms} ms`, undefined, undefined, undefined, 'timeout')), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
