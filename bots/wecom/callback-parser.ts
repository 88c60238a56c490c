import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRejected } from './callback-crypto';

/**
 * Why every value stays a string (parseTagValue false): MsgId is a 64-bit integer and would
 * lose precision as a JS number; CDATA and bare values parse alike (wecom.md §1.8). The
 * option-id lists are arrays even with one entry.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  trimValues: true,
  isArray: (name) => ['SelectedItem', 'OpitonId', 'OptionId'].includes(name),
});

const text = z.string();
const digits = z.string().regex(/^\d{1,20}$/, 'must be digits');

/** The outer envelope of a POST: the CorpID and the ciphertext (wecom.md §1.3). */
const envelopeSchema = z.object({
  xml: z.object({ ToUserName: text.optional(), Encrypt: z.string().min(1), AgentID: text.optional() }),
});

/** An empty element parses as '' rather than an object. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')]).optional();
const optionIds = z.object({ OpitonId: z.array(text).optional(), OptionId: z.array(text).optional() });
const selectedItem = z.object({ QuestionKey: text, OpitonIds: orEmpty(optionIds), OptionIds: orEmpty(optionIds) });

/** The decrypted message or event, every field a string (wecom.md §2). */
const innerSchema = z.object({
  xml: z.object({
    ToUserName: text,
    FromUserName: z.string().min(1),
    CreateTime: digits,
    MsgType: z.string().min(1),
    AgentID: text.optional(),
    Content: text.optional(),
    MsgId: text.optional(),
    MediaId: text.optional(),
    PicUrl: text.optional(),
    Event: text.optional(),
    EventKey: text.optional(),
    TaskId: text.optional(),
    CardType: text.optional(),
    ResponseCode: text.optional(),
    SelectedItems: orEmpty(z.object({ SelectedItem: z.array(selectedItem).optional() })),
  }),
});

/** A decrypted callback payload. */
export type InnerMessage = z.infer<typeof innerSchema>['xml'];

/** One answered question of a card (button_selection, checkbox, select_list). */
export interface SelectedOption {
  questionKey: string;
  optionIds: string[];
}

/** Parses XML text with fast-xml-parser after checking it is well formed; 400 otherwise. */
function parseXml(xml: string, what: string): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new CallbackRejected(400, `${what} declares a DOCTYPE`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new CallbackRejected(400, `${what} is not well-formed XML: ${valid.err.msg}`);
  return parser.parse(xml);
}

/** The ciphertext of a POST body (raw bytes, read as UTF-8); 400 when it is not the envelope. */
export function parseEnvelope(body: Buffer): { encrypt: string; toUserName?: string } {
  const parsed = envelopeSchema.safeParse(parseXml(body.toString('utf8'), 'the body'));
  if (!parsed.success) throw new CallbackRejected(400, 'the body is not a WeCom callback envelope');
  return { encrypt: parsed.data.xml.Encrypt, toUserName: parsed.data.xml.ToUserName };
}

/** The decrypted payload, validated; 400 when it is not a WeCom message or event. */
export function parseInner(xml: string): InnerMessage {
  const parsed = innerSchema.safeParse(parseXml(xml, 'the decrypted payload'));
  if (!parsed.success) throw new CallbackRejected(400, `the decrypted payload is not a WeCom message: ${parsed.error.issues[0]?.path.join('.')}`);
  return parsed.data.xml;
}

/**
 * The options chosen on a card. Why both spellings: the option-ids tag is `OpitonIds/OpitonId`
 * (sic) in the doc-derived SDK samples and `OptionIds` in another SDK (wecom.md §2.2, §7).
 */
export function selectedOptions(message: InnerMessage): SelectedOption[] {
  const items = message.SelectedItems ? (message.SelectedItems.SelectedItem ?? []) : [];
  return items.map((item) => {
    const ids = [item.OpitonIds, item.OptionIds].flatMap((list) => (list ? [...(list.OpitonId ?? []), ...(list.OptionId ?? [])] : []));
    return { questionKey: item.QuestionKey, optionIds: ids };
  });
}
