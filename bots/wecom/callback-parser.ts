import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRejected } from './callback-crypto';

/**
 * Why every value stays a string (parseTagValue false): MsgId is a 64-bit integer and would
 * lose precision as a JS number; CDATA and bare values parse alike (docs/platforms/wecom.md §1.8). The
 * option-id lists are arrays even with one entry.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  trimValues: true,
  // Why 8: the deepest payload is xml/SelectedItems/SelectedItem/OpitonIds/OpitonId (docs/platforms/wecom.md §2.2).
  maxNestedTags: 8,
  isArray: (name) => ['SelectedItem', 'OpitonId', 'OptionId'].includes(name),
});

/**
 * The largest POST body accepted. Why 64 KiB: an envelope is the base64 of the encrypted
 * payload (4/3 of it, docs/platforms/wecom.md §1.3, §1.5), and the largest payloads the app receives are a
 * text message and a card click, whose EventKey is at most 1024 bytes and TaskId 128 (§2.2,
 * §3.4); 64 KiB carries about 16,000 Chinese characters of text, more than a chat message holds.
 */
export const MAX_ENVELOPE_BYTES = 64 * 1024;

const text = z.string();
/** Why at most 17 digits: seconds, milliseconds or microseconds of a real date all fit (docs/platforms/wecom.md §2). */
const stamp = z.string().regex(/^\d{1,17}$/, 'must be a Unix time of at most 17 digits');

/** The outer envelope of a POST: the CorpID and the ciphertext (docs/platforms/wecom.md §1.3). */
const envelopeSchema = z.object({
  xml: z.object({ ToUserName: text.optional(), Encrypt: z.string().min(1), AgentID: text.optional() }),
});

/** An empty element parses as '' rather than an object. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')]).optional();
const optionIds = z.object({ OpitonId: z.array(text).optional(), OptionId: z.array(text).optional() });
const selectedItem = z.object({ QuestionKey: text, OpitonIds: orEmpty(optionIds), OptionIds: orEmpty(optionIds) });

/** The decrypted message or event, every field a string (docs/platforms/wecom.md §2). */
const innerSchema = z.object({
  xml: z.object({
    ToUserName: text,
    FromUserName: z.string().min(1),
    CreateTime: stamp,
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

/**
 * Parses XML text with fast-xml-parser after checking it is well formed; 400 for anything the
 * parser or the validator refuses (depth, entities, syntax), never an exception of theirs.
 */
function parseXml(xml: string, what: string): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new CallbackRejected(400, `${what} declares a DOCTYPE`);
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new CallbackRejected(400, `${what} is not well-formed XML: ${valid.err.msg}`);
    return parser.parse(xml);
  } catch (e) {
    if (e instanceof CallbackRejected) throw e;
    throw new CallbackRejected(400, `${what} cannot be parsed: ${(e as Error).message}`);
  }
}

const ENCRYPT_OPEN = '<Encrypt>';
const ENCRYPT_CLOSE = '</Encrypt>';
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The Encrypt text of a POST body found by a plain scan, not a parse: exactly one
 * `<Encrypt>…</Encrypt>`, optionally CDATA-wrapped, holding base64. Why: the signature covers
 * the Encrypt text only (docs/platforms/wecom.md §1.3, §1.4), so it must be checked before the body is
 * parsed; the scan is linear and allocates nothing but the value. 400 when there is none.
 */
export function scanEncrypt(body: Buffer): string {
  const text = body.toString('latin1');
  const open = text.indexOf(ENCRYPT_OPEN);
  const close = open < 0 ? -1 : text.indexOf(ENCRYPT_CLOSE, open);
  if (open < 0 || close < 0 || text.indexOf(ENCRYPT_OPEN, open + 1) >= 0) {
    throw new CallbackRejected(400, 'the body is not a WeCom callback envelope (one Encrypt element)');
  }
  let value = text.slice(open + ENCRYPT_OPEN.length, close).trim();
  if (value.startsWith(CDATA_OPEN) && value.endsWith(CDATA_CLOSE)) value = value.slice(CDATA_OPEN.length, -CDATA_CLOSE.length).trim();
  if (!BASE64.test(value)) throw new CallbackRejected(400, 'Encrypt is not base64');
  return value;
}

/**
 * The envelope of a POST body (raw bytes, read as UTF-8), parsed in full once its signature
 * has been checked; 400 when it is not the envelope.
 */
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
 * (sic) in the doc-derived SDK samples and `OptionIds` in another SDK (docs/platforms/wecom.md §2.2, §7).
 */
export function selectedOptions(message: InnerMessage): SelectedOption[] {
  const items = message.SelectedItems ? (message.SelectedItems.SelectedItem ?? []) : [];
  return items.map((item) => {
    const ids = [item.OpitonIds, item.OptionIds].flatMap((list) => (list ? [...(list.OpitonId ?? []), ...(list.OptionId ?? [])] : []));
    return { questionKey: item.QuestionKey, optionIds: ids };
  });
}
