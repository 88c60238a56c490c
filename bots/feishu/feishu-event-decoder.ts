import type { CardActionEvent, IncomingEvent, IncomingFile, MessageEvent } from '../../src/core/incoming-event';
import { CARD_ACTION_KEY } from './feishu-card-renderer';
import {
  CardActionBody, check, FileContent, ImageContent, MessageEventBody, parseJson, TextContent,
  type Checked, type FeishuCardAction, type FeishuEnvelope, type FeishuMessageEvent,
} from './feishu-envelope';
import { parseFeishuTime } from './feishu-time';

/** What an envelope turned into: an event to dispatch, one to acknowledge and drop, or a malformed one. */
export type Decoded =
  | { kind: 'event'; event: IncomingEvent }
  | { kind: 'ignored'; why: string }
  | { kind: 'invalid'; reason: string };

/** What decoding needs from the rest of the adapter. */
export interface DecoderDeps {
  /** The bot's own open_id (fetched once from /bot/v3/info); throws when it cannot be had. */
  botOpenId(): Promise<string>;
  /** The bot's open_id if already known, without waiting. */
  knownBotOpenId(): string | undefined;
  /** Downloads a message's image or file (the message-resource API, short timeout). */
  fetchResource(messageId: string, key: string, type: 'image' | 'file'): Promise<{ data: Buffer; mimeType?: string }>;
}

/** The event types the bot acts on; any other is acknowledged and dropped. */
export const MESSAGE_EVENT = 'im.message.receive_v1';
/** The card callback delivered through event subscription (docs/platforms/feishu.md §2.3). */
export const CARD_ACTION_EVENT = 'card.action.trigger';

/** The shape of the bot's action ids ('leave.approve'); anything else was not put there by the bot. */
const ACTION_ID = /^[A-Za-z][\w-]{0,31}(\.[A-Za-z][\w-]{0,31}){0,3}$/;

const ignored = (why: string): Decoded => ({ kind: 'ignored', why });
const invalid = (reason: string): Decoded => ({ kind: 'invalid', reason });

/** Turns a verified, decrypted schema-2.0 envelope into a neutral event. */
export async function decodeEnvelope(envelope: FeishuEnvelope, deps: DecoderDeps): Promise<Decoded> {
  const sentAt = parseFeishuTime(envelope.header.create_time);
  if (!sentAt) return invalid('header.create_time is not a timestamp in seconds, milliseconds or microseconds');
  if (envelope.header.event_type === MESSAGE_EVENT) {
    const body = check(MessageEventBody, envelope.event, 'the message event');
    return body.ok ? decodeMessage(body.value, sentAt, deps) : invalid(body.reason);
  }
  if (envelope.header.event_type === CARD_ACTION_EVENT) {
    const body = check(CardActionBody, envelope.event, 'the card action');
    return body.ok ? decodeCardAction(envelope.header.event_id, body.value, sentAt) : invalid(body.reason);
  }
  return ignored(`event type ${envelope.header.event_type} is not handled`);
}

async function decodeMessage({ sender, message }: FeishuMessageEvent, sentAt: Date, deps: DecoderDeps): Promise<Decoded> {
  // Why: "sender_type is always user; the bot's own messages are not delivered" — but an app's
  // message, or our own echoed back under a broad scope, must never run a command (§1.7).
  if (sender.sender_type !== 'user') return ignored(`sent by ${sender.sender_type}`);
  const senderId = sender.sender_id?.open_id;
  if (!senderId) return invalid('the message event: sender.sender_id.open_id is missing');
  if (senderId === deps.knownBotOpenId()) return ignored("the bot's own message");
  const group = message.chat_type !== 'p2p';
  const mentions = message.mentions ?? [];
  // Why: with im:message.group_msg every group message arrives; the bot answers only when it
  // is @-ed, which is told by comparing mentions[].id.open_id with the bot's open_id (§1.7).
  const botId = group ? await deps.botOpenId() : deps.knownBotOpenId();
  const botKey = mentions.find((m) => botId !== undefined && m.id.open_id === botId)?.key;
  if (group && !botKey) return ignored('a group message that does not @ the bot');
  const content = decodeContent(message, deps);
  if (!content.ok) return invalid(content.reason);
  if (!content.value) return ignored(`message type ${message.message_type} is not handled`);
  const event: MessageEvent = {
    type: 'message',
    platform: 'feishu',
    // Why message_id, not event_id: Feishu may push one message under several event_ids (§1.8).
    dedupKey: message.message_id,
    sentAt,
    senderId,
    chat: { kind: group ? 'group' : 'direct', id: message.chat_id },
    text: botKey ? stripToken(content.value.text, botKey) : content.value.text,
    mentions: mentions.filter((m) => m.key !== botKey).map((m) => ({ token: m.key, externalId: m.id.open_id || undefined, name: m.name })),
    files: content.value.files,
    messageId: message.message_id,
  };
  return { kind: 'event', event };
}

/** Removes the bot's `@_user_N` placeholder: "@_user_1 打卡" is the command 打卡. */
function stripToken(text: string, token: string): string {
  return text.split(token).join(' ').replace(/[ \t]{2,}/g, ' ').trim();
}

type Content = { text: string; files: IncomingFile[] } | null;

function decodeContent(message: FeishuMessageEvent['message'], deps: DecoderDeps): Checked<Content> {
  const raw = parseJson(message.content, 'message.content');
  if (!raw.ok) return raw;
  if (message.message_type === 'text') {
    const text = check(TextContent, raw.value, 'the text content');
    return text.ok ? { ok: true, value: { text: text.value.text, files: [] } } : text;
  }
  if (message.message_type === 'image') {
    const image = check(ImageContent, raw.value, 'the image content');
    return image.ok ? { ok: true, value: { text: '', files: [resource(message.message_id, 'image', image.value.image_key, undefined, deps)] } } : image;
  }
  if (message.message_type === 'file') {
    const file = check(FileContent, raw.value, 'the file content');
    return file.ok ? { ok: true, value: { text: '', files: [resource(message.message_id, 'file', file.value.file_key, file.value.file_name, deps)] } } : file;
  }
  return { ok: true, value: null };
}

/** A file of a message; its MIME type is known once fetched (the API's Content-Type). */
function resource(messageId: string, kind: 'image' | 'file', key: string, fileName: string | undefined, deps: DecoderDeps): IncomingFile {
  const file: IncomingFile = {
    kind,
    key,
    fileName,
    async fetch() {
      const got = await deps.fetchResource(messageId, key, kind);
      file.mimeType = got.mimeType;
      return got.data;
    },
  };
  return file;
}

function decodeCardAction(eventId: string, body: FeishuCardAction, sentAt: Date): Decoded {
  const { [CARD_ACTION_KEY]: actionId, ...rest } = body.action.value ?? {};
  if (typeof actionId !== 'string' || !actionId) return invalid(`the card action: action.value.${CARD_ACTION_KEY} is missing`);
  if (!ACTION_ID.test(actionId)) return invalid(`the card action: action.value.${CARD_ACTION_KEY} is not an action id`);
  const event: CardActionEvent = {
    type: 'card-action',
    platform: 'feishu',
    dedupKey: eventId,
    sentAt,
    senderId: body.operator.open_id,
    // Why direct: the callback does not say whether the card sits in a group; what a click
    // answers (besides the toast) is for the one who clicked.
    chat: { kind: 'direct', id: body.operator.open_id },
    actionId,
    value: rest,
    form: formValues(body.action.form_value ?? {}),
    cardMessageId: body.context?.open_message_id,
  };
  return { kind: 'event', event };
}

/**
 * Form values as the commands read them. Why: date pickers submit "2024-04-01 +0800" and time
 * pickers "09:00 +0800" (docs/platforms/feishu.md §2.3 form_value); the zone suffix is dropped, the policy's
 * zone applies. Multi-selects submit arrays, joined with commas.
 */
function formValues(values: NonNullable<FeishuCardAction['action']['form_value']>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) out[k] = v.join(',');
    else if (typeof v === 'string') out[k] = v.replace(/^((?:\d{4}-\d{2}-\d{2})?\s?(?:\d{2}:\d{2})?)\s[+-]\d{4}$/, '$1').trim();
    else out[k] = String(v);
  }
  return out;
}
