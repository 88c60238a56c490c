/** What the messenger needs of a running wechaty client; the session implements it. */
export interface WechatyLink {
  /** True while the WeChat account is logged in (a puppet reconnecting is not). */
  loggedIn(): boolean;
  /** The bot account's display name once logged in: commands in rooms are shown after `@name`. */
  selfName(): string | undefined;
  /**
   * Sends `text` to a contact ('user') or a room ('chat'); resolves to the puppet's message id
   * when the puppet gives one. Throws {@link TargetNotFoundError} for an unknown id.
   */
  say(kind: ConversationKind, id: string, text: string): Promise<string | undefined>;
  /** Sends a file (its name and bytes) the same way, as a FileBox through the puppet. */
  sendFile(kind: ConversationKind, id: string, file: { name: string; content: Buffer }): Promise<string | undefined>;
}

/** A contact (one person) or a room (a WeChat group). */
export type ConversationKind = 'user' | 'chat';

/** The puppet knows no contact or room with that id (a wrong id in the org file, or a re-bind due). */
export class TargetNotFoundError extends Error {
  constructor(
    readonly kind: ConversationKind,
    readonly id: string,
  ) {
    super(`no WeChat ${kind === 'chat' ? 'room' : 'contact'} with id ${id}: check the org file (ids depend on the puppet)`);
    this.name = 'TargetNotFoundError';
  }
}

/** Where a sent message went, kept in the outbox's message id so a card can be sent again. */
export interface SentRef {
  kind: ConversationKind;
  ids: string[];
  /** The puppet's message id, when it gave one (for tracing only). */
  puppetId?: string;
}

/** The outbox keeps message ids in a 191-character column. */
const MESSAGE_ID_MAX = 191;

/**
 * The outbox message id of a send. Why: WeChat messages cannot be edited through wechaty, so
 * "updating a card" means sending its new state to the same people again; the id carries where
 * that is, and survives restarts. Undefined when it would not fit (very many recipients).
 */
export function encodeSentRef(ref: SentRef): string | undefined {
  const encoded = JSON.stringify({ k: ref.kind, ids: ref.ids, ...(ref.puppetId ? { m: ref.puppetId } : {}) });
  if (encoded.length <= MESSAGE_ID_MAX) return encoded;
  const withoutPuppetId = JSON.stringify({ k: ref.kind, ids: ref.ids });
  return withoutPuppetId.length <= MESSAGE_ID_MAX ? withoutPuppetId : undefined;
}

/** The reference an {@link encodeSentRef} id stands for, or null for anything else. */
export function decodeSentRef(messageId: string): SentRef | null {
  try {
    const raw = JSON.parse(messageId) as { k?: unknown; ids?: unknown; m?: unknown };
    if ((raw.k !== 'user' && raw.k !== 'chat') || !Array.isArray(raw.ids) || !raw.ids.every((i) => typeof i === 'string')) return null;
    return { kind: raw.k, ids: raw.ids as string[], puppetId: typeof raw.m === 'string' ? raw.m : undefined };
  } catch {
    return null;
  }
}
