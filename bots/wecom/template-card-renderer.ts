import { randomBytes } from 'node:crypto';
import type { CardButton, NeutralCard } from '../../src/core/neutral-card';
import { commandLines } from './wecom-card-text';

/** A template_card JSON object as message/send and update_template_card take it. */
export type TemplateCard = Record<string, unknown>;

/**
 * A task_id unique per app. Why: task_id is required for interactive cards, unique per app,
 * only [0-9A-Za-z_-@] and at most 128 bytes; it comes back as TaskId (docs/platforms/wecom.md §3.4).
 */
export function newTaskId(): string {
  return `bot_${Date.now().toString(36)}_${randomBytes(8).toString('hex')}`;
}

/**
 * The key of a button: its action and entity, e.g. `leave.approve?id=42`. Why: the key comes back
 * verbatim as EventKey (at most 1024 bytes, unique per card), the only place a click can carry
 * what it is about (docs/platforms/wecom.md §3.4).
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

/**
 * The lengths, in characters, WeCom's docs give for a template card's texts ("建议不超过 N 个
 * 字"), and its list sizes (docs/platforms/wecom.md §3.4; message/send, template_card, button_interaction):
 * longer texts are cut on screen, so what does not fit goes elsewhere, never silently away.
 * https://developer.work.weixin.qq.com/document/path/90236
 */
export const TEMPLATE_CARD_LIMITS = {
  sourceDesc: 20,
  mainTitle: 36,
  subTitle: 160,
  keyname: 5,
  value: 30,
  buttonText: 10,
  fields: 6,
  buttons: 6,
} as const;

/** A card as template card plus the text that did not fit it, for a message sent right after. */
export interface FittedCard {
  card: TemplateCard;
  overflow?: string;
}

const chars = (s: string): number => [...s].length;

/** Cuts a string to `max` characters (code points), marking the cut. */
function clip(s: string, max: number): string {
  const cs = [...s];
  return cs.length <= max ? s : `${cs.slice(0, max - 1).join('')}…`;
}

/** Why: desc_color is 0 grey, 1 black, 2 red, 3 green; button style 1–4 (docs/platforms/wecom.md §3.4). */
const DESC_COLOR: Record<NonNullable<NeutralCard['tone']>, number> = { info: 1, success: 3, warning: 2, danger: 2 };
const STYLE: Record<NonNullable<CardButton['style']>, number> = { primary: 1, danger: 2, default: 3 };
/** The last line of a sub-title whose card continues in a text message. */
const MORE = '（更多内容见下一条消息）';
/** The grey label of a settled card's button (a button text: at most 10 characters). */
const SETTLED_LABEL = '已处理';

/**
 * The body of a button_interaction card, within the documented lengths: fields whose label and
 * value fit go into horizontal_content_list (6 at most); the sub-title takes, in this order, the
 * card's text, footer, the typed commands (so 签到 is always there) and the other fields, as many
 * whole lines as fit its 160 characters; the rest, in the card's order, is the overflow text.
 */
function layout(card: NeutralCard): { body: TemplateCard; overflow?: string } {
  const L = TEMPLATE_CARD_LIMITS;
  const listed: Array<{ keyname: string; value: string }> = [];
  const fieldLines: string[] = [];
  for (const f of card.fields) {
    if (listed.length < L.fields && chars(f.label) <= L.keyname && chars(f.value) <= L.value && f.label) listed.push({ keyname: f.label, value: f.value });
    else fieldLines.push(`${f.label}：${f.value}`);
  }
  const titleFits = chars(card.title) <= L.mainTitle;
  const wanted = [card.text ?? '', card.footer ?? '', ...commandLines(card), ...fieldLines].filter(Boolean);
  const shown: string[] = [];
  const left: string[] = titleFits ? [] : [`【${card.title}】`];
  const length = (lines: string[]) => chars(lines.join('\n'));
  for (const [i, line] of wanted.entries()) {
    const last = i === wanted.length - 1 && !left.length;
    // Room is kept for the note that the card continues, unless this is the last line.
    if (length([...shown, line, ...(last ? [] : [MORE])]) <= L.subTitle) shown.push(line);
    else left.push(line);
  }
  if (left.length) shown.push(MORE);
  const body: TemplateCard = {
    card_type: 'button_interaction',
    source: { desc: '电销纪律助手', desc_color: DESC_COLOR[card.tone ?? 'info'] },
    main_title: { title: clip(card.title, L.mainTitle) },
    ...(shown.length ? { sub_title_text: shown.join('\n') } : {}),
    ...(listed.length ? { horizontal_content_list: listed } : {}),
  };
  // The overflow keeps the card's own order: fields first, then text, footer, commands.
  const order = [...(titleFits ? [] : [`【${card.title}】`]), ...fieldLines, card.text ?? '', card.footer ?? '', ...commandLines(card)];
  const overflow = order.filter((line) => line && left.includes(line));
  return { body, overflow: overflow.length ? [`【${clip(card.title, L.mainTitle)}】（续）`, ...overflow].join('\n') : undefined };
}

function buttons(card: NeutralCard): TemplateCard[] {
  // Why 6: button_list takes at most 6; the commands of all buttons are in the text anyway.
  return (card.buttons ?? []).slice(0, TEMPLATE_CARD_LIMITS.buttons).map((b) => ({ text: clip(b.label, TEMPLATE_CARD_LIMITS.buttonText), style: STYLE[b.style ?? 'default'], key: buttonKey(b) }));
}

/** A card with buttons as a button_interaction template card under `taskId` (message/send). */
export function buttonCard(card: NeutralCard, taskId: string): FittedCard {
  const { body, overflow } = layout(card);
  return { card: { ...body, task_id: taskId, button_list: buttons(card) }, overflow };
}

/**
 * The replacement of a card sent earlier (update_template_card, mode 2: the whole card). Why no
 * task_id: the update's card does not take one, the response_code names the card (docs/platforms/wecom.md §3.5).
 * Why replace_text: it turns the buttons into one grey, unclickable label for every recipient,
 * which is how a decided approval shows; the decision itself is in the sub-title (the footer).
 */
export function replacementCard(card: NeutralCard): FittedCard {
  const { body, overflow } = layout(card);
  if (card.buttons?.length) return { card: { ...body, button_list: buttons(card) }, overflow };
  return { card: { ...body, button_list: [{ text: SETTLED_LABEL, style: 3, key: 'settled' }], replace_text: SETTLED_LABEL }, overflow };
}
