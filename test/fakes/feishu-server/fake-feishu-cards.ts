/**
 * What the fake checks in a card before it takes it, as Feishu documents it (docs/platforms/feishu.md §2.2,
 * §3.2; the 230099 sub-codes of im/v1/messages/create): at most 30 KB, a 2.0 card of at most 200
 * components, only attributes the component reference lists, forms at the root with a name and a
 * submit button, every name unique in the card, shared cards only.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 * https://open.feishu.cn/document/server-docs/im-v1/message/create (230025, 230099 / 11310)
 */

/** A card or post body larger than this is refused with 230025 (the UTF-8 bytes of `content`). */
export const FAKE_CARD_MAX_BYTES = 30 * 1024;
/** A JSON 2.0 card with more components than this is refused (230099, ErrCode 11310). */
export const FAKE_CARD_MAX_ELEMENTS = 200;

/** A refusal as Feishu words it. */
export interface CardRefusal {
  code: number;
  msg: string;
}

const TEXT_TAGS = new Set(['plain_text', 'lark_md']);
const TEXT_KEYS = ['tag', 'content', 'text_size', 'text_color', 'text_align', 'lines', 'i18n_content'];
const COMMON = ['tag', 'element_id', 'margin'];
const INTERACTIVE_COMMON = [...COMMON, 'name', 'required', 'disabled', 'placeholder', 'width', 'behaviors', 'confirm', 'value', 'disabled_tips'];

/** The attributes each component may carry (JSON 2.0 component reference). */
const ATTRIBUTES: Record<string, string[]> = {
  div: [...COMMON, 'text', 'icon', 'width', 'fields'],
  markdown: [...COMMON, 'content', 'text_size', 'text_align', 'icon', 'i18n_content'],
  hr: COMMON,
  form: [...COMMON, 'name', 'elements', 'direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align'],
  input: [...INTERACTIVE_COMMON, 'default_value', 'max_length', 'input_type', 'show_icon', 'rows', 'auto_resize', 'max_rows', 'label', 'label_position', 'fallback'],
  select_static: [...INTERACTIVE_COMMON, 'type', 'initial_index', 'initial_option', 'options'],
  multi_select_static: [...INTERACTIVE_COMMON, 'type', 'selected_values', 'options'],
  date_picker: [...INTERACTIVE_COMMON, 'initial_date'],
  picker_time: [...INTERACTIVE_COMMON, 'initial_time'],
  picker_datetime: [...INTERACTIVE_COMMON, 'initial_datetime'],
  button: [...INTERACTIVE_COMMON, 'type', 'size', 'text', 'icon', 'hover_tips', 'form_action_type'],
  chart: [...COMMON, 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
};
/** Components that take input and so need a unique `name` inside a form. */
const NAMED_IN_FORM = new Set(['input', 'select_static', 'multi_select_static', 'date_picker', 'picker_time', 'picker_datetime', 'button']);

const CARD_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG_KEYS = ['streaming_mode', 'streaming_config', 'summary', 'locales', 'enable_forward', 'update_multi', 'width_mode', 'use_custom_translation', 'enable_forward_interaction', 'style'];
const HEADER_KEYS = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];
const BODY_KEYS = ['direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'elements'];

const refuse = (subCode: number, msg: string): CardRefusal => ({ code: 230099, msg: `Failed to create card content, ext=ErrCode: ${subCode}; ErrMsg: ${msg}` });

function unknownKeys(obj: Record<string, unknown>, allowed: string[]): string[] {
  return Object.keys(obj).filter((k) => !allowed.includes(k));
}

/** The size Feishu counts: the UTF-8 bytes of the `content` string. */
export function contentBytes(content: string): number {
  return Buffer.byteLength(content, 'utf8');
}

/** Why a card JSON would be refused, or undefined when Feishu takes it. */
export function checkCard(card: any): CardRefusal | undefined {
  if (!card || typeof card !== 'object' || Array.isArray(card)) return refuse(200621, 'parse card json err');
  if (card.schema !== '2.0') return Array.isArray(card.elements) ? undefined : refuse(200621, 'a 1.0 card needs elements');
  const top = unknownKeys(card, CARD_KEYS);
  if (top.length) return refuse(200621, `unknown card attribute ${top.join(',')}`);
  const config = card.config ?? {};
  if (unknownKeys(config, CONFIG_KEYS).length) return refuse(200621, `unknown config attribute ${unknownKeys(config, CONFIG_KEYS).join(',')}`);
  // Why: JSON 2.0 cards are shared cards only (docs/platforms/feishu.md §2.2).
  if (config.update_multi === false) return refuse(200621, 'schema 2.0 cards must be shared (update_multi)');
  if (card.header) {
    const bad = unknownKeys(card.header, HEADER_KEYS);
    if (bad.length) return refuse(200621, `unknown header attribute ${bad.join(',')}`);
    const title = checkText(card.header.title, 'header.title');
    if (title) return title;
  }
  if (!card.body || !Array.isArray(card.body.elements)) return refuse(200621, 'card 2.0 needs body.elements');
  if (unknownKeys(card.body, BODY_KEYS).length) return refuse(200621, `unknown body attribute ${unknownKeys(card.body, BODY_KEYS).join(',')}`);
  const walk = { count: 0, names: new Set<string>() };
  for (const el of card.body.elements) {
    const bad = checkElement(el, walk, false);
    if (bad) return bad;
  }
  if (walk.count > FAKE_CARD_MAX_ELEMENTS) return refuse(11310, 'element exceeds the limit');
  return undefined;
}

function checkText(text: any, where: string): CardRefusal | undefined {
  if (!text || !TEXT_TAGS.has(text.tag) || typeof text.content !== 'string') return refuse(200621, `${where} must be a plain_text or lark_md text`);
  const bad = unknownKeys(text, TEXT_KEYS);
  return bad.length ? refuse(200621, `unknown text attribute ${bad.join(',')} in ${where}`) : undefined;
}

function checkElement(el: any, walk: { count: number; names: Set<string> }, inForm: boolean): CardRefusal | undefined {
  const attrs = ATTRIBUTES[el?.tag];
  if (!attrs) return refuse(200861, `unsupported tag ${String(el?.tag)}`);
  walk.count += 1;
  const bad = unknownKeys(el, attrs);
  if (bad.length) return refuse(200621, `unknown attribute ${bad.join(',')} of ${el.tag}`);
  for (const key of ['text', 'placeholder', 'label'] as const) {
    if (el[key] !== undefined) {
      const t = checkText(el[key], `${el.tag}.${key}`);
      if (t) return t;
    }
  }
  if (el.name !== undefined) {
    if (typeof el.name !== 'string' || !el.name) return refuse(200530, `empty name on ${el.tag}`);
    if (walk.names.has(el.name)) return refuse(200621, `name ${el.name} is not unique in the card`);
    walk.names.add(el.name);
  }
  if (el.required !== undefined && !inForm) return refuse(200621, `required is only allowed inside a form (${el.tag})`);
  if (el.tag === 'button') {
    if (el.form_action_type !== undefined && !inForm) return refuse(200621, 'form_action_type outside a form');
    for (const b of el.behaviors ?? []) {
      if (b?.type === 'callback' && (typeof b.value !== 'object' || b.value === null || Array.isArray(b.value))) return refuse(200621, 'a callback value must be an object');
    }
  }
  if (inForm && NAMED_IN_FORM.has(el.tag) && !el.name) return refuse(200530, `${el.tag} inside a form needs a name`);
  if (el.tag === 'form') return checkForm(el, walk, inForm);
  if (el.tag === 'chart') return checkChart(el);
  return undefined;
}

const ASPECT_RATIOS = ['1:1', '2:1', '4:3', '16:9'];
const COLOR_THEMES = ['brand', 'rainbow', 'complementary', 'converse', 'primary'];

/**
 * A chart element (JSON 2.0 chart component): a VChart spec object without functions (the
 * component takes no JavaScript), the documented aspect ratios, themes and heights; for the
 * cartesian types the fields it names must be keys of every data row.
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart
 */
function checkChart(el: any): CardRefusal | undefined {
  const spec = el.chart_spec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return refuse(200621, 'chart_spec must be an object');
  if (el.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(el.aspect_ratio)) return refuse(200621, `chart aspect_ratio ${String(el.aspect_ratio)}`);
  if (el.color_theme !== undefined && !COLOR_THEMES.includes(el.color_theme)) return refuse(200621, `chart color_theme ${String(el.color_theme)}`);
  if (el.height !== undefined && el.height !== 'auto' && !/^([1-9]\d{0,2})px$/.test(String(el.height))) return refuse(200621, `chart height ${String(el.height)}`);
  if (el.preview !== undefined && typeof el.preview !== 'boolean') return refuse(200621, 'chart preview must be a boolean');
  if (typeof spec.type !== 'string') return refuse(200621, 'chart_spec.type is required');
  if (['bar', 'line', 'area'].includes(spec.type)) {
    const sets: any[] = Array.isArray(spec.data) ? spec.data : spec.data ? [spec.data] : [];
    const rows = sets.flatMap((d) => (Array.isArray(d?.values) ? d.values : []));
    if (!rows.length) return refuse(200621, 'chart_spec.data has no values');
    const fields = [spec.xField, spec.yField, spec.seriesField].flat().filter((f) => f !== undefined);
    if (!spec.xField || !spec.yField) return refuse(200621, 'chart_spec needs xField and yField');
    for (const f of fields) if (typeof f !== 'string' || !rows.every((r: any) => r && f in r)) return refuse(200621, `chart_spec field ${String(f)} is not in every data row`);
    if (!rows.every((r: any) => typeof r[[spec.yField].flat()[0]] === 'number')) return refuse(200621, 'chart_spec yField values must be numbers');
  }
  return undefined;
}

/** Forms sit at the root, have a unique name, hold no form, and have a submit button (docs/platforms/feishu.md §2.2). */
function checkForm(form: any, walk: { count: number; names: Set<string> }, inForm: boolean): CardRefusal | undefined {
  if (inForm) return refuse(200621, 'a form cannot hold a form');
  if (!form.name) return refuse(200530, 'a form needs a name');
  if (!Array.isArray(form.elements)) return refuse(200621, 'a form needs elements');
  for (const el of form.elements) {
    const bad = checkElement(el, walk, true);
    if (bad) return bad;
  }
  if (!form.elements.some((e: any) => e.tag === 'button' && e.form_action_type === 'submit')) return refuse(200621, `form ${form.name} has no submit button`);
  return undefined;
}
