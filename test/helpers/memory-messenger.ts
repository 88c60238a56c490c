import type { NeutralCard } from '../../src/core/neutral-card';
import type { Platform } from '../../src/core/incoming-event';
import { DeliveryError, type Messenger, type OutboundBody, type OutboundTarget, type SendOptions, type SendResult } from '../../src/core/messenger';

/** One message the in-memory platform received. */
export interface SentMessage {
  messageId: string;
  target: OutboundTarget;
  body: OutboundBody;
  /** The card as last updated (updates replace it). */
  card?: NeutralCard;
  updates: number;
  /** The outbox's idempotency key of the send. */
  key?: string;
}

/** An in-memory platform for tests: records what is sent and updated; can be told to fail. */
export class MemoryMessenger implements Messenger {
  readonly sent: SentMessage[] = [];
  private seq = 0;
  /** Failures to throw on the next sends, in order. */
  readonly failures: DeliveryError[] = [];

  constructor(readonly platform: Platform = 'web') {}

  async send(target: OutboundTarget, body: OutboundBody, options: SendOptions = {}): Promise<SendResult> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const messageId = `${this.platform}-msg-${++this.seq}`;
    this.sent.push({ messageId, target, body, card: body.kind === 'card' ? body.card : undefined, updates: 0, key: options.idempotencyKey });
    return { messageId };
  }

  async update(messageId: string, card: NeutralCard): Promise<void> {
    const m = this.sent.find((s) => s.messageId === messageId);
    if (!m) throw new DeliveryError(`no message ${messageId}`, false);
    m.card = card;
    m.updates += 1;
  }

  /** Messages to one account (direct) or one chat, in order. */
  to(id: string): SentMessage[] {
    return this.sent.filter((m) => (m.target.kind === 'user' && m.target.externalId === id) || (m.target.kind === 'chat' && m.target.chatId === id) || (m.target.kind === 'users' && m.target.externalIds.includes(id)));
  }

  /** The text of a message (a card's title, fields and footer as lines). */
  static text(m: SentMessage): string {
    if (m.body.kind === 'text') return m.body.text;
    if (m.body.kind === 'file') return `[文件] ${m.body.file.name}`;
    const c = m.card as NeutralCard;
    return [c.title, ...c.fields.map((f) => `${f.label}：${f.value}`), c.text ?? '', c.footer ?? ''].filter(Boolean).join('\n');
  }
}
