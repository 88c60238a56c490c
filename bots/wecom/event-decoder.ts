import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { IncomingEvent, IncomingFile } from '../../src/core/incoming-event';
import { CallbackRejected } from './callback-crypto';
import { selectedOptions, type InnerMessage } from './callback-parser';
import { parseButtonKey } from './template-card-renderer';

/** A file fetched from media/get. */
export interface FetchedMedia {
  content: Buffer;
  fileName?: string;
  mimeType?: string;
}

/** Fetches a MediaId's bytes (media/get, with a short timeout: it runs inside the webhook). */
export type MediaFetcher = (mediaId: string) => Promise<FetchedMedia>;

/** What `enter_agent` (a member opened the app) asks the bot: the commands they may use. */
export const ENTER_AGENT_TEXT = '帮助';

/**
 * An instant from a platform stamp, normalised by magnitude in one place (docs/architecture.md: seconds,
 * milliseconds or microseconds). WeCom's CreateTime is Unix seconds (docs/platforms/wecom.md §2).
 */
export function instantOf(stamp: string): Date {
  const n = Number(stamp);
  if (n >= 1e14) return new Date(Math.floor(n / 1000));
  if (n >= 1e11) return new Date(n);
  return new Date(n * 1000);
}

/**
 * CreateTime as an instant; 400 when it is no time at all. Too old or in the future is the
 * dispatcher's to refuse (events.dedupRetentionDays, events.maxClockSkewSeconds).
 */
function sentAtOf(stamp: string): Date {
  const at = instantOf(stamp);
  if (!Number.isFinite(at.getTime()) || at.getTime() <= 0) throw new CallbackRejected(400, 'CreateTime is not a Unix time');
  return at;
}

/** What the bot puts in a button key (template-card-renderer): an action id and short named values. */
const ACTION_ID = z.string().regex(/^[A-Za-z][\w-]{0,31}(\.[A-Za-z][\w-]{0,31}){0,3}$/);
const NAME = z.string().regex(/^[A-Za-z][\w-]{0,63}$/);
const uniqueNames = (pairs: Array<[string, string]>) => new Set(pairs.map(([k]) => k)).size === pairs.length;
const ClickSchema = z.object({
  actionId: ACTION_ID,
  value: z.array(z.tuple([NAME, z.string().max(1024)])).max(16).refine(uniqueNames, 'a name repeats'),
  form: z.array(z.tuple([NAME, z.string().max(4096)])).max(32).refine(uniqueNames, 'a question repeats'),
});

/**
 * A card click's action, values and selections, checked: anything but what the bot's own
 * button keys and questions look like is a 400 (a forged or foreign EventKey).
 */
function clickOf(m: InnerMessage & { EventKey: string }): { actionId: string; value: Record<string, string>; form: Record<string, string> } {
  const at = m.EventKey.indexOf('?');
  const { actionId } = parseButtonKey(m.EventKey);
  // Why pairs, not the parsed record: a repeated name would silently keep only its last value.
  const value = at < 0 ? [] : [...new URLSearchParams(m.EventKey.slice(at + 1))];
  const form = selectedOptions(m).map((o): [string, string] => [o.questionKey, o.optionIds.join(',')]);
  const checked = ClickSchema.safeParse({ actionId, value, form });
  if (!checked.success) throw new CallbackRejected(400, `the card click is not one of ours: ${checked.error.issues[0]?.path.join('.')}`);
  return { actionId, value: Object.fromEntries(checked.data.value), form: Object.fromEntries(checked.data.form) };
}

/** The processed_events key column holds 191 characters; longer keys are hashed. */
function boundedKey(key: string): string {
  return key.length <= 191 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * The dedup key. Why these fields: WeCom redelivers the same payload up to three times and
 * recommends MsgId for messages and FromUserName + CreateTime for events; a card click adds
 * TaskId and EventKey (docs/platforms/wecom.md §2.5, docs/architecture.md).
 */
export function dedupKeyOf(m: InnerMessage): string {
  if (m.MsgType !== 'event' && m.MsgId) return boundedKey(`msg:${m.MsgId}`);
  const base = `${m.FromUserName}:${m.CreateTime}:${m.Event ?? m.MsgType}`;
  if (m.Event === 'template_card_event') return boundedKey(`card:${base}:${m.TaskId ?? ''}:${m.EventKey ?? ''}`);
  return boundedKey(`event:${base}`);
}

/**
 * An image as an IncomingFile. Its name and type are known only once fetched, so fetch() fills
 * them in before the sick-note service reads them.
 */
function mediaFile(kind: IncomingFile['kind'], mediaId: string, fetchMedia: MediaFetcher): IncomingFile {
  const file: IncomingFile = {
    kind,
    key: mediaId,
    async fetch() {
      const media = await fetchMedia(mediaId);
      file.fileName = media.fileName ?? file.fileName;
      file.mimeType = media.mimeType ?? file.mimeType;
      return media.content;
    },
  };
  return file;
}

/**
 * The neutral event of a decrypted payload, or null for what the bot ignores (voice, video,
 * location, link, menu views, subscriptions …). App messages are always 1:1: a self-built app
 * receives no group-chat messages (docs/platforms/wecom.md §2.1).
 */
export function toIncomingEvent(m: InnerMessage, fetchMedia: MediaFetcher): IncomingEvent | null {
  const base = {
    platform: 'wecom' as const,
    dedupKey: dedupKeyOf(m),
    sentAt: sentAtOf(m.CreateTime),
    senderId: m.FromUserName,
    chat: { kind: 'direct' as const, id: m.FromUserName },
  };
  const message = (text: string, files: IncomingFile[] = []): IncomingEvent => ({ ...base, type: 'message', text, mentions: [], files, messageId: m.MsgId });
  if (m.MsgType === 'text') return message(m.Content ?? '');
  if (m.MsgType === 'image' && m.MediaId) return message('', [mediaFile('image', m.MediaId, fetchMedia)]);
  if (m.MsgType !== 'event') return null;
  if (m.Event === 'template_card_event' && m.EventKey) {
    return { ...base, type: 'card-action', ...clickOf({ ...m, EventKey: m.EventKey }), cardMessageId: m.TaskId };
  }
  if (m.Event === 'enter_agent') return message(ENTER_AGENT_TEXT);
  // Why: a custom menu button's EventKey is the command it stands for, e.g. 打卡 (docs/platforms/wecom.md §2.3).
  if (m.Event === 'click' && m.EventKey) return message(m.EventKey);
  return null;
}
