/**
 * The Feishu forms of a text reply and of a card click's synchronous answer.
 */
import type { ImmediateResponse } from '../../src/core/turn-context';
import { renderCard } from './feishu-card-renderer';

/** Someone to @ at the start of a text message. */
export interface TextMention {
  /** The person's open_id ('all' mentions everyone). */
  externalId: string;
  name?: string;
}

/**
 * Why neutralise `<at`: Feishu reads `<at user_id="…">` inside a text message as a mention, so a
 * reply that echoes user input (a leave reason) could @ everyone with `<at user_id="all">`
 * (docs/platforms/feishu.md §3.2 text content). A zero-width space keeps the text readable and inert.
 */
function inert(text: string): string {
  return text.replace(/<(\/?)at\b/gi, '<$1\u200bat');
}

function attribute(value: string): string {
  return value.replace(/[^\w-]/g, '');
}

/** The text with the given people @-ed in front, as the `text` of a text message. */
export function feishuText(text: string, mentions: TextMention[] = []): string {
  const ats = mentions.map((m) => `<at user_id="${attribute(m.externalId)}">${inert(m.name ?? '').replace(/[<>]/g, '')}</at>`);
  return [...ats, inert(text)].join(' ');
}

/** The `content` of a text message: a JSON string `{"text":"…"}` (docs/platforms/feishu.md §3.2). */
export function textContent(text: string, mentions: TextMention[] = []): string {
  return JSON.stringify({ text: feishuText(text, mentions) });
}

/**
 * The body answering a `card.action.trigger` within its 3 s: an optional toast and, when the
 * card changed, the new card as `{type:"raw", data}` in the same schema (2.0) as the card sent
 * (docs/platforms/feishu.md §2.4: a 2.0 card cannot be replaced by a 1.0 one, 200830). `{}` keeps the card.
 */
export function callbackAnswer(immediate: ImmediateResponse | undefined): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  if (immediate?.toast) answer.toast = { type: immediate.toast.kind, content: immediate.toast.text };
  if (immediate?.card) answer.card = { type: 'raw', data: renderCard(immediate.card) };
  return answer;
}
