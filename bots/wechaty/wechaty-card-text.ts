/**
 * Cards as plain WeChat text. WeChat (through wechaty) has no cards, buttons or forms, so every
 * button becomes the exact text command that does the same (`同意 L42`, `驳回 L42 原因`, `签到`)
 * and every form becomes one example line to copy, change and send back (docs/commands.md).
 */
import type { CardButton, CardInput, NeutralCard } from '../../src/core/neutral-card';
import { splitByLines } from '../../src/core/split-text';

/** How a card is rendered: in a room commands need an @mention of the bot to reach it. */
export interface RenderContext {
  /** The bot's display name; in a room every command is shown as `@name 命令`. */
  mentionName?: string;
  /** True when the card is sent again because it changed (an approval decided elsewhere). */
  updated?: boolean;
}

/** How an input is filled in: its label, then required or not, the choices of a select, an example. */
function inputHint(input: CardInput): string {
  const example = input.placeholder ? (input.placeholder.startsWith('如') ? input.placeholder : `如 ${input.placeholder}`) : '';
  const notes = [
    input.required ? '必填' : '',
    input.options?.length ? `可选 ${input.options.map((o) => o.value).join('/')}` : example,
  ].filter(Boolean);
  return notes.length ? `${input.label}（${notes.join('，')}）` : input.label;
}

/** A command as the user types it: in a room, after an @mention of the bot. */
function typed(command: string, ctx: RenderContext): string {
  return ctx.mentionName ? `@${ctx.mentionName} ${command}` : command;
}

/** One line per button: what it does and the text that does the same. */
function buttonLine(button: CardButton, ctx: RenderContext): string {
  const asks = button.inputs?.length ? `，要写：${button.inputs.map(inputHint).join('；')}` : '';
  return `· ${button.label}：发送「${typed(button.command, ctx)}」${asks}`;
}

/**
 * The lines that replace a card's form and buttons. Why: wechaty can only send text to
 * WeChat (docs/platforms/wecom.md §6.4: `say(text | FileBox | …)`, no interactive message), so a reader must
 * see exactly what to type.
 */
export function commandLines(card: NeutralCard, ctx: RenderContext = {}): string[] {
  const lines: string[] = [];
  if (card.form) {
    lines.push('微信里不能填表：请按下面的格式发一条消息（换成你的内容）：', typed(card.form.submit.command, ctx));
    lines.push(`要写的内容：${card.form.inputs.map(inputHint).join('；')}`);
  }
  const buttons = card.buttons ?? [];
  if (buttons.length) lines.push('回复文字即可操作：', ...buttons.map((b) => buttonLine(b, ctx)));
  if (ctx.mentionName && (card.form || buttons.length)) lines.push(`在群里请先 @${ctx.mentionName}，也可以私聊我直接发送命令。`);
  return lines;
}

/** A card as plain text: title, fields, text, footer, then the commands to type. */
export function cardAsText(card: NeutralCard, ctx: RenderContext = {}): string {
  const settled = ctx.updated && !card.buttons?.length && !card.form && card.footer;
  const title = `【${card.title}】${ctx.updated ? '（已更新）' : ''}`;
  // A settled card sent again only needs its verdict: the reader saw its fields when it first came.
  if (settled) return [title, card.footer].join('\n');
  return [
    title,
    ...card.fields.map((f) => `${f.label}：${f.value}`),
    card.text ?? '',
    card.footer ?? '',
    ...commandLines(card, ctx),
  ].filter(Boolean).join('\n');
}

/**
 * Why 1,500: WeChat cuts or refuses very long text messages, and puppets differ on where
 * (about 2,000 characters is commonly reported); a piece of at most 1,500 characters plus its
 * `(1/3)` marker is sent whole by every puppet.
 */
export const MAX_TEXT_CHARS = 1500;

/**
 * Splits `text` into messages of at most `max` characters, at line ends where it can (a
 * longer line at characters), numbering the pieces `(1/3)` so a reader knows more follows.
 */
export function splitText(text: string, max = MAX_TEXT_CHARS): string[] {
  const length = (s: string) => [...s].length;
  if (length(text) <= max) return [text];
  const pieces = splitByLines(text, max - 8, length);
  return pieces.map((p, i) => `${p}\n(${i + 1}/${pieces.length})`);
}
