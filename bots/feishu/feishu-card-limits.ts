/**
 * What Feishu takes in one message (docs/platforms/feishu.md §3.2; im/v1/messages/create error
 * codes): a card or post of at most 30 KB (230025), a JSON 2.0 card of at most 200 components
 * (230099, sub-code 11310 "element exceeds the limit"), a text of at most 150 KB. The same
 * limits hold for PATCH and for the card in a callback's answer.
 * https://open.feishu.cn/document/server-docs/im-v1/message/create
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 */
import type { FeishuCard } from './feishu-card-renderer';

/** A card's request body is at most 30 KB. */
export const CARD_MAX_BYTES = 30 * 1024;
/** A JSON 2.0 card holds at most 200 components. */
export const CARD_MAX_ELEMENTS = 200;
/** A text message's request body is at most 150 KB. */
export const TEXT_MAX_BYTES = 150 * 1024;
/**
 * Room kept for the rest of the request (receive_id, msg_type, uuid). Why measure the escaped
 * string: the limit is on the request body, where `content` travels as a JSON string.
 */
const ENVELOPE_BYTES = 256;

/** The bytes `content` (a JSON string) takes in the request body. */
export function contentBytes(content: string): number {
  return Buffer.byteLength(JSON.stringify(content), 'utf8') + ENVELOPE_BYTES;
}

/**
 * The components of a card, counted the strict way: every object with a `tag` under the body
 * (text objects too), so a card counted within the limit is within it however Feishu counts.
 */
export function cardElements(card: FeishuCard): number {
  let count = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (typeof (value as { tag?: unknown }).tag === 'string') count += 1;
      Object.values(value).forEach(walk);
    }
  };
  walk((card as { body?: unknown }).body);
  return count;
}

/** True when Feishu takes `card` as a message, a PATCH or a callback answer (with `reserveBytes` to spare). */
export function cardFits(card: FeishuCard, reserveBytes = 0): boolean {
  return contentBytes(JSON.stringify(card)) + reserveBytes <= CARD_MAX_BYTES && cardElements(card) <= CARD_MAX_ELEMENTS;
}

/**
 * The bytes `s` adds inside a message's request body (escaped twice: as a JSON string inside the
 * `content` JSON string). Additive: the cost of a concatenation is the sum of the costs.
 */
export function escapedBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(s)), 'utf8') - 6;
}

/**
 * Splits `text` into pieces of at most `maxBytes` escaped bytes: at line ends where it can, else
 * between characters (never inside one). One piece when the whole text fits.
 */
export function splitText(text: string, maxBytes: number): string[] {
  if (escapedBytes(text) <= maxBytes) return [text];
  const newline = escapedBytes('\n');
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) pieces.push(current.join(''));
    current = [];
    size = 0;
  };
  text.split('\n').forEach((line, i) => {
    const cost = escapedBytes(line) + (i > 0 && current.length ? newline : 0);
    if (size + cost <= maxBytes) {
      if (i > 0 && current.length) current.push('\n');
      current.push(line);
      size += cost;
      return;
    }
    flush();
    for (const ch of line) {
      const c = escapedBytes(ch);
      if (size + c > maxBytes) flush();
      current.push(ch);
      size += c;
    }
  });
  flush();
  return pieces;
}
