import { createHash } from 'node:crypto';

/**
 * Why: with `enable_duplicate_check: 1`, message/send does not deliver a message whose request
 * JSON equals one sent within `duplicate_check_interval` seconds (default 1800, at most 14400)
 * (docs/platforms/wecom.md §3.2; https://developer.work.weixin.qq.com/document/path/90236).
 */
export const MAX_DUPLICATE_CHECK_SECONDS = 14_400;

/**
 * The interval asked for: longer than every repeat of one outbox row (its eight tries back off
 * to about 4 minutes in all; a dead replica's rows are taken over after 15 s), and short, since
 * WeCom drops any equal message within it, not only repeats.
 */
export const DUPLICATE_CHECK_SECONDS = 600;

/**
 * Chooses the duplicate-check fields of each message/send call. Every call made for an outbox
 * row (it has an idempotency key) asks for the check, so a repeat of the row is not delivered
 * twice; except when this process sent the same JSON for another row within the interval: WeCom
 * would drop that new message (帮助 typed twice gets the same answer), so it goes unchecked.
 */
export class DuplicateCheck {
  private readonly sent = new Map<string, { key: string; at: number }>();

  constructor(
    private readonly intervalSeconds = DUPLICATE_CHECK_SECONDS,
    /** Hashes remembered at most (the oldest are forgotten first). */
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    if (intervalSeconds < 1 || intervalSeconds > MAX_DUPLICATE_CHECK_SECONDS) throw new Error(`duplicate_check_interval must be 1..${MAX_DUPLICATE_CHECK_SECONDS} s`);
  }

  /** The fields to add to `body` (a message/send request) sent for the row `key`; none without a key. */
  fields(key: string | undefined, body: Record<string, unknown>): { enable_duplicate_check?: 0 | 1; duplicate_check_interval?: number } {
    if (!key) return {};
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64');
    const now = this.now();
    const earlier = this.sent.get(hash);
    const live = earlier !== undefined && now - earlier.at < this.intervalSeconds * 1000;
    if (live && earlier.key !== key) return { enable_duplicate_check: 0 };
    if (!live) this.remember(hash, key, now);
    return { enable_duplicate_check: 1, duplicate_check_interval: this.intervalSeconds };
  }

  private remember(hash: string, key: string, at: number): void {
    this.sent.delete(hash);
    if (this.sent.size >= this.capacity) this.sent.delete(this.sent.keys().next().value as string);
    this.sent.set(hash, { key, at });
  }
}
