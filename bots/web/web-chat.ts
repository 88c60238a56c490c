import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/core/clock';
import type { CardActionEvent, ChatRef, IncomingFile, Mention, MessageEvent } from '../../src/core/incoming-event';
import type { Dispatch } from '../../src/core/platform-adapter';
import { ACCEPTED_FILE_TYPES, formatBytes, sniffFileType } from '../../src/domain/file-type';
import {
  WebChatError, type WebChatAnswer, type WebChatClockControl, type WebChatItem, type WebChatPerson, type WebChatPort, type WebChatSubscriber,
} from './web-chat-port';
import { directKey, groupKey, type WebConversations } from './web-conversations';
import { renderCard, renderFile, renderTyped } from './web-render';

/** What the web chat is built from; `people` is injected (the composition root reads the database). */
export interface WebChatDeps {
  clock: Clock;
  timeZone: string;
  conversations: WebConversations;
  /** The largest file the file button takes (the policy's attachments.maxBytes). */
  maxFileBytes: number;
  people(): Promise<WebChatPerson[]>;
  page(): string;
  script(): string;
}

/**
 * The web chat's inbound side and the port the HTTP routes talk to: a message typed on the page
 * becomes a MessageEvent and a click a CardActionEvent, stamped by the application's clock and
 * handed to the same dispatcher as every platform's; the replies come back through the outbox
 * and the WebMessenger.
 */
export class WebChat implements WebChatPort {
  clock: WebChatClockControl | undefined;
  private dispatch: Dispatch | undefined;

  constructor(private readonly deps: WebChatDeps) {}

  get timeZone(): string {
    return this.deps.timeZone;
  }

  get maxFileBytes(): number {
    return this.deps.maxFileBytes;
  }

  /** Connects the dispatcher (the adapter's start). */
  attach(dispatch: Dispatch | undefined): void {
    this.dispatch = dispatch;
  }

  page(): string {
    return this.deps.page();
  }

  script(): string {
    return this.deps.script();
  }

  people(): Promise<WebChatPerson[]> {
    return this.deps.people();
  }

  async history(account: string): Promise<WebChatItem[]> {
    return this.deps.conversations.items(keysOf(await this.person(account)));
  }

  async say(account: string, input: { chat: 'direct' | 'group'; text: string }): Promise<WebChatAnswer> {
    const people = await this.people();
    const { me, chat, key } = where(people, account, input.chat);
    const sentAt = this.deps.clock.now();
    const typed = this.deps.conversations.add([key], { kind: 'person', account, name: me.name }, sentAt, renderTyped(input.text));
    return this.message({ chat, sentAt, senderId: account, text: input.text, mentions: mentionsIn(input.text, people), files: [], id: typed.id });
  }

  async sendFile(account: string, input: { chat: 'direct' | 'group'; fileName: string; content: Buffer }): Promise<WebChatAnswer> {
    const { me, chat, key } = where(await this.people(), account, input.chat);
    const name = input.fileName.replace(/^.*[\\/]/, '').trim() || '未命名文件';
    const { content } = input;
    const max = this.deps.maxFileBytes;
    if (content.length === 0) throw new WebChatError(400, `文件「${name}」是空的，请重新选择。`);
    if (content.length > max) {
      throw new WebChatError(413, `文件「${name}」有 ${formatBytes(content.length)}，超过了 ${formatBytes(max)} 的上限，没有发送。请压缩图片或截图后再发。`);
    }
    const type = sniffFileType(content);
    if (!type) throw new WebChatError(415, `文件「${name}」不是图片或 PDF，没有发送：只收${ACCEPTED_FILE_TYPES}（按文件内容判断，不看扩展名）。请拍照或导出为 PDF 后再发。`);
    const sentAt = this.deps.clock.now();
    const typed = this.deps.conversations.add([key], { kind: 'person', account, name: me.name }, sentAt, renderFile(name, type.label, formatBytes(content.length)));
    const file: IncomingFile = { kind: type.kind, key: typed.id, fileName: name, mimeType: type.mimeType, fetch: async () => content };
    return this.message({ chat, sentAt, senderId: account, text: '', mentions: [], files: [file], id: typed.id });
  }

  /** Dispatches what was typed or sent (already shown in the chat as message `id`). */
  private async message(m: { chat: ChatRef; sentAt: Date; senderId: string; text: string; mentions: Mention[]; files: IncomingFile[]; id: string }): Promise<WebChatAnswer> {
    const event: MessageEvent = {
      type: 'message', platform: 'web', dedupKey: m.id, sentAt: m.sentAt, senderId: m.senderId, chat: m.chat, text: m.text, mentions: m.mentions, files: m.files, messageId: m.id,
    };
    const outcome = await this.ready()(event);
    return { status: outcome.status, toast: outcome.immediate?.toast };
  }

  async click(account: string, input: { messageId: string; button: number | 'submit'; form: Record<string, string> }): Promise<WebChatAnswer> {
    const keys = keysOf(await this.person(account));
    const message = this.deps.conversations.get(input.messageId);
    const key = message?.keys.find((k) => keys.includes(k));
    if (!message || !key) throw new WebChatError(404, 'no such message in your chats');
    const card = message.card;
    const button = input.button === 'submit' ? card?.form?.submit : card?.buttons?.[input.button];
    if (!card || !button) return { status: 'gone', toast: { kind: 'info', text: '这张卡片已经更新，按钮已失效。' } };
    const inputs = input.button === 'submit' ? card.form?.inputs ?? [] : button.inputs ?? [];
    const form = Object.fromEntries(inputs.filter((i) => typeof input.form[i.name] === 'string').map((i) => [i.name, input.form[i.name].trim()]));
    const event: CardActionEvent = {
      type: 'card-action', platform: 'web', dedupKey: `click:${randomUUID()}`, sentAt: this.deps.clock.now(), senderId: account,
      chat: key.startsWith('group:') ? { kind: 'group', id: key.slice('group:'.length) } : { kind: 'direct', id: account },
      actionId: button.actionId, value: button.value, form, cardMessageId: message.id,
    };
    const outcome = await this.ready()(event);
    if (outcome.immediate?.card) this.deps.conversations.update(message.id, outcome.immediate.card, renderCard(outcome.immediate.card));
    return { status: outcome.status, toast: outcome.immediate?.toast };
  }

  async subscribe(account: string, subscriber: WebChatSubscriber): Promise<() => void> {
    const unsubscribe = this.deps.conversations.subscribe(keysOf(await this.person(account)), subscriber);
    if (this.clock) subscriber.event({ type: 'clock', clock: this.clock.state(), ran: [] });
    return unsubscribe;
  }

  private async person(account: string): Promise<WebChatPerson> {
    return findPerson(await this.people(), account);
  }

  private ready(): Dispatch {
    if (!this.dispatch) throw new Error('the web chat has not been started');
    return this.dispatch;
  }
}

/** Who writes, into which chat: their direct chat, or their team's group chat (400 for someone in no team). */
function where(people: WebChatPerson[], account: string, kind: 'direct' | 'group'): { me: WebChatPerson; chat: ChatRef; key: string } {
  const me = findPerson(people, account);
  if (kind === 'direct') return { me, chat: { kind: 'direct', id: account }, key: directKey(account) };
  if (!me.groupChatId) throw new WebChatError(400, `${me.name} is in no team, so has no group chat`);
  return { me, chat: { kind: 'group', id: me.groupChatId }, key: groupKey(me.groupChatId) };
}

function findPerson(people: WebChatPerson[], account: string): WebChatPerson {
  const person = people.find((p) => p.account === account);
  if (!person) throw new WebChatError(404, `no web chat account ${account}`);
  return person;
}

/** The conversations a person sees: their direct chat and their team's group chat. */
function keysOf(p: WebChatPerson): string[] {
  return [directKey(p.account), ...(p.groupChatId ? [groupKey(p.groupChatId)] : [])];
}

/** `@张伟` in the text, for each person named so: the web chat's mentions (longest names first). */
function mentionsIn(text: string, people: WebChatPerson[]): Mention[] {
  return [...people]
    .sort((a, b) => b.name.length - a.name.length)
    .filter((p) => text.includes(`@${p.name}`))
    .map((p) => ({ token: `@${p.name}`, externalId: p.account, name: p.name }));
}
