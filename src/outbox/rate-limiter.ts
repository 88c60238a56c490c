/** A platform's published send limits (docs/architecture.md, docs/platforms/*.md). */
export interface SendLimits {
  /** Messages per second for the whole app (Feishu 50). */
  perSecond?: number;
  /** Messages per second to one chat or user (Feishu 5 per chat). */
  perTargetPerSecond?: number;
  /** Messages per minute to one user (WeCom 30 per member). */
  perTargetPerMinute?: number;
}

/**
 * Sliding-window limiter: `take` resolves when one more send fits every window that applies.
 * In-process, which is enough because one replica at a time sends for a platform (the lease).
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => Date.now(), private readonly sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))) {}

  /** Waits until a send to `target` on `platform` is within `limits`, then records it. */
  async take(platform: string, target: string, limits: SendLimits | undefined): Promise<void> {
    if (!limits) return;
    const windows: Array<[string, number, number]> = [];
    if (limits.perSecond) windows.push([platform, limits.perSecond, 1000]);
    if (limits.perTargetPerSecond) windows.push([`${platform}|${target}|s`, limits.perTargetPerSecond, 1000]);
    if (limits.perTargetPerMinute) windows.push([`${platform}|${target}|m`, limits.perTargetPerMinute, 60_000]);
    for (;;) {
      const t = this.now();
      let wait = 0;
      for (const [key, max, span] of windows) {
        // A closed window [t − span, t]: a send exactly one span after another still counts,
        // so no 1-second window, however it is placed, ever holds more than `max`.
        const recent = (this.sent.get(key) ?? []).filter((x) => x >= t - span);
        this.sent.set(key, recent);
        if (recent.length >= max) wait = Math.max(wait, recent[0] + span - t + 1);
      }
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const t = this.now();
    for (const [key] of windows) this.sent.get(key)?.push(t);
  }
}
