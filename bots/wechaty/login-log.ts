import type { Logger } from '../../src/core/logger';

/** The shape of the `qrcode` package's text renderer, the only part used. */
interface QrCodeLib {
  toString(value: string, options: { type: 'utf8'; errorCorrectionLevel?: 'L' | 'M' }): Promise<string>;
}

/**
 * Why a variable: `qrcode` ships no typings, and a computed specifier keeps the compiler from
 * asking for them. It is installed with wechaty (wechaty → file-box → qrcode) and loaded only
 * when a QR code is shown, like wechaty itself.
 */
const QRCODE_MODULE: string = 'qrcode';

/** The QR code as text lines (block characters) for the log, or undefined without the renderer. */
export async function renderQrText(value: string): Promise<string | undefined> {
  try {
    const lib = (await import(QRCODE_MODULE)) as QrCodeLib;
    return await lib.toString(value, { type: 'utf8', errorCorrectionLevel: 'L' });
  } catch {
    return undefined;
  }
}

/** Scan statuses that carry a fresh QR code to show (wechaty-puppet ScanStatus names). */
const SHOW_QR = new Set(['Unknown', 'Waiting', 'Timeout']);

/**
 * Logs the life of the WeChat login: the QR code to scan (as text, and the value it encodes),
 * the scan's progress, the login, a logout, and a later login as a reconnect with the time it
 * was away. One logger line each; the QR code is in the `qrcode` field.
 */
export class LoginLog {
  private lastQr: string | undefined;
  private loggedInBefore = false;
  private loggedOutAt: number | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly render: (value: string) => Promise<string | undefined> = renderQrText,
  ) {}

  /** A scan event: a new QR code is logged once; progress (scanned, confirmed) as a line. */
  async scan(value: string, status: string): Promise<void> {
    if (!SHOW_QR.has(status) || !value) {
      this.logger.info({ platform: 'wechaty', scanStatus: status }, `WeChat login: QR code ${status.toLowerCase()}`);
      return;
    }
    if (value === this.lastQr) return;
    this.lastQr = value;
    const qrcode = await this.render(value);
    this.logger.warn(
      { platform: 'wechaty', scanStatus: status, scanUrl: value, qrcode },
      qrcode
        ? 'WeChat login: scan this QR code with the bot account (field qrcode; `jq -r .qrcode` prints it), or open scanUrl as a QR code'
        : 'WeChat login: make a QR code of scanUrl and scan it with the bot account (the qrcode package is missing)',
    );
  }

  /** The account logged in; a second login is a reconnect. */
  login(user: { id: string; name: string }): void {
    const awayMs = this.loggedOutAt === undefined ? undefined : this.now() - this.loggedOutAt;
    const reconnect = this.loggedInBefore;
    this.loggedInBefore = true;
    this.loggedOutAt = undefined;
    this.lastQr = undefined;
    this.logger.info({ platform: 'wechaty', account: user.id, name: user.name, reconnect, awayMs }, reconnect ? 'WeChat reconnected' : 'WeChat logged in');
  }

  /** The account logged out (or the puppet lost it): messages wait in the outbox until a login. */
  logout(user: { id: string; name: string }, reason?: string): void {
    this.loggedOutAt = this.now();
    this.logger.warn({ platform: 'wechaty', account: user.id, name: user.name, reason }, 'WeChat logged out; sending waits until it logs in again');
  }

  /** An error event of wechaty or its puppet. */
  error(err: unknown): void {
    this.logger.warn({ platform: 'wechaty', err }, 'wechaty reported an error');
  }
}
