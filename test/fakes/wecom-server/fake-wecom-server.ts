import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiAnswer } from './fake-wecom-api';
import { FakeWecomState, type ApiRecord, type FakeWecomOptions } from './fake-wecom-state';

/**
 * A fake WeCom server API on 127.0.0.1 (docs/platforms/wecom.md §3.8): gettoken, message/send,
 * message/update_template_card, media/get and the group robot's webhook/send, validated the
 * way the real one is, every call recorded, able to fail on demand (an errcode for the next
 * calls, expired or revoked tokens, a call that never answers). Point WECOM_API_BASE at `url`.
 */
export class FakeWecomServer extends FakeWecomState {
  url = '';
  private server: Server | undefined;
  private readonly held = new Set<ServerResponse>();
  private readonly hangs = new Map<string, number>();

  /** Starts a fake on a free port. */
  static async start(opts: FakeWecomOptions): Promise<FakeWecomServer> {
    const fake = new FakeWecomServer(opts);
    fake.server = createServer((req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Closes the server, ending the calls it holds. */
  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The next `times` calls of `api` (e.g. 'media/get') get no answer at all until the fake closes. */
  hangNext(api: string, times = 1): void {
    this.hangs.set(api, (this.hangs.get(api) ?? 0) + times);
  }

  /** Polls `probe` every 20 ms until it returns something truthy; fails after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > until) throw new Error(`fake WeCom: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    const query = Object.fromEntries(url.searchParams);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = { unparsable: raw };
    }
    const contentType = req.headers['content-type'];
    const record: ApiRecord = { seq: this.records.length + 1, at: Date.now(), method: req.method ?? 'GET', api, query, body, raw: bytes, contentType, errcode: 0, reply: null, flags: [] };
    this.records.push(record);
    const hang = this.hangs.get(api) ?? 0;
    if (hang > 0) {
      this.hangs.set(api, hang - 1);
      record.flags.push('hung');
      this.held.add(res);
      return;
    }
    const answer: ApiAnswer = handleApi(this, record);
    record.errcode = answer.json ? Number(answer.json.errcode ?? 0) : 0;
    record.reply = answer.json ?? { file: answer.file?.fileName };
    if (answer.file) {
      res.writeHead(200, { 'content-type': answer.file.mimeType, 'content-disposition': `attachment; filename="${answer.file.fileName}"` });
      res.end(answer.file.content);
      return;
    }
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer.json));
  }
}
