/**
 * The template card rules the fake enforces, per card type, as WeCom's message/send (90236) and
 * update_template_card (94888) pages give them: the fields each type takes, the required ones,
 * list sizes, and the lengths the docs give for each text ("建议不超过 N 个字", counted here
 * as characters). An update's card takes the same fields without task_id, plus replace_text.
 * https://developer.work.weixin.qq.com/document/path/90236
 * https://developer.work.weixin.qq.com/document/path/94888
 */

/** Field lengths in characters. */
export const CARD_TEXT_LIMITS = {
  sourceDesc: 20,
  mainTitle: 36,
  mainTitleDesc: 44,
  subTitle: 160,
  keyname: 5,
  value: 30,
  buttonText: 10,
  jumpTitle: 18,
  emphasisTitle: 14,
  emphasisDesc: 22,
  verticalTitle: 38,
  verticalDesc: 160,
} as const;

const COMMON = ['card_type', 'source', 'main_title', 'task_id'];
/** The fields each card type takes in message/send. */
const FIELDS: Record<string, string[]> = {
  text_notice: [...COMMON, 'action_menu', 'quote_area', 'emphasis_content', 'sub_title_text', 'horizontal_content_list', 'jump_list', 'card_action'],
  news_notice: [...COMMON, 'action_menu', 'quote_area', 'image_text_area', 'card_image', 'vertical_content_list', 'horizontal_content_list', 'jump_list', 'card_action'],
  button_interaction: [...COMMON, 'quote_area', 'sub_title_text', 'horizontal_content_list', 'card_action', 'button_selection', 'button_list'],
  vote_interaction: [...COMMON, 'checkbox', 'submit_button'],
  multiple_interaction: [...COMMON, 'select_list', 'submit_button'],
};
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);

const chars = (s: unknown): number => [...String(s ?? '')].length;
const bytes = (s: unknown): number => Buffer.byteLength(String(s ?? ''), 'utf8');

/** Why WeCom would refuse a template card (errcode 40058 and a reason), or undefined. */
export function checkTemplateCard(card: any, mode: 'send' | 'update'): string | undefined {
  if (!card || typeof card !== 'object') return 'template_card is required';
  const allowed = FIELDS[card.card_type];
  if (!allowed) return `unknown card_type ${String(card.card_type)}`;
  const fields = mode === 'update' ? [...allowed.filter((f) => f !== 'task_id'), 'replace_text'] : allowed;
  const unknown = Object.keys(card).filter((k) => !fields.includes(k));
  if (unknown.length) return `${card.card_type} takes no ${unknown.join(', ')}${mode === 'update' ? ' in update_template_card' : ''}`;
  if (mode === 'send' && (INTERACTIVE.has(card.card_type) || card.action_menu)) {
    if (!/^[0-9A-Za-z_\-@]{1,128}$/.test(String(card.task_id ?? ''))) return 'task_id is required: [0-9A-Za-z_-@], at most 128 bytes';
  }
  return required(card) ?? lengths(card);
}

function required(card: any): string | undefined {
  const t = card.card_type;
  if (t === 'text_notice' && !card.main_title?.title && !card.sub_title_text) return 'text_notice needs main_title.title or sub_title_text';
  if ((t === 'text_notice' || t === 'news_notice') && !card.card_action) return `${t} needs card_action`;
  if (t === 'news_notice' && !card.card_image && !card.image_text_area) return 'news_notice needs card_image or image_text_area';
  if (INTERACTIVE.has(t) && !card.main_title?.title) return `${t} needs main_title.title`;
  if (t === 'button_interaction') {
    const buttons: any[] = card.button_list ?? [];
    if (!buttons.length || buttons.length > 6) return 'button_list needs 1 to 6 buttons';
    const keys = buttons.filter((b) => (b.type ?? 0) === 0).map((b) => String(b.key ?? ''));
    if (keys.some((k) => !k || bytes(k) > 1024) || new Set(keys).size !== keys.length) return 'button keys must be unique, 1..1024 bytes';
  }
  if (t === 'vote_interaction' && (!card.checkbox || !card.submit_button)) return 'vote_interaction needs checkbox and submit_button';
  if (t === 'multiple_interaction' && (!(card.select_list ?? []).length || card.select_list.length > 3 || !card.submit_button)) return 'multiple_interaction needs 1 to 3 select_list and submit_button';
  return undefined;
}

function over(what: string, value: unknown, max: number): string | undefined {
  return chars(value) > max ? `${what} over ${max} characters (${chars(value)})` : undefined;
}

function lengths(card: any): string | undefined {
  const L = CARD_TEXT_LIMITS;
  const checks: Array<string | undefined> = [
    over('source.desc', card.source?.desc, L.sourceDesc),
    over('main_title.title', card.main_title?.title, L.mainTitle),
    over('main_title.desc', card.main_title?.desc, L.mainTitleDesc),
    over('sub_title_text', card.sub_title_text, L.subTitle),
    over('emphasis_content.title', card.emphasis_content?.title, L.emphasisTitle),
    over('emphasis_content.desc', card.emphasis_content?.desc, L.emphasisDesc),
  ];
  const list: any[] = card.horizontal_content_list ?? [];
  if (list.length > 6) checks.push('horizontal_content_list over 6');
  for (const f of list) {
    if (!f.keyname) checks.push('horizontal_content_list.keyname is required');
    checks.push(over('horizontal_content_list.keyname', f.keyname, L.keyname), over('horizontal_content_list.value', f.value, L.value));
  }
  if ((card.jump_list ?? []).length > 3) checks.push('jump_list over 3');
  for (const j of card.jump_list ?? []) checks.push(over('jump_list.title', j.title, L.jumpTitle));
  if ((card.vertical_content_list ?? []).length > 4) checks.push('vertical_content_list over 4');
  for (const v of card.vertical_content_list ?? []) checks.push(over('vertical_content_list.title', v.title, L.verticalTitle), over('vertical_content_list.desc', v.desc, L.verticalDesc));
  for (const b of card.button_list ?? []) checks.push(over('button_list.text', b.text, L.buttonText));
  return checks.find(Boolean);
}

/** The body of update_template_card (94888): its own fields, one of button / template_card. */
export function checkUpdateBody(b: any): string | undefined {
  const unknown = Object.keys(b ?? {}).filter((k) => !['userids', 'partyids', 'tagids', 'atall', 'agentid', 'response_code', 'button', 'template_card', 'enable_id_trans'].includes(k));
  if (unknown.length) return `update_template_card takes no ${unknown.join(', ')}`;
  if (Boolean(b.button) === Boolean(b.template_card)) return 'exactly one of button and template_card';
  if ((b.userids ?? []).length > 1000) return 'userids over 1000';
  if ((b.partyids ?? []).length > 100 || (b.tagids ?? []).length > 100) return 'partyids or tagids over 100';
  if (b.button) {
    const extra = Object.keys(b.button).filter((k) => k !== 'replace_name');
    if (extra.length || !b.button.replace_name) return 'button takes replace_name only';
    return undefined;
  }
  return checkTemplateCard(b.template_card, 'update');
}
