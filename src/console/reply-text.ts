import type { ReplyBody } from '../core/reply-intent';

/** A reply the chat would have sent, as the console shows it: a text, a card's lines, a file's name. */
export function replyText(body: ReplyBody): string {
  if (body.kind === 'text') return body.text;
  if (body.kind === 'file') return `文件：${body.file.name}`;
  const { card } = body;
  return [card.title, ...card.fields.map((f) => `${f.label}：${f.value}`), card.text, card.footer].filter(Boolean).join('\n');
}
