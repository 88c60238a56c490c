/**
 * Feishu's event times, normalised in one place (docs/architecture.md "Facts that shape this": platform
 * timestamps come in seconds, milliseconds or microseconds depending on the event).
 *
 * Why by magnitude: header.create_time is a decimal string whose unit differs by event. Message
 * events use milliseconds ("1608725989000"); the card-callback doc samples use microseconds
 * ("1603977298000000"); the signature header X-Lark-Request-Timestamp is in seconds.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 * (docs/platforms/feishu.md §1.6, §1.4). No unit is declared, so the number of digits decides.
 */

/** The units a Feishu timestamp may be written in. */
export type FeishuTimeUnit = 's' | 'ms' | 'us';

/** A seconds value has at most 11 digits until the year 5138; milliseconds at most 14; microseconds 17. */
const SECONDS_BELOW = 1e11;
const MILLIS_BELOW = 1e14;
const MICROS_BELOW = 1e17;

/** The unit of a positive integer timestamp, judged by its magnitude; null when it fits none. */
export function feishuTimeUnit(value: number): FeishuTimeUnit | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  if (value < SECONDS_BELOW) return 's';
  if (value < MILLIS_BELOW) return 'ms';
  if (value < MICROS_BELOW) return 'us';
  return null;
}

/**
 * The instant a Feishu timestamp means ("1608725989", "1608725989000" or "1608725989000000"),
 * or null when it is not a positive decimal integer of a known magnitude.
 */
export function parseFeishuTime(raw: string | number): Date | null {
  const text = String(raw).trim();
  if (!/^\d{1,17}$/.test(text)) return null;
  const value = Number(text);
  const unit = feishuTimeUnit(value);
  if (unit === null) return null;
  const ms = unit === 's' ? value * 1000 : unit === 'ms' ? value : Math.floor(value / 1000);
  return new Date(ms);
}
