import { randomBytes } from 'node:crypto';
import type { NeutralCard } from '../../src/core/neutral-card';
import type { WebChatEvent, WebChatItem, WebChatSender, WebChatSubscriber } from './web-chat-port';

/** A message kept for the page: where it is shown, who wrote it, its HTML and its card. */
export interface StoredMessage {
  /** Unique across restarts (outbox rows keep it to update the card later). */
  id: string;
  seq: number;
  /** Conversation keys: 'direct:<account>' or 'group:<chat id>'. */
  keys: string[];
  from: WebChatSender;
  at: Date;
  html: string;
  /** The card as last sent or updated (a click looks its buttons up here). */
  card?: NeutralCard;
}

/** The conversation key of an account's direct chat with the bot. */
export const directKey = (account: string): string => `direct:${account}`;

/** The conversation key of a group chat. */
export const groupKey = (chatId: string): string => `group:${chatId}`;

const PER_CONVERSATION = 500;
const TOTAL = 5000;

/**
 * The web chat's conversations, in memory: what was said in each direct and group chat (the
 * last few hundred messages; a restart starts them afresh) and who is listening to which.
 * One process serves the web chat, so nothing here needs to be shared.
 */
export class WebConversations {
  private seq = 0;
  private readonly boot = randomBytes(4).toString('hex');
  private readonly messages = new Map<string, StoredMessage>();
  private readonly conversations = new Map<string, string[]>();
  private readonly subscribers = new Map<WebChatSubscriber, string[]>();

  /** Stores a message in the conversations `keys` and tells their listeners. */
  add(keys: string[], from: WebChatSender, at: Date, html: string, card?: NeutralCard): StoredMessage {
    const seq = ++this.seq;
    const message: StoredMessage = { id: `w${this.boot}-${seq}`, seq, keys, from, at, html, card };
    this.messages.set(message.id, message);
    if (this.messages.size > TOTAL) this.messages.delete(this.messages.keys().next().value as string);
    for (const key of keys) {
      const ids = [...(this.conversations.get(key) ?? []), message.id].slice(-PER_CONVERSATION);
      this.conversations.set(key, ids);
    }
    this.publish(message, 'message');
    return message;
  }

  /** Replaces a message's card and tells everyone who sees it; false when it is gone. */
  update(id: string, card: NeutralCard, html: string): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    message.card = card;
    message.html = html;
    this.publish(message, 'update');
    return true;
  }

  /** A message by id. */
  get(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** The messages of the conversations `keys`, oldest first, as one viewer sees them. */
  items(keys: string[]): WebChatItem[] {
    const seen = new Map<string, { seq: number; item: WebChatItem }>();
    for (const key of keys) {
      for (const id of this.conversations.get(key) ?? []) {
        const message = this.messages.get(id);
        if (message && !seen.has(id)) seen.set(id, { seq: message.seq, item: toItem(message, key) });
      }
    }
    return [...seen.values()].sort((a, b) => a.seq - b.seq).map((s) => s.item);
  }

  /** Listens to the conversations `keys`; returns the unsubscribe. */
  subscribe(keys: string[], subscriber: WebChatSubscriber): () => void {
    this.subscribers.set(subscriber, keys);
    return () => void this.subscribers.delete(subscriber);
  }

  /** Tells every listener (the clock moved). */
  broadcast(event: WebChatEvent): void {
    for (const s of this.subscribers.keys()) s.event(event);
  }

  /** Ends every listener's stream (shutdown). */
  endAll(): void {
    for (const s of [...this.subscribers.keys()]) s.end();
    this.subscribers.clear();
  }

  private publish(message: StoredMessage, type: 'message' | 'update'): void {
    for (const [subscriber, keys] of this.subscribers) {
      const key = keys.find((k) => message.keys.includes(k));
      if (key) subscriber.event({ type, item: toItem(message, key) });
    }
  }
}

/** A stored message as the viewer of conversation `key` sees it. */
function toItem(message: StoredMessage, key: string): WebChatItem {
  return { id: message.id, chat: key.startsWith('group:') ? 'group' : 'direct', from: message.from, at: message.at.toISOString(), html: message.html };
}
