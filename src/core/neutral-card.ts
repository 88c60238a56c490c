import type { NeutralChart } from './chart';

/** A form input on a card (Feishu renders it; text platforms show the command to type instead). */
export interface CardInput {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select';
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
  required?: boolean;
  initial?: string;
}

/** A button: its action and the values it carries, and the text command that does the same. */
export interface CardButton {
  label: string;
  actionId: string;
  value: Record<string, string>;
  style?: 'primary' | 'danger' | 'default';
  /** What to type for the same effect where there are no buttons, e.g. '同意 L42'. */
  command: string;
  /** Inputs asked for with this button (a reject reason). */
  inputs?: CardInput[];
}

/** A platform-neutral card: each adapter renders it (card JSON 2.0, template card, plain text). */
export interface NeutralCard {
  title: string;
  /** Colour hint for the header. */
  tone?: 'info' | 'success' | 'warning' | 'danger';
  /** Label/value lines. */
  fields: Array<{ label: string; value: string }>;
  /** Free text under the fields (markdown-free). */
  text?: string;
  /** A form: its inputs and the button that submits them. */
  form?: { inputs: CardInput[]; submit: CardButton };
  buttons?: CardButton[];
  /** A closing line, e.g. '已由王强于 12月3日 10:05 批准'. Set when the card is settled. */
  footer?: string;
  /**
   * A chart of what the fields say (the Friday ranking's leads): Feishu draws it as a card
   * `chart` element, WeCom and wechaty send a PNG after the card, the web chat shows it inline.
   * The fields stay the text fallback: a platform that cannot draw it loses nothing.
   */
  chart?: NeutralChart;
}
