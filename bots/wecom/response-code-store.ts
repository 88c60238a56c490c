/** A response_code and when it was received (ms since the epoch). */
export interface StoredCode {
  code: string;
  at: number;
}

/**
 * The latest response_code of each template card, by task_id, in this process.
 *
 * Why: update_template_card needs a response_code that is single-use and valid for 72 h (24 h in
 * older docs, so we keep 24 h); message/send returns one and every click brings a newer one
 * (docs/platforms/wecom.md §3.2, §3.5). The most recent one wins.
 *
 * Caveat with several replicas: the code lives in the memory of the replica that received it.
 * A click that reaches replica A while replica B sends the update leaves B with only its
 * send-time code (or none after a restart); when WeCom refuses it, the messenger sends the card
 * anew instead, so the decision still reaches the approver.
 */
export class ResponseCodeStore {
  private readonly codes = new Map<string, StoredCode>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 20_000,
  ) {}

  /** Keeps `code` as the latest for `taskId`. */
  remember(taskId: string, code: string, at = Date.now()): void {
    this.codes.delete(taskId);
    this.codes.set(taskId, { code, at });
    while (this.codes.size > this.maxEntries) this.codes.delete(this.codes.keys().next().value as string);
  }

  /** Takes the latest live code for `taskId` (a code is used once), or undefined. */
  take(taskId: string, now = Date.now()): StoredCode | undefined {
    const entry = this.codes.get(taskId);
    this.codes.delete(taskId);
    return entry && now - entry.at < this.ttlMs ? entry : undefined;
  }

  /** Puts back a code whose use failed for a passing reason, unless a newer one came meanwhile. */
  restore(taskId: string, entry: StoredCode): void {
    if (!this.codes.has(taskId)) this.codes.set(taskId, entry);
  }
}

/**
 * What the bot needs to find a sent WeCom message again, kept as the outbox's message id
 * (191 characters at most): a template card by its task_id, anything else by the platform's
 * msgid; both with the recipients when they fit, for the fallback message of an update.
 */
export type MessageRef =
  | { kind: 'card'; taskId: string; users: string[] }
  | { kind: 'msg'; msgId: string; users: string[] };

/** The outbox column's width. */
const MAX = 191;

/**
 * `card/<task_id>/<u1|u2>` or `msg/<msgid>/<users>`. Why these separators: userids, task ids
 * and msgids never contain '/' (task_id is [0-9A-Za-z_-@], docs/platforms/wecom.md §3.4), and '|' is how
 * message/send itself joins userids (§3.2).
 */
export function encodeRef(ref: MessageRef): string {
  const id = ref.kind === 'card' ? ref.taskId : ref.msgId.replace(/\//g, '_');
  const full = `${ref.kind}/${id}/${ref.users.join('|')}`;
  return full.length <= MAX ? full : `${ref.kind}/${id}/`.slice(0, MAX);
}

/** The reference encoded by {@link encodeRef}, or null for anything else. */
export function decodeRef(messageId: string): MessageRef | null {
  const m = /^(card|msg)\/([^/]*)\/(.*)$/.exec(messageId);
  if (!m) return null;
  const users = m[3] ? m[3].split('|') : [];
  return m[1] === 'card' ? { kind: 'card', taskId: m[2], users } : { kind: 'msg', msgId: m[2], users };
}
