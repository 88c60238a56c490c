/**
 * What a card click may carry, checked before any of it is believed. A button's values are the
 * bot's own (entity ids), but they come back through the platform, and a form's inputs are
 * typed by people: a value the bot never put there or a choice that is not on the card is
 * refused with a Chinese reply, and nothing is stored. Text lengths are the commands' own
 * (policy textLimits, per field); the router bounds a whole click (textLimits.message).
 */
import { z } from 'zod';
import { UserError } from '../core/errors';
import type { CardActionEvent } from '../core/incoming-event';
import type { CardInput } from '../core/neutral-card';

/** The largest id a database row has (INT primary keys). */
const MAX_ROW_ID = 2_147_483_647;

/** An entity id on a button: the digits of a positive row id, as the card put it there. */
export const cardId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= MAX_ROW_ID);

/** A button that carries no values. */
export const noValues = z.object({}).strict();
/** A button that carries the id of the request it is about. */
export const idValues = z.object({ id: cardId }).strict();

/** What a card action reads: the button's values and the inputs of the card that sent it. */
export interface CardShape<V> {
  values: z.ZodType<V>;
  inputs: readonly CardInput[];
  /** The text command that does the same, shown when the click is refused. */
  example: string;
}

/** One input's schema: a choice on the card (or none), else any text (its command bounds it). */
function inputSchema(input: CardInput): z.ZodType<string> {
  if (input.kind === 'select' && input.options?.length) {
    const allowed = input.options.map((o) => o.value);
    return z.string().refine((v) => v === '' || allowed.includes(v), { message: `「${input.label}」只能选：${allowed.join('、')}` });
  }
  return z.string();
}

/**
 * The click's values and form checked against `shape`; a UserError otherwise. Inputs the card
 * does not have are dropped; the result is a fresh object with own properties only.
 */
export function readCard<V>(event: CardActionEvent, shape: CardShape<V>): { values: V; form: Partial<Record<string, string>> } {
  const values = shape.values.safeParse(event.value);
  if (!values.success) throw new UserError('这张卡片的按钮数据不对，没有处理。请重新发送命令。', shape.example, 'card.values');
  const form: Partial<Record<string, string>> = {};
  for (const input of shape.inputs) {
    if (!Object.hasOwn(event.form, input.name)) continue;
    const checked = inputSchema(input).safeParse(event.form[input.name]);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const why = issue?.code === 'custom' ? issue.message : `「${input.label}」填得不对`;
      throw new UserError(`${why}，没有处理。`, shape.example, 'card.input');
    }
    form[input.name] = checked.data;
  }
  return { values: values.data, form };
}
