import { randomBytes } from 'node:crypto';
import type { CardButton, NeutralCard } from '../../src/core/neutral-card';
import { commandLines } from './text-renderer';

/** A template_card JSON object as message/send and update_template_card take it. */
export type TemplateCard = Record<string, unknown>;

/**
 * A task_id unique per app. Why: task_id is required for interactive cards, unique per app,
 * only [0-9A-Za-z_-@] and at most 128 bytes; it comes back as TaskId (wecom.md §3.4).
 */
export function newTaskId(): string {
  return `bot_${Date.now().toString(36)}_${randomBytes(8).toString('hex')}`;
}

/** True for a string WeCom accepts as task_id. */
export function isTaskId(s: string): boolean {
  return /^[0-9A-Za-z_\-@]{1,128}$/.test(s);
}

/**
 * The key of a button: its action and entity, e.g. `leave.approve?id=42`. Why: the key comes back
 * verbatim as EventKey (at most 1024 bytes, unique per card), the only place a click can carry
 * what it is about (wecom.md §3.4).
 */
export function buttonKey(button: Pick<CardButton, 'actionId' | 'value'>): string {
  const query = new URLSearchParams(button.value).toString();
  const key = query ? `${button.actionId}?${query}` : button.actionId;
  if (Buffer.byteLength(key) > 1024) throw new Error(`button key over 1024 bytes: ${button.actionId}`);
  return key;
}

/** The action and values of an EventKey made by {@link buttonKey}. */
export function parseButtonKey(key: string): { actionId: string; value: Record<string, string> } {
  const at = key.indexOf('?');
  if (at < 0) return { actionId: key, value: {} };
  return { actionId: key.slice(0, at), value: Object.fromEntries(new URLSearchParams(key.slice(at + 1))) };
}

/** Cuts a string to `max` characters (code points), marking the cut. */
function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Why: desc_color is 0 grey, 1 black, 2 red, 3 green; button style 1–4 (wecom.md §3.4). */
const DESC_COLOR: Record<NonNullable<NeutralCard['tone']>, number> = { info: 1, success: 3, warning: 2, danger: 2 };
const STYLE: Record<NonNullable<CardButton['style']>, number> = { primary: 1, danger: 2, default: 3 };

/**
 * The common body of a button_interaction card. Why the cuts: horizontal_content_list and
 * button_list take at most 6 entries (wecom.md §3.4); further fields, the text and the typed
 * commands go to sub_title_text. Display lengths are the docs' recommendations [U].
 */
function cardBody(card: NeutralCard, taskId: string): TemplateCard {
  const shown = card.fields.slice(0, 6);
  const rest = card.fields.slice(6).map((f) => `${f.label}：${f.value}`);
  const sub = [...rest, card.text ?? '', card.footer ?? '', ...commandLines(card)].filter(Boolean).join('\n');
  return {
    card_type: 'button_interaction',
    source: { desc: '电销纪律助手', desc_color: DESC_COLOR[card.tone ?? 'info'] },
    main_title: { title: clip(card.title, 36) },
    ...(sub ? { sub_title_text: clip(sub, 300) } : {}),
    horizontal_content_list: shown.map((f) => ({ keyname: clip(f.label, 10), value: clip(f.value, 60) })),
    task_id: taskId,
  };
}

/** A card with buttons as a button_interaction template card under `taskId`. */
export function buttonCard(card: NeutralCard, taskId: string): TemplateCard {
  const buttons = (card.buttons ?? []).slice(0, 6);
  return {
    ...cardBody(card, taskId),
    button_list: buttons.map((b) => ({ text: clip(b.label, 10), style: STYLE[b.style ?? 'default'], key: buttonKey(b) })),
  };
}

/**
 * The replacement of a card sent earlier (update_template_card, mode 2: the whole card).
 * Why replace_text: it turns the buttons into one grey, unclickable label for every recipient,
 * which is how a decided approval shows (wecom.md §3.4, §3.5).
 */
export function replacementCard(card: NeutralCard, taskId: string): TemplateCard {
  if (card.buttons?.length) return buttonCard(card, taskId);
  const label = clip(card.footer ?? card.title, 24);
  return { ...cardBody(card, taskId), button_list: [{ text: '已处理', style: 3, key: 'settled' }], replace_text: label };
}
