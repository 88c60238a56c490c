import type { CardButton, CardInput, NeutralCard } from '../../src/core/neutral-card';
import { splitByLines } from '../../src/core/split-text';

/**
 * Byte limits of the bodies. Why: text.content and app markdown.content are at most 2048 bytes
 * (the API truncates beyond), robot markdown 4096 (docs/platforms/wecom.md §3.3, §3.7).
 */
export const LIMITS = { appText: 2048, appMarkdown: 2048, robotText: 2048, robotMarkdown: 4096 } as const;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Splits `text` into pieces of at most `maxBytes` UTF-8 bytes: whole lines where they fit,
 * a longer line at character boundaries. One piece when it fits.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  return splitByLines(text, maxBytes, bytes).filter((p) => p.length > 0);
}

/** How an input is filled in: its label, with the choices of a select. */
function inputHint(input: CardInput): string {
  const choices = input.options?.length ? `（${input.options.map((o) => o.value).join('/')}）` : '';
  return `${input.label}${choices}${input.required ? '*' : ''}`;
}

/**
 * The commands that replace a card's buttons and form. Why: WeCom template cards have no text
 * inputs, so a form becomes a line the user copies, fills in and sends back (docs/platforms/wecom.md §3.4).
 */
export function commandLines(card: NeutralCard): string[] {
  const lines: string[] = [];
  if (card.form) {
    lines.push('企业微信卡片不能填写，请复制下面这行，改成你的内容后发送：', card.form.submit.command);
    lines.push(`要填写：${card.form.inputs.map(inputHint).join('、')}（* 为必填）`);
  }
  const buttons: CardButton[] = card.buttons ?? [];
  if (buttons.length) lines.push(`也可以发送：${buttons.map((b) => `「${b.command}」`).join(' ')}`);
  return lines;
}

/** A card as plain text: title, fields, text, footer, then the commands to type. */
export function cardAsText(card: NeutralCard): string {
  return [
    `【${card.title}】`,
    ...card.fields.map((f) => `${f.label}：${f.value}`),
    card.text ?? '',
    card.footer ?? '',
    ...commandLines(card),
  ].filter(Boolean).join('\n');
}

const COLOURS: Record<NonNullable<NeutralCard['tone']>, string> = { info: 'info', success: 'info', warning: 'warning', danger: 'warning' };

/**
 * Keeps user text from opening a tag in WeCom markdown, whose subset includes `<font>` (docs/platforms/wecom.md
 * §3.3); backslash escapes are not documented there, so angle brackets become full-width.
 */
function plain(s: string): string {
  return s.replace(/</g, '＜').replace(/>/g, '＞');
}

/** A card as WeCom markdown (app messages and the group robot): bold title, quoted fields. */
export function cardAsMarkdown(card: NeutralCard): string {
  const title = card.tone ? `<font color="${COLOURS[card.tone]}">**${plain(card.title)}**</font>` : `**${plain(card.title)}**`;
  return [
    title,
    ...card.fields.map((f) => `> ${plain(f.label)}：${plain(f.value)}`),
    card.text ? plain(card.text) : '',
    card.footer ? `<font color="comment">${plain(card.footer)}</font>` : '',
    ...commandLines(card).map(plain),
  ].filter(Boolean).join('\n');
}
