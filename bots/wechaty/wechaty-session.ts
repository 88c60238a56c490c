import type { Message, Wechaty, WechatyOptions } from 'wechaty';
import type { Logger } from '../../src/core/logger';
import { LoginLog } from './login-log';
import type { DecodeContext } from './message-decoder';
import { TargetNotFoundError, type ConversationKind, type WechatyLink } from './wechaty-link';

/** Which puppet to run: an npm package name with its token, or a puppet instance (tests). */
export interface SessionConfig {
  puppet: string | object;
  puppetToken?: string;
}

/** Called for every message wechaty emits, with what decoding it needs. */
export type MessageListener = (msg: Message, ctx: Omit<DecodeContext, 'fileTimeoutMs'>) => void;

/**
 * One wechaty client for the process: loads the package on start (a server without
 * WECHATY_PUPPET never pays for it), logs the login's life, hands messages on, and sends.
 */
export class WechatySession implements WechatyLink {
  private bot: Wechaty | undefined;

  constructor(
    private readonly config: SessionConfig,
    private readonly logger: Logger,
    private readonly log = new LoginLog(logger),
  ) {}

  /** Builds and starts the client; resolves before the login (a QR code may wait for a person). */
  async start(onMessage: MessageListener): Promise<void> {
    const wechaty = await import('wechaty');
    const { puppet, puppetToken } = this.config;
    // Why always explicit: without a puppet wechaty falls back to WECHATY_PUPPET or to the
    // web-WeChat puppet and connects to wx.qq.com at once (docs/platforms/wecom.md §6.3).
    const options = (typeof puppet === 'string' ? { puppet, puppetOptions: puppetToken ? { token: puppetToken } : {} } : { puppet }) as WechatyOptions;
    let bot: Wechaty;
    try {
      bot = wechaty.WechatyBuilder.build(options);
    } catch (e) {
      throw this.startError(e);
    }
    const types = { Message: wechaty.types.Message, Contact: wechaty.types.Contact };
    bot.on('scan', (qrcode, status) => void this.log.scan(qrcode, wechaty.types.ScanStatus[status] ?? String(status)));
    bot.on('login', (user) => this.log.login({ id: user.id, name: user.name() }));
    bot.on('logout', (user, reason) => this.log.logout({ id: user.id, name: user.name() }, reason));
    // Why a listener: wechaty reports puppet trouble as 'error' events, and an EventEmitter
    // without an 'error' listener throws them out of the process.
    bot.on('error', (err) => this.log.error(err));
    bot.on('message', (msg) => onMessage(msg, { types, self: () => (bot.isLoggedIn ? bot.currentUser : undefined), receivedAt: new Date() }));
    this.bot = bot;
    try {
      await bot.start();
    } catch (e) {
      this.bot = undefined;
      throw this.startError(e);
    }
  }

  private startError(e: unknown): Error {
    const name = typeof this.config.puppet === 'string' ? this.config.puppet : 'the given puppet';
    return new Error(`wechaty could not start with ${name} (WECHATY_PUPPET; is the package installed and WECHATY_PUPPET_TOKEN right?): ${(e as Error).message}`);
  }

  /** Stops the client and its puppet without logging the account out (a puppet service keeps the session). */
  async stop(): Promise<void> {
    const bot = this.bot;
    this.bot = undefined;
    if (!bot) return;
    await bot.stop();
  }

  /** True while the account is logged in. */
  loggedIn(): boolean {
    return this.bot?.isLoggedIn ?? false;
  }

  /** The account's WeChat name, once logged in. */
  selfName(): string | undefined {
    const bot = this.bot;
    if (!bot?.isLoggedIn) return undefined;
    try {
      return bot.currentUser.name() || undefined;
    } catch {
      return undefined;
    }
  }

  /** Sends text to a contact or a room by id. */
  async say(kind: ConversationKind, id: string, text: string): Promise<string | undefined> {
    const target = await this.target(kind, id);
    return sentId(await target.say(text));
  }

  /**
   * Sends a file to a contact or a room by id. Why file-box: `say()` takes a FileBox for files
   * (docs/platforms/wecom.md §6.4); the package comes with wechaty, which depends on it. Why
   * base64 and not fromBuffer: a puppet serializes the FileBox it is given (toJSON), and a
   * buffer FileBox refuses to be serialized; a base64 one carries its bytes
   * (https://github.com/huan/file-box/issues/25).
   */
  async sendFile(kind: ConversationKind, id: string, file: { name: string; content: Buffer }): Promise<string | undefined> {
    const target = await this.target(kind, id);
    const { FileBox } = await import('file-box');
    return sentId(await target.say(FileBox.fromBase64(file.content.toString('base64'), file.name)));
  }

  private async target(kind: ConversationKind, id: string) {
    const bot = this.bot;
    if (!bot) throw new Error('wechaty is not running');
    const target = kind === 'chat' ? await bot.Room.find({ id }) : await bot.Contact.find({ id });
    if (!target) throw new TargetNotFoundError(kind, id);
    return target;
  }
}

/** Why the check: most puppets resolve say() to void; some give the sent message. */
function sentId(sent: unknown): string | undefined {
  return sent && typeof sent === 'object' && 'id' in sent && typeof sent.id === 'string' ? sent.id : undefined;
}
