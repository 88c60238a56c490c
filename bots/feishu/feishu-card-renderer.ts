/**
 * NeutralCard → Feishu card JSON 2.0 (docs/platforms/feishu.md §2.2): header coloured by tone, the fields and
 * text as plain text (user input never becomes markdown or an @), forms of input / select /
 * date picker, buttons whose callback values carry the action id and the entity ids only, a
 * footer. A button that asks for inputs (a reject reason) becomes a form of its own.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 */
import type { CardButton, CardInput, NeutralCard } from '../../src/core/neutral-card';
import { chartElement } from './feishu-chart';

/** The key of a callback value that names the action; the decoder reads it back. */
export const CARD_ACTION_KEY = 'action';

/** A card JSON object as sent in `content` or answered in a callback's `card.data`. */
export type FeishuCard = Record<string, unknown>;

const TEMPLATE: Record<NonNullable<NeutralCard['tone']>, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };

const plain = (content: string): Record<string, unknown> => ({ tag: 'plain_text', content });
const textBlock = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ tag: 'div', text: { ...plain(content), ...extra } });

/**
 * What a button click sends back. Only the action id and the values the core put on the button
 * (entity ids): nothing that grants authority, since anyone who sees the card can click it and
 * the handler re-checks the operator's rights every time.
 */
export function callbackValue(button: CardButton): Record<string, string> {
  return { ...button.value, [CARD_ACTION_KEY]: button.actionId };
}

/** The card JSON 2.0 of a neutral card. */
export function renderCard(card: NeutralCard): FeishuCard {
  const elements: Array<Record<string, unknown>> = [];
  if (card.fields.length) elements.push(textBlock(card.fields.map((f) => `${f.label}：${f.value}`).join('\n')));
  if (card.text) elements.push(textBlock(card.text));
  if (card.chart?.categories.length) elements.push(chartElement(card.chart));
  const names = new NameAllocator();
  if (card.form) elements.push(form(card.form.inputs, card.form.submit, names));
  for (const button of card.buttons ?? []) {
    elements.push(button.inputs?.length ? form(button.inputs, button, names) : plainButton(button));
  }
  if (card.footer) elements.push({ tag: 'hr' }, textBlock(card.footer, { text_size: 'notation', text_color: 'grey' }));
  return {
    schema: '2.0',
    // Why update_multi: 2.0 cards are shared cards only, and PATCH needs update_multi:true on
    // the card sent and on its replacement (docs/platforms/feishu.md §2.2, §2.5).
    config: { update_multi: true },
    header: { title: plain(card.title), template: TEMPLATE[card.tone ?? 'info'] },
    body: { elements },
  };
}

/**
 * Why unique names: every form and every interactive element inside one needs a `name` unique
 * in the card, or the client fails with 200530 (docs/platforms/feishu.md §2.2 form rules). Inputs keep the
 * core's names (they are the keys of form_value); a clash gets a suffix the decoder never sees
 * because the core never puts two inputs of one name on a card.
 */
class NameAllocator {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.used.has(name); i++) name = `${wanted}_${i}`;
    this.used.add(name);
    return name;
  }
}

function form(inputs: CardInput[], submit: CardButton, names: NameAllocator): Record<string, unknown> {
  const elements = inputs.flatMap((input) => renderInput(input, names));
  elements.push({
    tag: 'button',
    name: names.take(`submit_${submit.actionId.replace(/\W/g, '_')}`),
    text: plain(submit.label),
    type: buttonType(submit),
    // Why form_action_type: a 2.0 form needs one button with form_action_type "submit"; its
    // callback carries form_value with every input by name (docs/platforms/feishu.md §2.2, §2.3).
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: callbackValue(submit) }],
  });
  return { tag: 'form', name: names.take(`form_${submit.actionId.replace(/\W/g, '_')}`), elements };
}

function renderInput(input: CardInput, names: NameAllocator): Array<Record<string, unknown>> {
  const common = { name: names.take(input.name), ...(input.required ? { required: true } : {}) };
  const placeholder = input.placeholder ? { placeholder: plain(input.placeholder) } : {};
  if (input.kind === 'select') {
    const options = (input.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }));
    const initial = input.initial ? { initial_option: input.initial } : {};
    return [textBlock(input.label), { tag: 'select_static', ...common, ...placeholder, ...initial, options }];
  }
  if (input.kind === 'date') {
    // Why yyyy-MM-dd: date_picker's initial_date format (docs/platforms/feishu.md §2.2).
    const initial = input.initial ? { initial_date: input.initial } : {};
    return [textBlock(input.label), { tag: 'date_picker', ...common, ...placeholder, ...initial }];
  }
  return [{
    tag: 'input',
    ...common,
    ...placeholder,
    label: plain(input.label),
    ...(input.kind === 'textarea' ? { input_type: 'multiline_text' } : {}),
    ...(input.initial ? { default_value: input.initial } : {}),
  }];
}

function plainButton(button: CardButton): Record<string, unknown> {
  // Why behaviors: outside a form a 2.0 button attaches its data as a callback behaviour whose
  // value must be an object (docs/platforms/feishu.md §2.2).
  return { tag: 'button', text: plain(button.label), type: buttonType(button), behaviors: [{ type: 'callback', value: callbackValue(button) }] };
}

function buttonType(button: CardButton): string {
  return button.style === 'primary' ? 'primary' : button.style === 'danger' ? 'danger' : 'default';
}
