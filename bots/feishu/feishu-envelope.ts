/**
 * The shapes of what Feishu pushes, checked with zod before anything is believed: the
 * encrypted wrapper, the URL-verification challenge, the schema-2.0 envelope, and the two
 * events the bot acts on (docs/platforms/feishu.md §1.2, §1.6, §1.7, §2.3). Unknown fields are ignored, so a
 * field Feishu adds later breaks nothing.
 */
import { z } from 'zod';

/** Every push with an Encrypt Key configured: `{"encrypt":"<base64>"}` (docs/platforms/feishu.md §1.3). */
export const EncryptedBody = z.object({ encrypt: z.string().min(1) });

/** The URL-verification challenge, once decrypted (docs/platforms/feishu.md §1.2). */
export const ChallengeBody = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1), token: z.string() });

/** The v2.0 header: event id and type, its time, and the Verification Token. */
export const EnvelopeHeader = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  create_time: z.string().regex(/^\d{1,17}$/, 'must be a decimal timestamp'),
  token: z.string(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
});

/** Any schema-2.0 event (docs/platforms/feishu.md §1.6); v1.0 envelopes have no `schema` and are refused. */
export const Envelope = z.object({
  schema: z.literal('2.0'),
  header: EnvelopeHeader,
  event: z.record(z.string(), z.unknown()),
});

/** A schema-2.0 envelope. */
export type FeishuEnvelope = z.infer<typeof Envelope>;

/** The three ids Feishu gives a person; only open_id is used (user_id needs an extra scope, §1.7). */
const UserIds = z.object({ open_id: z.string().optional(), union_id: z.string().nullish(), user_id: z.string().nullish() });

/** `im.message.receive_v1`'s event body (docs/platforms/feishu.md §1.7). */
export const MessageEventBody = z.object({
  sender: z.object({ sender_id: UserIds.optional(), sender_type: z.string() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string().min(1),
    message_type: z.string().min(1),
    content: z.string(),
    mentions: z.array(z.object({ key: z.string().min(1), id: UserIds, name: z.string().optional() })).nullish(),
  }),
});

/** A message event's body. */
export type FeishuMessageEvent = z.infer<typeof MessageEventBody>;

/**
 * A name the bot gives a callback value or a form input (feishu-card-renderer): letters,
 * digits, '_' and '-'. Why: anything else ('__proto__' aside, which this excludes too) was not
 * put there by the bot.
 */
const CallbackName = z.string().regex(/^[A-Za-z][\w-]{0,63}$/, 'must be a name the bot gave');
/** What one form input submits: text, a multi-select's list, a checker's boolean (docs/platforms/feishu.md §2.3). */
const FormInputValue = z.union([z.string().max(8192), z.array(z.string().max(1024)).max(100), z.number(), z.boolean()]);

/**
 * `card.action.trigger`'s event body (docs/platforms/feishu.md §2.3). The button's value is what the bot sent
 * (strings only, feishu-card-renderer's callbackValue); form_value what the inputs submit.
 */
export const CardActionBody = z.object({
  operator: z.object({ open_id: z.string().min(1) }),
  token: z.string().optional(),
  action: z.object({
    value: z.record(CallbackName, z.string().max(1024)).nullish(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(CallbackName, FormInputValue).nullish(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

/** A card callback's body. */
export type FeishuCardAction = z.infer<typeof CardActionBody>;

/** Message contents by type: a JSON string inside the event (docs/platforms/feishu.md §1.7). */
export const TextContent = z.object({ text: z.string() });
/** An image message's content. */
export const ImageContent = z.object({ image_key: z.string().min(1) });
/** A file message's content. */
export const FileContent = z.object({ file_key: z.string().min(1), file_name: z.string().optional() });

/** A check's result: the value, or a short reason fit for a 400 answer. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates `input` against `schema`; the reason names `what` and the first problems found. */
export function check<T>(schema: z.ZodType<T>, input: unknown, what: string): Checked<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  return { ok: false, reason: `${what} is not valid (${problems.join('; ')})` };
}

/** Parses JSON text; a reason instead of an exception. */
export function parseJson(text: string, what: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: `${what} is not valid JSON` };
  }
}
