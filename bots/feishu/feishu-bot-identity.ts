import type { Logger } from '../../src/core/logger';
import type { FeishuApiClient } from './feishu-api-client';

interface BotInfoAnswer {
  bot?: { open_id?: string; app_name?: string };
}

/**
 * The bot's own open_id, asked once of GET /open-apis/bot/v3/info and kept. Why: a group
 * message is for the bot only when its mentions hold the bot's open_id, and the bot's own
 * messages carry it as sender (docs/platforms/feishu.md §1.7). Why `bot` at the top level: this endpoint
 * answers `{code, msg, bot:{open_id, …}}`, not under `data`.
 * https://open.feishu.cn/document/client-docs/bot-v3/obtain-bot-info
 */
export class FeishuBotIdentity {
  private openId: string | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly api: FeishuApiClient,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** The open_id if it is known already. */
  known(): string | undefined {
    return this.openId;
  }

  /** The open_id, fetched on first use; concurrent callers share one request; a failure is retried next time. */
  get(): Promise<string> {
    if (this.openId) return Promise.resolve(this.openId);
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Fetches it ahead of the first group message; a failure is only logged (the first message retries). */
  warmUp(): void {
    this.get().catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'feishu: could not read the bot info yet; will retry on the first group message'));
  }

  private async fetch(): Promise<string> {
    const answer = await this.api.call<BotInfoAnswer>({ method: 'GET', url: '/open-apis/bot/v3/info' }, this.timeoutMs);
    const openId = answer.bot?.open_id;
    if (!openId) throw new Error('feishu bot info has no bot.open_id');
    this.openId = openId;
    this.logger.info({ app: answer.bot?.app_name }, 'feishu: bot identity known');
    return openId;
  }
}
