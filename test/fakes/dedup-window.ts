/**
 * The platforms' own duplicate protection as the fake servers play it: a request repeated under
 * the same key within its window delivers nothing and gets the first request's answer. Feishu
 * keys on `uuid` (one message per uuid within 1 h, docs/platforms/feishu.md §3.2); WeCom on the request JSON
 * when `enable_duplicate_check` is 1 (within `duplicate_check_interval`, docs/platforms/wecom.md §3.2).
 */
export class DedupWindow<T> {
  private readonly seen = new Map<string, { at: number; answer: T }>();
  /** Requests answered from the window instead of being delivered again. */
  dropped = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The answer remembered under `key` less than `windowMs` ago (the request is then dropped and counted), else undefined. */
  repeat(key: string, windowMs: number): T | undefined {
    const first = this.seen.get(key);
    if (!first || this.now() - first.at >= windowMs) return undefined;
    this.dropped += 1;
    return first.answer;
  }

  /** Remembers the answer of a delivered request under `key`, from now. */
  remember(key: string, answer: T): void {
    this.seen.set(key, { at: this.now(), answer });
  }
}

/** JSON with object keys sorted, so that equal requests compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
