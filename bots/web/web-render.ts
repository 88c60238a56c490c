import type { CardButton, CardInput, NeutralCard } from '../../src/core/neutral-card';
import type { FileLink } from '../../src/core/file-links';
import type { FileRef, ReplyBody } from '../../src/core/reply-intent';
import { formatBytes } from '../../src/domain/file-type';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** One form input: a labelled text field, text area, number, date or select. */
function input(i: CardInput): string {
  const name = escapeHtml(i.name);
  const common = `name="${name}"${i.required ? ' required' : ''}${i.placeholder ? ` placeholder="${escapeHtml(i.placeholder)}"` : ''}`;
  const initial = escapeHtml(i.initial ?? '');
  let control: string;
  if (i.kind === 'textarea') control = `<textarea ${common} rows="2">${initial}</textarea>`;
  else if (i.kind === 'select') {
    const options = (i.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}"${o.value === i.initial ? ' selected' : ''}>${escapeHtml(o.label)}</option>`);
    control = `<select ${common}>${options.join('')}</select>`;
  } else control = `<input type="${i.kind}" ${common} value="${initial}">`;
  return `<label class="input"><span>${escapeHtml(i.label)}${i.required ? ' *' : ''}</span>${control}</label>`;
}

/** A button (and the inputs it asks for), with the text command that does the same. */
function button(b: CardButton, ref: string): string {
  const inputs = (b.inputs ?? []).map(input).join('');
  const type = ref === 'submit' ? 'submit' : 'button';
  const control = `<button type="${type}" class="${b.style ?? 'default'}" data-button="${ref}" title="${escapeHtml(`也可以发送：${b.command}`)}">${escapeHtml(b.label)}</button>`;
  return ref === 'submit' ? control : `<div class="action" data-inputs>${inputs}${control}</div>`;
}

/**
 * A neutral card as HTML: header in its tone, the label/value fields, the text, the form with
 * its submit button, the buttons (each with the inputs it asks for) and the footer. The page
 * turns a click into a card action by the button's index ('submit' for the form).
 */
export function renderCard(card: NeutralCard, chartSvg?: string): string {
  const parts = [`<div class="card-title">${escapeHtml(card.title)}</div>`];
  if (chartSvg && card.chart) parts.push(renderChart(chartSvg, card.chart.title));
  if (card.fields.length) {
    parts.push(`<dl class="fields">${card.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`);
  }
  if (card.text) parts.push(`<p class="card-text">${escapeHtml(card.text)}</p>`);
  if (card.form) {
    parts.push(`<form class="card-form" data-inputs>${card.form.inputs.map(input).join('')}${button(card.form.submit, 'submit')}</form>`);
  }
  if (card.buttons?.length) parts.push(`<div class="buttons">${card.buttons.map((b, i) => button(b, String(i))).join('')}</div>`);
  if (card.footer) parts.push(`<div class="card-footer">${escapeHtml(card.footer)}</div>`);
  return `<div class="card tone-${card.tone ?? 'info'}">${parts.join('')}</div>`;
}

/**
 * A card's chart as an image of its SVG (a data: URL, which the page's CSP allows for images).
 * Why an <img> and not inline SVG: a picture cannot run or style anything in the page, whatever
 * the SVG holds, and the base64 text has no character HTML would read; the title is its alt text.
 */
export function renderChart(svg: string, title: string): string {
  return `<img class="card-chart" src="data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}" alt="${escapeHtml(title)}">`;
}

/** A reply body as HTML: text keeps its line breaks (CSS pre-wrap), a card is {@link renderCard} (with its chart's SVG, when drawn). */
export function renderBody(body: Exclude<ReplyBody, { kind: 'file' }>, chartSvg?: string): string {
  return body.kind === 'text' ? `<div class="text">${escapeHtml(body.text)}</div>` : renderCard(body.card, chartSvg);
}

/** A file the bot offers for download: its name as a link, its size, and until when the link works (wall time in `timeZone`). */
export function renderFileLink(file: FileRef, link: FileLink, timeZone: string): string {
  const until = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(link.expiresAt);
  return (
    `<div class="file"><a href="${escapeHtml(link.url)}" download="${escapeHtml(file.name)}" rel="noopener">${escapeHtml(file.name)}</a>` +
    `（${formatBytes(file.size)}）<div class="file-note">下载链接 ${until} 前有效，过期后请重新发送命令取得新链接。</div></div>`
  );
}

/** What someone typed, as HTML. */
export function renderTyped(text: string): string {
  return `<div class="text">${escapeHtml(text)}</div>`;
}

/** A file someone sent, as HTML: its name, type and size (the file itself is not shown). */
export function renderFile(name: string, type: string, size: string): string {
  return `<div class="text file">附件：${escapeHtml(name)}<span class="file-meta">${escapeHtml(type)} · ${escapeHtml(size)}</span></div>`;
}
