/**
 * A card too big for one Feishu message (docs/platforms/feishu.md §3.2: 30 KB, 200 components)
 * becomes several cards, "标题（1/3）" … "标题（3/3）", each within the limits: its fields and
 * text lines are packed in order, none is lost. The buttons and the form stay on the first part
 * (the one a later update replaces), the footer goes on the last. A field or line too big for a
 * card of its own is cut between characters and continued ("（续）").
 */
import type { CardButton, NeutralCard } from '../../src/core/neutral-card';
import { cardFits, CARD_MAX_BYTES, contentBytes, escapedBytes, splitText } from './feishu-card-limits';
import { renderCard } from './feishu-card-renderer';

type Field = NeutralCard['fields'][number];
/** One piece of content that is kept whole when it can be. */
type Unit = { field: Field } | { line: string };

/** Bytes kept free in every part, so the first part can still take a note when it stands alone. */
const RESERVE_BYTES = 256;
/** What a continued field's label says. */
const CONTINUED = '（续）';

const fits = (card: NeutralCard): boolean => cardFits(renderCard(card), RESERVE_BYTES);

/** `card` as cards that each fit a Feishu message: `[card]` when it fits already. */
export function splitCard(card: NeutralCard): NeutralCard[] {
  if (fits(card)) return [card];
  const { skeleton, units } = prepare(card);
  const worst = `（${units.length}/${units.length}）`;
  const part = (slice: Unit[], first: boolean): NeutralCard => build(skeleton, slice, first, true, `${skeleton.title}${worst}`);
  const packed: Unit[][] = [];
  let rest = cutOversized(units, skeleton);
  while (rest.length) {
    const first = packed.length === 0;
    // The largest n for which the first n units fit one card (units are each known to fit alone).
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(part(rest.slice(0, mid), first))) lo = mid;
      else hi = mid - 1;
    }
    packed.push(rest.slice(0, lo));
    rest = rest.slice(lo);
  }
  return packed.map((slice, i) => build(skeleton, slice, i === 0, i === packed.length - 1, `${skeleton.title}（${i + 1}/${packed.length}）`));
}

/**
 * The first part of a card too big for one message, standing for all of it (a PATCH replaces one
 * message only), with a note that the rest is not shown.
 */
export function firstPartOnly(card: NeutralCard): NeutralCard {
  const parts = splitCard(card);
  if (parts.length === 1) return card;
  const shown = parts[0];
  const note = `（内容过长，仅显示第一部分，共 ${parts.length} 部分）`;
  return { ...shown, title: card.title, footer: card.footer ? `${card.footer}\n${note}` : note };
}

/**
 * The card's frame (title, tone, buttons, form, footer) and its content as units. A frame that
 * alone does not fit gives up, in turn, its footer and its buttons and form to the content (the
 * commands that do the same are listed instead).
 */
function prepare(card: NeutralCard): { skeleton: NeutralCard; units: Unit[] } {
  const units: Unit[] = [...card.fields.map((field) => ({ field })), ...(card.text ? card.text.split('\n').map((line) => ({ line })) : [])];
  let skeleton: NeutralCard = { title: card.title, tone: card.tone, fields: [], form: card.form, buttons: card.buttons, footer: card.footer, chart: card.chart };
  const frameFits = () => fits(build(skeleton, [], true, true, `${skeleton.title}（${units.length + 1}/${units.length + 1}）`));
  if (!frameFits() && skeleton.footer) {
    units.push({ line: skeleton.footer });
    skeleton = { ...skeleton, footer: undefined };
  }
  if (!frameFits() && (skeleton.form || skeleton.buttons?.length)) {
    const commands: CardButton[] = [...(skeleton.form ? [skeleton.form.submit] : []), ...(skeleton.buttons ?? [])];
    units.push({ line: `可以发送：${commands.map((b) => `「${b.command}」`).join(' ')}` });
    skeleton = { ...skeleton, form: undefined, buttons: undefined };
  }
  if (!frameFits() && skeleton.chart) skeleton = { ...skeleton, chart: undefined }; // the fields say what it shows
  if (!frameFits()) {
    units.unshift({ line: skeleton.title });
    skeleton = { ...skeleton, title: [...skeleton.title].slice(0, 20).join('') };
  }
  return { skeleton, units };
}

/** Units too big for a card of their own, cut into pieces that fit. */
function cutOversized(units: Unit[], skeleton: NeutralCard): Unit[] {
  const frame = contentBytes(JSON.stringify(renderCard(build(skeleton, [], true, true, `${skeleton.title}（99999/99999）`))));
  const room = Math.max(CARD_MAX_BYTES - RESERVE_BYTES - frame - 64, 256);
  return units.flatMap((u): Unit[] => {
    if ('line' in u) return escapedBytes(u.line) <= room ? [u] : splitText(u.line, room).map((line) => ({ line }));
    const { label, value } = u.field;
    const labelBytes = escapedBytes(`${label}${CONTINUED}：`);
    if (labelBytes + escapedBytes(value) <= room) return [u];
    return splitText(value, Math.max(room - labelBytes, 64)).map((piece, i) => ({ field: { label: i ? `${label}${CONTINUED}` : label, value: piece } }));
  });
}

function build(skeleton: NeutralCard, units: Unit[], first: boolean, last: boolean, title: string): NeutralCard {
  const fields = units.flatMap((u) => ('field' in u ? [u.field] : []));
  const lines = units.flatMap((u) => ('line' in u ? [u.line] : []));
  return {
    title,
    tone: skeleton.tone,
    fields,
    ...(lines.length ? { text: lines.join('\n') } : {}),
    ...(first && skeleton.form ? { form: skeleton.form } : {}),
    ...(first && skeleton.buttons ? { buttons: skeleton.buttons } : {}),
    ...(first && skeleton.chart ? { chart: skeleton.chart } : {}),
    ...(last && skeleton.footer ? { footer: skeleton.footer } : {}),
  };
}
